package org.meridian.scenario.expression;

import static java.util.Objects.requireNonNull;

import org.meridian.scenario.ScenarioException;

/**
 * An expression (or distribution text) that cannot be read or does not fit its context: a syntax
 * error, an unknown variable or index, a vector used as a number. Names the place, the line and
 * column, and what is wrong. Stable code: {@code invalid-expression}.
 */
public final class ExpressionException extends ScenarioException {
    private final String place;
    private final SourcePosition position;
    private final String problem;

    public ExpressionException(String place, SourcePosition position, String problem) {
        super("invalid-expression", place + " (" + position + "): " + problem);
        this.place = requireNonNull(place, "place is null");
        this.position = requireNonNull(position, "position is null");
        this.problem = problem;
    }

    public String place() {
        return place;
    }

    public SourcePosition position() {
        return position;
    }

    /** The message without place and position. */
    public String problem() {
        return problem;
    }
}
