package org.meridian.catalog.search;

import static java.util.Objects.requireNonNull;

/**
 * A query the caller got wrong: names the offending parameter so every API can answer 400 with
 * it. Stable code: {@code invalid-query}.
 */
public class InvalidQueryException extends RuntimeException {
    private final String parameter;

    public InvalidQueryException(String parameter, String message) {
        super(requireNonNull(message, "message is null"));
        this.parameter = requireNonNull(parameter, "parameter is null");
    }

    /** The query parameter (or query part, e.g. {@code query}) that is wrong. */
    public String parameter() {
        return parameter;
    }
}
