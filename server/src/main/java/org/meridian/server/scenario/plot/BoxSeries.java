package org.meridian.server.scenario.plot;

import static java.util.Objects.requireNonNull;

/**
 * One box of a {@link BoxPlot}: a label and its precomputed summary, so a page that stored only
 * summaries can still draw boxes.
 */
public record BoxSeries(String label, BoxSummary summary) {
    public BoxSeries {
        requireNonNull(label, "label is null");
        requireNonNull(summary, "summary of series '" + label + "' is null");
        if (label.isBlank()) {
            throw new IllegalArgumentException("a series label must not be blank");
        }
    }

    public static BoxSeries of(Series series) {
        requireNonNull(series, "series is null");
        return new BoxSeries(series.label(), BoxSummary.of(series.sharedSamples()));
    }
}
