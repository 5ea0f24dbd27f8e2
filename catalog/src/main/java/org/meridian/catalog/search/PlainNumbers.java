package org.meridian.catalog.search;

import java.util.regex.Pattern;

/**
 * Numbers as a query writes them: ASCII decimal digits, finite. {@link Long#parseLong} and
 * {@link Double#parseDouble} also take {@code +5}, other scripts' digits (a full-width ５), NaN,
 * Infinity, hex and {@code 1d}; every parameter and query reads numbers through here instead, so
 * one rule holds everywhere.
 */
public final class PlainNumbers {
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private PlainNumbers() {
    }

    /** @throws NumberFormatException unless {@code text} is an optional minus and digits within a long */
    public static long wholeNumber(String text) {
        if (!WHOLE.matcher(text).matches()) {
            throw new NumberFormatException("'" + text + "' is not a whole number");
        }
        return Long.parseLong(text);
    }

    /** @throws NumberFormatException unless {@code text} is a plain decimal, optionally with an exponent, and finite */
    public static double decimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new NumberFormatException("'" + text + "' is not a decimal number");
        }
        double number = Double.parseDouble(text);
        if (!Double.isFinite(number)) {
            throw new NumberFormatException("'" + text + "' is too large a number");
        }
        return number;
    }
}
