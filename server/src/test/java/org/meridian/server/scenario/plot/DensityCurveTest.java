package org.meridian.server.scenario.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DensityCurveTest {

    @Test
    void densityOfTwoSeparatedClustersHasTwoPeaks() {
        double[] samples = new double[2_000];
        for (int index = 0; index < samples.length; index++) {
            samples[index] = (index % 2 == 0 ? 0 : 10) + (index % 100) / 100.0;
        }
        DensityCurve density = DensityCurve.of(samples, BoxSummary.of(samples));

        double[] heights = density.heights();
        assertThat(Arrays.stream(heights).boxed().toList()).allSatisfy(height -> assertThat(height).isBetween(0.0, 1.0));
        assertThat(heights[heights.length / 2]).isLessThan(0.05);
        assertThat(heights[5]).isGreaterThan(0.5);
        assertThat(heights[heights.length - 6]).isGreaterThan(0.5);
    }

    @Test
    void densityStaysFiniteForTinyAndHugeSpreads() {
        for (double scale : new double[] {1e-12, 1, 1e12}) {
            double[] samples = {scale, 2 * scale, 2 * scale, 3 * scale, 100 * scale};
            double[] heights = DensityCurve.of(samples, BoxSummary.of(samples)).heights();
            assertThat(Arrays.stream(heights).boxed().toList()).allSatisfy(height -> assertThat(height).isFinite());
        }
    }
}
