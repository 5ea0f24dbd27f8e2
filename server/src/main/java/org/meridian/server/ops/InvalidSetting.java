package org.meridian.server.ops;

import static java.util.Objects.requireNonNull;

/**
 * A configuration value that is well-typed but breaks a rule spanning several settings, or
 * that the node cannot use (a named environment variable that is not set). The message starts
 * with the parameter's full name, so an operator knows what to change.
 */
public final class InvalidSetting extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidSetting(String parameter, String problem) {
        super(requireNonNull(parameter, "parameter is null") + ": " + requireNonNull(problem, "problem is null"));
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
