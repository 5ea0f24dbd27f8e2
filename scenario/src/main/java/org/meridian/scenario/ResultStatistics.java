package org.meridian.scenario;

import static java.util.Objects.requireNonNull;

import org.meridian.scenario.evaluation.ResultVariable;
import org.meridian.scenario.statistics.Statistics;

/**
 * The statistics of one result column, in the shape of Tyche's summary rows:
 * {@code technology, scenario, variable (Cost | Output | Metric), index}.
 */
public record ResultStatistics(
        String technology, String scenario, ResultVariable variable, String index, Statistics statistics) {
    public ResultStatistics {
        requireNonNull(technology, "technology is null");
        requireNonNull(scenario, "scenario is null");
        requireNonNull(variable, "variable is null");
        requireNonNull(index, "index is null");
        requireNonNull(statistics, "statistics is null");
    }
}
