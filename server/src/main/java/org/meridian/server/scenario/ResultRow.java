package org.meridian.server.scenario;

import static java.util.Objects.requireNonNull;

import org.meridian.server.scenario.plot.BoxSummary;

/**
 * One result column of a run, as stored and served: Tyche's summary statistics plus the box
 * plot's numbers, so result pages draw plots without keeping the samples.
 */
public record ResultRow(String technology, String scenario, String variable, String index, double mean, double std,
        double p10, double p50, double p90, BoxSummary box) {
    public ResultRow {
        requireNonNull(technology, "technology is null");
        requireNonNull(scenario, "scenario is null");
        requireNonNull(variable, "variable is null");
        requireNonNull(index, "index is null");
        requireNonNull(box, "box is null");
    }
}
