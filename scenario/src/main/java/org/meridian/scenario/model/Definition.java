package org.meridian.scenario.model;

import static java.util.Objects.requireNonNull;

import org.meridian.scenario.expression.Expression;

/** A named intermediate quantity that functions (and later definitions) may use by name. */
public record Definition(String name, Expression expression) {
    public Definition {
        requireNonNull(name, "name is null");
        requireNonNull(expression, "expression is null");
        if (!Index.isValidName(name)) {
            throw new IllegalArgumentException("definition name '" + name + "' is not a valid name");
        }
    }
}
