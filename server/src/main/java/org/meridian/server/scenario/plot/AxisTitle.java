package org.meridian.server.scenario.plot;

import static java.util.Objects.requireNonNull;

/**
 * The quantity an axis measures and its unit, e.g. "Cost" in "USD/kg"; drawn as
 * "Cost (USD/kg)", or "Cost (× 10⁶ USD/kg)" when the tick labels factor out a power of ten.
 *
 * @param unit empty for a dimensionless quantity
 */
public record AxisTitle(String quantity, String unit) {
    public AxisTitle {
        requireNonNull(quantity, "quantity is null");
        requireNonNull(unit, "unit is null");
        if (quantity.isBlank()) {
            throw new IllegalArgumentException("an axis quantity must not be blank");
        }
    }

    public static AxisTitle dimensionless(String quantity) {
        return new AxisTitle(quantity, "");
    }

    /** The title for people: quantity and unit, without a scaling factor. */
    String text() {
        return unit.isBlank() ? quantity : quantity + " (" + unit + ")";
    }

    /** The title drawn beside an axis whose labels are divided by {@code 10^power}. */
    String text(int power) {
        if (power == 0) {
            return text();
        }
        String factor = "× 10" + superscript(power);
        return quantity + " (" + (unit.isBlank() ? factor : factor + " " + unit) + ")";
    }

    private static String superscript(int power) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder text = new StringBuilder(power < 0 ? "⁻" : "");
        for (char digit : Integer.toString(Math.abs(power)).toCharArray()) {
            text.append(digits.charAt(digit - '0'));
        }
        return text.toString();
    }
}
