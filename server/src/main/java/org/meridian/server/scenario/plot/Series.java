package org.meridian.server.scenario.plot;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One labelled distribution of samples, e.g. a scenario's values of one metric
 * ({@code ScenarioOutcome.values(METRIC, offset)}). The samples are copied in and out, so
 * neither side can change the other's array.
 *
 * @param label shown under the series and read out by screen readers; any text, it is escaped
 * @param samples at least one, all finite
 */
public record Series(String label, double[] samples) {
    public Series {
        requireNonNull(label, "label is null");
        requireNonNull(samples, "samples of series '" + label + "' is null");
        if (label.isBlank()) {
            throw new IllegalArgumentException("a series label must not be blank");
        }
        if (samples.length == 0) {
            throw new IllegalArgumentException("series '" + label + "' has no samples");
        }
        samples = samples.clone();
        for (int index = 0; index < samples.length; index++) {
            if (!Double.isFinite(samples[index])) {
                throw new IllegalArgumentException(
                        "series '" + label + "' has a non-finite sample at " + index + ": " + samples[index]);
            }
        }
    }

    @Override
    public double[] samples() {
        return samples.clone();
    }

    /** Read without copying, for this package's renderers, which never write. */
    double[] sharedSamples() {
        return samples;
    }

    public int size() {
        return samples.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Series series && label.equals(series.label) && Arrays.equals(samples, series.samples);
    }

    @Override
    public int hashCode() {
        return 31 * label.hashCode() + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "Series[label=" + label + ", samples=" + samples.length + "]";
    }
}
