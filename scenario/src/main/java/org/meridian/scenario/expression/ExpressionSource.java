package org.meridian.scenario.expression;

import static java.util.Objects.requireNonNull;

/**
 * The text of one expression and where it came from.
 *
 * @param place what the expression defines, for messages (e.g. {@code metric Cost})
 * @param text the expression
 * @param positions where each character of {@code text} sits in the file
 */
public record ExpressionSource(String place, String text, PositionMap positions) {
    public ExpressionSource {
        requireNonNull(place, "place is null");
        requireNonNull(text, "text is null");
        requireNonNull(positions, "positions is null");
    }

    /** A standalone expression: positions count from the start of {@code text}. */
    public static ExpressionSource of(String place, String text) {
        return new ExpressionSource(place, text, PositionMap.of(text));
    }
}
