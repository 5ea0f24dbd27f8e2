package org.meridian.scenario.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DistributionTest {
    private static final int SAMPLES = 20_000;
    /** With fixed seeds the p-values are fixed too; a correct sampler lands far above this. */
    private static final double SIGNIFICANCE = 0.001;

    static Stream<Distribution> continuousDistributions() {
        return Stream.of(
                new Uniform(1, 2),
                new Triangular(0.5, 110, 0.11),
                new Triangular(0, 8, 2),
                new Triangular(1, 8, 2),
                new Normal(10, 2),
                new LogNormal(0.5, 1, 3),
                new Beta(1, 2, 0.90, 0.06),
                new Beta(0.5, 0.7, 0, 1),
                new Beta(3, 2, 0.90, 0.03),
                new Beta(2, 2, 0, 1),
                new Beta(2.5, 9, 0, 1),
                // Workbook truncations: sampled by rejection.
                new TruncatedNormal(-1, 4, 0.96, 0.01),
                new TruncatedNormal(-3, 0.75, 0.97, 0.04),
                // Narrow and far-tail truncations: sampled by inversion.
                new TruncatedNormal(-0.1, 0.1, 5, 1),
                new TruncatedNormal(5, 6, 0, 1),
                new TruncatedNormal(-9, -8, 0, 2),
                new Mixture(List.of(0.7, 0.3), List.of(new Triangular(0.1, 0.5, 0.1), new Triangular(0.5, 0.6, 0.4))));
    }

    @ParameterizedTest
    @MethodSource("continuousDistributions")
    void samplesFollowTheExactDistribution(Distribution distribution) {
        double[] values = new double[SAMPLES];
        distribution.sampler().fill(random(17), values, 0, SAMPLES);

        RealDistribution exact = ExactDistributions.of(distribution);
        double pValue = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(exact, values);

        assertThat(pValue).as("KS p-value of %s", distribution).isGreaterThan(SIGNIFICANCE);
        assertThat(distribution.mean()).as("mean of %s", distribution)
                .isCloseTo(exact.getNumericalMean(), within(1e-9 * Math.max(1, Math.abs(exact.getNumericalMean()))));
    }

    @ParameterizedTest
    @MethodSource("continuousDistributions")
    void ksTestRejectsAShiftedSample(Distribution distribution) {
        // Guards the test above: the same check must notice samples that are slightly off.
        double[] values = new double[SAMPLES];
        distribution.sampler().fill(random(17), values, 0, SAMPLES);
        RealDistribution exact = ExactDistributions.of(distribution);
        double shift = 0.2 * Math.sqrt(exact.getNumericalVariance());
        for (int index = 0; index < values.length; index++) {
            values[index] += shift;
        }

        assertThat(new KolmogorovSmirnovTest().kolmogorovSmirnovTest(exact, values)).isLessThan(SIGNIFICANCE);
    }

    @Test
    void truncatedNormalStaysWithinItsBounds() {
        TruncatedNormal truncated = new TruncatedNormal(-2, 1.75, 0.93, 0.04);
        double[] values = new double[SAMPLES];
        truncated.sampler().fill(random(3), values, 0, SAMPLES);

        assertThat(Arrays.stream(values).min().orElseThrow()).isGreaterThanOrEqualTo(0.93 - 2 * 0.04);
        assertThat(Arrays.stream(values).max().orElseThrow()).isLessThanOrEqualTo(0.93 + 1.75 * 0.04);
    }

    @Test
    void constantRepeatsItsValue() {
        double[] values = new double[10];
        new Constant(6650).sampler().fill(random(1), values, 2, 8);

        assertThat(values).containsExactly(0, 0, 6650, 6650, 6650, 6650, 6650, 6650, 0, 0);
    }

    @Test
    void empiricalDrawsEachObservedValueEvenly() {
        Empirical empirical = new Empirical(List.of(1.0, 2.0, 4.0));
        double[] values = new double[30_000];
        empirical.sampler().fill(random(5), values, 0, values.length);

        for (double observed : List.of(1.0, 2.0, 4.0)) {
            long count = Arrays.stream(values).filter(value -> value == observed).count();
            // Binomial(30000, 1/3): standard deviation ≈ 82, so ±400 is about five of them.
            assertThat(count).as("draws of %s", observed).isBetween(9_600L, 10_400L);
        }
        assertThat(values).containsOnly(1.0, 2.0, 4.0);
        assertThat(empirical.mean()).isEqualTo(7.0 / 3);
    }

    @Test
    void sameGeneratorStateGivesSameDraws() {
        Distribution beta = new Beta(2, 2, 0.9, 0.06);
        double[] first = new double[100];
        double[] second = new double[100];
        beta.sampler().fill(random(99), first, 0, 100);
        beta.sampler().fill(random(99), second, 0, 100);

        assertThat(first).containsExactly(second);
    }

    @Test
    void rejectsParametersOutsideTheirDomain() {
        assertThatThrownBy(() -> new Triangular(0.5, 0, -1))
                .isInstanceOf(InvalidDistributionException.class)
                .hasMessage("triang: scale must be greater than 0, got -1.0");
        assertThatThrownBy(() -> new Triangular(1.5, 0, 1)).hasMessageContaining("c must be within [0, 1], got 1.5");
        assertThatThrownBy(() -> new Uniform(0, 0)).hasMessageContaining("uniform: scale must be greater than 0");
        assertThatThrownBy(() -> new Normal(Double.NaN, 1)).hasMessageContaining("norm: loc must be a finite number");
        assertThatThrownBy(() -> new LogNormal(-0.5, 0, 1)).hasMessageContaining("lognorm: s must be greater than 0");
        assertThatThrownBy(() -> new Beta(0, 1, 0, 1)).hasMessageContaining("beta: a must be greater than 0");
        assertThatThrownBy(() -> new TruncatedNormal(2, 1, 0, 1)).hasMessageContaining("a must be less than b");
        assertThatThrownBy(() -> new TruncatedNormal(-1, 1, 0, -0.01)).hasMessageContaining("truncnorm: scale must be greater than 0");
        assertThatThrownBy(() -> new TruncatedNormal(50, 60, 0, 1)).hasMessageContaining("holds no probability");
        assertThatThrownBy(() -> new Empirical(List.of())).hasMessageContaining("at least one value");
    }

    @Test
    void rejectsMixtureWeightsThatDoNotSumToOne() {
        List<Distribution> components = List.of(new Constant(1), new Constant(2));

        assertThatThrownBy(() -> new Mixture(List.of(0.7, 0.4), components))
                .isInstanceOf(InvalidDistributionException.class)
                .hasMessageContaining("weights must sum to 1, got 1.1");
        assertThatThrownBy(() -> new Mixture(List.of(1.2, -0.2), components)).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new Mixture(List.of(1.0), components)).hasMessageContaining("1 weights for 2 components");
    }

    private static RandomGenerator random(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }
}
