package org.meridian.scenario.statistics;

import java.util.Locale;
import java.util.Optional;

/** A number that summarises a distribution of samples, as optimisation objectives and bounds use. */
public sealed interface Statistic {
    /** The statistic of {@code values}; may reorder {@code values}. */
    double of(double[] values);

    /** Whether it commutes with sums and linear interpolation (lets the optimiser take short cuts). */
    boolean isLinear();

    /** The names {@link #named} accepts, as help and refusals spell them out. */
    String NAMES = "mean or a quantile like p10, p50, p90";

    /**
     * The statistic an analyst names: {@code mean}, or a percentile {@code p0} to {@code p99}
     * ({@code p10}, {@code p50}, {@code p90}); case and surrounding blanks do not matter.
     *
     * @return empty when {@code name} is neither
     */
    static Optional<Statistic> named(String name) {
        String value = name.strip().toLowerCase(Locale.ROOT);
        if (value.equals("mean")) {
            return Optional.of(new Mean());
        }
        if (value.matches("p\\d{1,2}")) {
            return Optional.of(new Quantile(Integer.parseInt(value.substring(1)) / 100.0));
        }
        return Optional.empty();
    }

    record Mean() implements Statistic {
        @Override
        public double of(double[] values) {
            return Statistics.mean(values);
        }

        @Override
        public boolean isLinear() {
            return true;
        }

        @Override
        public String toString() {
            return "mean";
        }
    }

    /** The quantile at {@code probability} (numpy's linear interpolation). */
    record Quantile(double probability) implements Statistic {
        public Quantile {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("a quantile's probability must be within [0, 1], got " + probability);
            }
        }

        @Override
        public double of(double[] values) {
            return OrderStatistics.quantile(values, 0, probability);
        }

        @Override
        public boolean isLinear() {
            return false;
        }

        @Override
        public String toString() {
            return "quantile " + probability;
        }
    }
}
