package org.meridian.server.scenario.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Axis ticks at whole multiples of a step of 1, 2 or 5 × 10^k: the smallest such step that covers
 * the data in at most a given number of ticks. Ticks are held as integers (multiple × mantissa ×
 * 10^exponent) so labels are exact decimals rather than {@code 0.30000000000000004}.
 *
 * @param firstMultiple the first tick is {@code firstMultiple × step}
 * @param count number of ticks, at least two
 * @param stepMantissa 1, 2 or 5
 * @param stepExponent the step is {@code stepMantissa × 10^stepExponent}
 */
record NiceScale(long firstMultiple, int count, int stepMantissa, int stepExponent) {
    private static final int[] MANTISSAS = {1, 2, 5};
    /** Below this relative spread a range is drawn as one value: doubles cannot place finer ticks. */
    private static final double RELATIVE_RESOLUTION = 1e-9;

    NiceScale {
        if (count < 2) {
            throw new IllegalArgumentException("a scale needs at least two ticks, got " + count);
        }
    }

    /**
     * Ticks covering {@code [minimum, maximum]}. An empty or near-empty range (a single value, all
     * samples equal) is widened by 10% of its magnitude either side, or to [-1, 1] around zero.
     */
    static NiceScale covering(double minimum, double maximum, int maximumTicks) {
        if (!Double.isFinite(minimum) || !Double.isFinite(maximum) || minimum > maximum) {
            throw new IllegalArgumentException(
                    "an axis needs a finite range with minimum <= maximum, got " + minimum + " to " + maximum);
        }
        if (maximumTicks < 3) {
            // A range around zero always needs three ticks (-s, 0, s), whatever the step.
            throw new IllegalArgumentException("an axis needs room for at least three ticks, got " + maximumTicks);
        }
        double magnitude = Math.max(Math.abs(minimum), Math.abs(maximum));
        if (maximum - minimum <= magnitude * RELATIVE_RESOLUTION) {
            double padding = magnitude == 0 ? 1 : magnitude * 0.1;
            minimum -= padding;
            maximum += padding;
        }
        double span = maximum - minimum;
        if (!Double.isFinite(span)) {
            throw new IllegalArgumentException("the range " + minimum + " to " + maximum + " is too wide to draw");
        }
        int exponent = (int) Math.floor(Math.log10(span / maximumTicks)) - 1;
        for (int attempt = 0; attempt < 8; attempt++, exponent++) {
            for (int mantissa : MANTISSAS) {
                NiceScale scale = fit(minimum, maximum, mantissa, exponent);
                if (scale.count <= maximumTicks) {
                    return scale;
                }
            }
        }
        throw new IllegalStateException("no step found for " + minimum + " to " + maximum);
    }

    private static NiceScale fit(double minimum, double maximum, int mantissa, int exponent) {
        double step = mantissa * Math.pow(10, exponent);
        long first = (long) Math.floor(minimum / step);
        long last = (long) Math.ceil(maximum / step);
        // Division rounds; nudge so the end ticks really lie outside the data.
        if (value(first, mantissa, exponent) > minimum) {
            first--;
        }
        if (value(last, mantissa, exponent) < maximum) {
            last++;
        }
        long count = Math.max(2, last - first + 1);
        return new NiceScale(first, (int) Math.min(count, Integer.MAX_VALUE), mantissa, exponent);
    }

    /** {@code multiple × mantissa × 10^exponent}, dividing by exact powers of ten where it can. */
    private static double value(long multiple, int mantissa, int exponent) {
        double units = (double) multiple * mantissa;
        return exponent >= 0 ? units * Math.pow(10, exponent) : units / Math.pow(10, -exponent);
    }

    double step() {
        return value(1, stepMantissa, stepExponent);
    }

    double tick(int index) {
        return value(firstMultiple + index, stepMantissa, stepExponent);
    }

    double first() {
        return tick(0);
    }

    double last() {
        return tick(count - 1);
    }

    double[] ticks() {
        double[] ticks = new double[count];
        for (int index = 0; index < count; index++) {
            ticks[index] = tick(index);
        }
        return ticks;
    }

    /**
     * Power of ten (a multiple of three) factored out of the labels when they would otherwise be
     * long: {@code 5} with "× 10⁶" instead of {@code 5000000}, {@code 2} with "× 10⁻⁹" instead of
     * {@code 0.000000002}. Zero when the labels read well as they are.
     */
    int labelPower() {
        double largest = Math.max(Math.abs(first()), Math.abs(last()));
        if (largest >= 1e6 || largest < 1e-3) {
            return 3 * (int) Math.floor(Math.log10(largest) / 3);
        }
        return 0;
    }

    /** Tick labels divided by 10^{@link #labelPower()}, with just the decimals the step needs. */
    List<String> labels() {
        int power = labelPower();
        int decimals = Math.max(0, power - stepExponent);
        List<String> labels = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            BigDecimal label = BigDecimal.valueOf((firstMultiple + index) * stepMantissa, power - stepExponent);
            labels.add(label.setScale(decimals).toPlainString());
        }
        return labels;
    }
}
