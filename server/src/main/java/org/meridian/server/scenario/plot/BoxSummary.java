package org.meridian.server.scenario.plot;

import static java.util.Objects.requireNonNull;

import org.meridian.scenario.statistics.Statistic;

/**
 * The numbers a box plot draws. Quantiles are numpy's linear interpolation, as in the scenario
 * engine's result tables, so p10, median and p90 here equal the numbers printed beside the chart.
 */
public record BoxSummary(
        double minimum, double p10, double p25, double median, double p75, double p90, double maximum, double mean) {
    public BoxSummary {
        double[] ordered = {minimum, p10, p25, median, p75, p90, maximum};
        for (double value : ordered) {
            if (!Double.isFinite(value) || !Double.isFinite(mean)) {
                throw new IllegalArgumentException("box summary values must be finite, got " + describe(ordered, mean));
            }
        }
        for (int index = 1; index < ordered.length; index++) {
            if (ordered[index - 1] > ordered[index]) {
                throw new IllegalArgumentException(
                        "box summary must satisfy minimum <= p10 <= p25 <= median <= p75 <= p90 <= maximum, got "
                                + describe(ordered, mean));
            }
        }
        if (mean < minimum || mean > maximum) {
            throw new IllegalArgumentException("box summary mean must lie within minimum and maximum, got "
                    + describe(ordered, mean));
        }
    }

    /** Summarises {@code samples} (left unchanged): at least one, all finite. */
    public static BoxSummary of(double[] samples) {
        requireNonNull(samples, "samples is null");
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples to summarise");
        }
        double minimum = Double.POSITIVE_INFINITY;
        double maximum = Double.NEGATIVE_INFINITY;
        for (double sample : samples) {
            minimum = Math.min(minimum, sample);
            maximum = Math.max(maximum, sample);
        }
        double[] scratch = samples.clone();
        double[] quantiles = {0.1, 0.25, 0.5, 0.75, 0.9};
        double[] values = new double[quantiles.length];
        double previous = minimum;
        for (int index = 0; index < quantiles.length; index++) {
            // Interpolation may round one ulp past a neighbour; keep the sequence ordered.
            values[index] = Math.max(previous, Math.min(maximum, new Statistic.Quantile(quantiles[index]).of(scratch)));
            previous = values[index];
        }
        // The mean of equal values can round one ulp outside them (0.1 + 0.1 + 0.1 > 0.3).
        double mean = Math.max(minimum, Math.min(maximum, new Statistic.Mean().of(scratch)));
        return new BoxSummary(minimum, values[0], values[1], values[2], values[3], values[4], maximum, mean);
    }

    /** The numbers in words, for descriptions and tooltips: "Base: median 4.2, 10th to 90th percentile 3.9 to 4.6, mean 4.3". */
    String readable(String label) {
        return label + ": median " + ReadableNumber.of(median) + ", 10th to 90th percentile " + ReadableNumber.of(p10)
                + " to " + ReadableNumber.of(p90) + ", mean " + ReadableNumber.of(mean);
    }

    private static String describe(double[] ordered, double mean) {
        return "minimum " + ordered[0] + ", p10 " + ordered[1] + ", p25 " + ordered[2] + ", median " + ordered[3]
                + ", p75 " + ordered[4] + ", p90 " + ordered[5] + ", maximum " + ordered[6] + ", mean " + mean;
    }
}
