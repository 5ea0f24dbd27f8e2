package org.meridian.scenario.evaluation;

import static java.util.Objects.requireNonNull;

import org.meridian.scenario.statistics.Statistics;

/**
 * The samples of one scenario: the unit cost, each output and each metric, sample by sample
 * (sample {@code k} of every column belongs to the same draw).
 */
public final class ScenarioOutcome {
    private final String scenario;
    private final double[] cost;
    private final double[][] outputs;
    private final double[][] metrics;

    ScenarioOutcome(String scenario, int samples, int outputCount, int metricCount) {
        this.scenario = requireNonNull(scenario, "scenario is null");
        this.cost = new double[samples];
        this.outputs = new double[outputCount][samples];
        this.metrics = new double[metricCount][samples];
    }

    public String scenario() {
        return scenario;
    }

    public int samples() {
        return cost.length;
    }

    /** How many columns {@code variable} has (1 for cost). */
    public int count(ResultVariable variable) {
        return switch (variable) {
            case COST -> 1;
            case OUTPUT -> outputs.length;
            case METRIC -> metrics.length;
        };
    }

    /** A copy of the samples of one column. */
    public double[] values(ResultVariable variable, int offset) {
        return column(variable, offset).clone();
    }

    /** The statistics of one column (without copying it twice). */
    public Statistics statistics(ResultVariable variable, int offset) {
        return Statistics.of(column(variable, offset));
    }

    /** The column itself, for code in this package that fills it or only reads it. */
    double[] column(ResultVariable variable, int offset) {
        return switch (variable) {
            case COST -> {
                if (offset != 0) {
                    throw new IndexOutOfBoundsException("cost has one column, asked for offset " + offset);
                }
                yield cost;
            }
            case OUTPUT -> outputs[offset];
            case METRIC -> metrics[offset];
        };
    }
}
