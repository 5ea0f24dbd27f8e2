package org.meridian.server.scenario.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class NiceScaleTest {

    @Test
    void picksTheSmallestOneTwoFiveStepThatFits() {
        assertThat(NiceScale.covering(0, 10, 6).labels()).containsExactly("0", "2", "4", "6", "8", "10");
        assertThat(NiceScale.covering(0, 10, 11).labels()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(NiceScale.covering(0.13, 0.87, 8).labels()).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0");
        assertThat(NiceScale.covering(3.1, 5.9, 8).labels()).containsExactly("3.0", "3.5", "4.0", "4.5", "5.0", "5.5", "6.0");
    }

    @Test
    void coversNegativeValues() {
        assertThat(NiceScale.covering(-7.5, -2.2, 8).labels()).containsExactly("-8", "-7", "-6", "-5", "-4", "-3", "-2");
        assertThat(NiceScale.covering(-1, 1e-9, 3).labels()).containsExactly("-1", "0", "1");
    }

    @Test
    void widensASingleValueByATenthOfItsMagnitude() {
        NiceScale scale = NiceScale.covering(4, 4, 8);

        assertThat(scale.first()).isLessThanOrEqualTo(3.6);
        assertThat(scale.last()).isGreaterThanOrEqualTo(4.4);
        assertThat(scale.last() - scale.first()).isLessThan(2);
    }

    @Test
    void widensZeroToMinusOneToOne() {
        assertThat(NiceScale.covering(0, 0, 8).labels()).containsExactly("-1.0", "-0.5", "0.0", "0.5", "1.0");
    }

    @Test
    void factorsPowersOfTenOutOfLongLabels() {
        NiceScale millions = NiceScale.covering(4.2e6, 5.9e6, 8);
        NiceScale nanos = NiceScale.covering(1e-9, 3e-9, 8);

        assertThat(millions.labelPower()).isEqualTo(6);
        assertThat(millions.labels()).containsExactly("4.0", "4.5", "5.0", "5.5", "6.0");
        assertThat(nanos.labelPower()).isEqualTo(-9);
        assertThat(nanos.labels()).first().isEqualTo("1.0");
        assertThat(NiceScale.covering(0, 1000, 8).labelPower()).isZero();
    }

    @Test
    void rejectsRangesItCannotDraw() {
        assertThatIllegalArgumentException().isThrownBy(() -> NiceScale.covering(Double.NaN, 1, 8)).withMessageContaining("NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> NiceScale.covering(2, 1, 8)).withMessageContaining("minimum <= maximum");
        assertThatIllegalArgumentException().isThrownBy(() -> NiceScale.covering(-Double.MAX_VALUE, Double.MAX_VALUE, 8))
                .withMessageContaining("too wide");
        assertThatIllegalArgumentException().isThrownBy(() -> NiceScale.covering(0, 1, 2)).withMessageContaining("three ticks");
    }
}
