package org.meridian.server.scenario.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers for people (descriptions, annotations): four significant digits, plain notation
 * between 0.001 and a billion with commas from ten thousand ({@code 3,000,000}), otherwise
 * {@code 1.5e-9}. Independent of the locale, so the
 * same input always gives the same SVG.
 */
final class ReadableNumber {
    private static final MathContext SIGNIFICANT = new MathContext(4);

    private ReadableNumber() {
    }

    static String of(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros();
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-3 && magnitude < 1e4) {
            return rounded.toPlainString();
        }
        if (magnitude >= 1e4 && magnitude < 1e9) {
            // Four significant digits of a number this size are all before the point.
            return String.format(Locale.ROOT, "%,d", rounded.longValueExact());
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        return rounded.movePointLeft(exponent).toPlainString() + "e" + exponent;
    }
}
