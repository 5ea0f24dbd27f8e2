package org.meridian.scenario;

import static java.util.Objects.requireNonNull;

/**
 * Base of every failure the scenario engine reports on purpose. Each subtype carries a stable
 * {@link #code()} so callers (CLI, REST problem details) can map it without parsing messages.
 */
public abstract class ScenarioException extends RuntimeException {
    private final String code;

    protected ScenarioException(String code, String message) {
        super(requireNonNull(message, "message is null"));
        this.code = requireNonNull(code, "code is null");
    }

    /** A stable, kebab-case identifier of the kind of failure, e.g. {@code invalid-model}. */
    public String code() {
        return code;
    }
}
