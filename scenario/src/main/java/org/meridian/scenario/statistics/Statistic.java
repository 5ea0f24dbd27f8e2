package org.meridian.scenario.statistics;

/** A number that summarises a distribution of samples, as optimisation objectives and bounds use. */
public sealed interface Statistic {
    /** The statistic of {@code values}; may reorder {@code values}. */
    double of(double[] values);

    /** Whether it commutes with sums and linear interpolation (lets the optimiser take short cuts). */
    boolean isLinear();

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
