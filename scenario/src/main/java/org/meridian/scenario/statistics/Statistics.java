package org.meridian.scenario.statistics;

import static java.util.Objects.requireNonNull;

/**
 * The summary analysts read for one result column.
 *
 * @param standardDeviation the sample standard deviation (n − 1 in the denominator, as pandas)
 * @param p10 10th percentile, numpy's linear interpolation (as are p50 and p90)
 */
public record Statistics(double mean, double standardDeviation, double p10, double p50, double p90) {
    public Statistics {
        if (!(p10 <= p50 && p50 <= p90)) {
            throw new IllegalArgumentException("quantiles must be ordered, got " + p10 + ", " + p50 + ", " + p90);
        }
    }

    /** Summarises {@code values} (left unchanged). */
    public static Statistics of(double[] values) {
        requireNonNull(values, "values is null");
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double mean = mean(values);
        if (isConstant(values)) {
            // Certain results are common (whole scenarios without uncertainty): no spread to select.
            return new Statistics(values[0], 0, values[0], values[0], values[0]);
        }
        double squares = 0;
        double residual = 0;
        for (double value : values) {
            double deviation = value - mean;
            squares += deviation * deviation;
            residual += deviation;
        }
        // Two-pass with the rounding residual removed: exact for constant columns, stable otherwise.
        int count = values.length;
        double variance = count > 1 ? (squares - residual * residual / count) / (count - 1) : 0;
        double[] copy = values.clone();
        double p10 = OrderStatistics.quantile(copy, 0, 0.1);
        double p50 = OrderStatistics.quantile(copy, (int) Math.floor((count - 1) * 0.1), 0.5);
        double p90 = OrderStatistics.quantile(copy, (int) Math.floor((count - 1) * 0.5), 0.9);
        return new Statistics(mean, Math.sqrt(Math.max(variance, 0)), p10, p50, p90);
    }

    private static boolean isConstant(double[] values) {
        double first = values[0];
        for (double value : values) {
            if (value != first) {
                return false;
            }
        }
        return true;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
