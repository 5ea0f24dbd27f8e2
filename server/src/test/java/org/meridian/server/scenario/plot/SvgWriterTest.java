package org.meridian.server.scenario.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class SvgWriterTest {

    @Test
    void writesElementsInOrderWithEscapedTextAndAttributes() {
        String svg = new SvgWriter()
                .start("g", "class", "a\"b")
                .text("text", "<b>&'</b>")
                .empty("line", "x1", "1")
                .end()
                .finish();

        assertThat(svg).isEqualTo("<g class=\"a&quot;b\"><text>&lt;b&gt;&amp;&#39;&lt;/b&gt;</text><line x1=\"1\"/></g>");
    }

    @Test
    void replacesCharactersXmlCannotHold() {
        assertThat(SvgWriter.escape("a\u0000b\u001Fc\uD800d\tok é 😀")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\tok é 😀");
    }

    @Test
    void refusesToFinishWithElementsOpen() {
        assertThatIllegalStateException().isThrownBy(() -> new SvgWriter().start("g").finish()).withMessageContaining("g");
    }

    @Test
    void formatsCoordinatesWithOneDecimalAndNoNegativeZero() {
        assertThat(SvgWriter.number(12)).isEqualTo("12");
        assertThat(SvgWriter.number(12.34)).isEqualTo("12.3");
        assertThat(SvgWriter.number(-0.04)).isEqualTo("0");
        assertThat(SvgWriter.number(-0.5)).isEqualTo("-0.5");
        assertThat(SvgWriter.number(-12.96)).isEqualTo("-13");
    }

    @Test
    void refusesNonFiniteCoordinates() {
        assertThatIllegalStateException().isThrownBy(() -> SvgWriter.number(Double.NaN));
    }

    @Test
    void readsNumbersWithFourSignificantDigits() {
        assertThat(ReadableNumber.of(4.21234)).isEqualTo("4.212");
        assertThat(ReadableNumber.of(-0.5)).isEqualTo("-0.5");
        assertThat(ReadableNumber.of(0)).isEqualTo("0");
        assertThat(ReadableNumber.of(3_000_000)).isEqualTo("3,000,000");
        assertThat(ReadableNumber.of(1.5e-9)).isEqualTo("1.5e-9");
        assertThat(ReadableNumber.of(2.5e12)).isEqualTo("2.5e12");
    }
}
