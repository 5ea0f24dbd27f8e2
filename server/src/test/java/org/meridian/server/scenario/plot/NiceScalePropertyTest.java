package org.meridian.server.scenario.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class NiceScalePropertyTest {

    @Property
    void ticksCoverAnyRangeEvenlyInAtMostTheAllowedCount(
            @ForAll @DoubleRange(min = -1e12, max = 1e12) double a,
            @ForAll @DoubleRange(min = -1e12, max = 1e12) double b,
            @ForAll @IntRange(min = 3, max = 10) int maximumTicks) {
        assertNiceCover(Math.min(a, b), Math.max(a, b), maximumTicks);
    }

    @Property
    void ticksCoverRangesOfAnyMagnitude(
            @ForAll @DoubleRange(min = -10, max = 10) double a,
            @ForAll @DoubleRange(min = -10, max = 10) double b,
            @ForAll @IntRange(min = -15, max = 15) int exponent,
            @ForAll @IntRange(min = 3, max = 10) int maximumTicks) {
        double scale = Math.pow(10, exponent);
        assertNiceCover(Math.min(a, b) * scale, Math.max(a, b) * scale, maximumTicks);
    }

    @Property
    void ticksCoverNarrowRangesFarFromZero(
            @ForAll @DoubleRange(min = -1e7, max = 1e7) double centre,
            @ForAll @DoubleRange(min = 0, max = 1e-2) double width) {
        assertNiceCover(centre, centre + width, ChartFrame.MAXIMUM_TICKS);
    }

    private static void assertNiceCover(double minimum, double maximum, int maximumTicks) {
        NiceScale scale = NiceScale.covering(minimum, maximum, maximumTicks);
        double[] ticks = scale.ticks();

        assertThat(ticks.length).isBetween(2, maximumTicks);
        assertThat(ticks[0]).isLessThanOrEqualTo(minimum);
        assertThat(ticks[ticks.length - 1]).isGreaterThanOrEqualTo(maximum);
        assertThat(scale.stepMantissa()).isIn(1, 2, 5);
        double step = scale.step();
        for (int index = 1; index < ticks.length; index++) {
            assertThat(ticks[index]).isGreaterThan(ticks[index - 1]);
            assertThat(Math.abs(ticks[index] - ticks[index - 1] - step)).isLessThanOrEqualTo(step * 1e-6);
        }
        List<String> labels = scale.labels();
        assertThat(labels).doesNotHaveDuplicates();
        for (int index = 0; index < ticks.length; index++) {
            double shown = new BigDecimal(labels.get(index)).scaleByPowerOfTen(scale.labelPower()).doubleValue();
            assertThat(Math.abs(shown - ticks[index])).isLessThanOrEqualTo(step * 1e-6);
        }
    }
}
