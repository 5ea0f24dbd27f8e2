package org.meridian.scenario.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatisticsTest {
    /** numpy's linear quantile from a sorted copy: the definition selection must agree with. */
    private static double sortedQuantile(double[] values, double probability) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = (sorted.length - 1) * probability;
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    @Test
    void quantilesBySelectionEqualQuantilesBySorting() {
        Random random = new Random(1);
        for (int length : new int[] {1, 2, 3, 10, 11, 1000, 4097}) {
            double[] values = random.doubles(length).map(value -> Math.floor(value * 50)).toArray();
            Statistics statistics = Statistics.of(values);

            assertThat(statistics.p10()).as("p10 of %d", length).isEqualTo(sortedQuantile(values, 0.1));
            assertThat(statistics.p50()).as("p50 of %d", length).isEqualTo(sortedQuantile(values, 0.5));
            assertThat(statistics.p90()).as("p90 of %d", length).isEqualTo(sortedQuantile(values, 0.9));
            assertThat(new Statistic.Quantile(0.37).of(values.clone())).isEqualTo(sortedQuantile(values, 0.37));
        }
    }

    @Test
    void meanAndSampleStandardDeviation() {
        Statistics statistics = Statistics.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});

        assertThat(statistics.mean()).isEqualTo(5);
        assertThat(statistics.standardDeviation()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-15));
        assertThat(statistics.p50()).isEqualTo(4.5);
    }

    @Test
    void constantColumnHasNoSpread() {
        double[] values = new double[100_000];
        Arrays.fill(values, 0.1839);

        Statistics statistics = Statistics.of(values);

        assertThat(statistics.standardDeviation()).isZero();
        assertThat(statistics.p10()).isEqualTo(0.1839);
        assertThat(statistics.p90()).isEqualTo(0.1839);
    }

    @Test
    void leavesTheValuesUnchanged() {
        double[] values = {3, 1, 2};
        Statistics.of(values);

        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void histogramCountsEveryValueOnce() {
        Histogram histogram = Histogram.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 10}, 5);

        assertThat(histogram.counts()).containsExactly(2L, 2L, 2L, 2L, 2L);
        assertThat(histogram.binWidth()).isEqualTo(2);
        assertThat(Histogram.of(new double[] {4, 4, 4}, 10).counts()).containsExactly(3L);
    }
}
