package org.meridian.server.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.meridian.server.scenario.plot.BoxSummary;

class ResultRowTest {
    @Test
    void theBoxReadOffTheProfileEqualsTheBoxOfTheSamples() {
        SplittableRandom random = new SplittableRandom(7);
        double[] samples = new double[10_001];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextGaussian() * 3 + 10;
        }
        double[] before = samples.clone();

        List<Double> profile = ResultRow.profileOf(samples);
        BoxSummary fromProfile = ResultRow.boxOf(profile, BoxSummary.of(samples).mean());
        BoxSummary direct = BoxSummary.of(samples);

        assertThat(samples).as("left unchanged").isEqualTo(before);
        assertThat(profile).hasSize(ResultRow.PROFILE_POINTS).isSorted();
        assertThat(fromProfile.minimum()).isEqualTo(direct.minimum());
        assertThat(fromProfile.maximum()).isEqualTo(direct.maximum());
        assertThat(fromProfile.p10()).isCloseTo(direct.p10(), within(1e-12));
        assertThat(fromProfile.p25()).isCloseTo(direct.p25(), within(1e-12));
        assertThat(fromProfile.median()).isCloseTo(direct.median(), within(1e-12));
        assertThat(fromProfile.p75()).isCloseTo(direct.p75(), within(1e-12));
        assertThat(fromProfile.p90()).isCloseTo(direct.p90(), within(1e-12));
    }

    @Test
    void aConstantColumnKeepsItsMeanInsideItsRange() {
        double[] constant = new double[1000];
        Arrays.fill(constant, 0.1);

        BoxSummary box = ResultRow.boxOf(ResultRow.profileOf(constant), Math.nextUp(0.1));

        assertThat(box.mean()).isEqualTo(0.1);
    }
}
