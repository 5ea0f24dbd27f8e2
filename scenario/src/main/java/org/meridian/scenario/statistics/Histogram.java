package org.meridian.scenario.statistics;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;

/**
 * Counts of values in equal-width bins between the smallest and largest value; the last bin
 * includes the maximum. A constant column gives one bin holding every value.
 */
public record Histogram(double minimum, double maximum, List<Long> counts) {
    public Histogram {
        counts = List.copyOf(requireNonNull(counts, "counts is null"));
        if (counts.isEmpty() || !(minimum <= maximum)) {
            throw new IllegalArgumentException("a histogram needs bins and minimum <= maximum");
        }
    }

    public static Histogram of(double[] values, int bins) {
        requireNonNull(values, "values is null");
        if (values.length == 0 || bins < 1) {
            throw new IllegalArgumentException("need values and at least one bin, got " + values.length + ", " + bins);
        }
        double minimum = Double.POSITIVE_INFINITY;
        double maximum = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            minimum = Math.min(minimum, value);
            maximum = Math.max(maximum, value);
        }
        if (minimum == maximum) {
            return new Histogram(minimum, maximum, List.of((long) values.length));
        }
        long[] counts = new long[bins];
        double width = (maximum - minimum) / bins;
        for (double value : values) {
            counts[Math.min(bins - 1, (int) ((value - minimum) / width))]++;
        }
        return new Histogram(minimum, maximum, Arrays.stream(counts).boxed().toList());
    }

    public double binWidth() {
        return (maximum - minimum) / counts.size();
    }
}
