package org.meridian.server.ops;

import java.util.Optional;

/**
 * Where secrets named in the configuration are read from. The node reads the process
 * environment; tests give their own values without touching it.
 */
@FunctionalInterface
public interface EnvironmentVariables {
    /** The variable's value; empty when it is unset or blank. */
    Optional<String> get(String name);

    /** The environment this process was started with. */
    enum ProcessEnvironment implements EnvironmentVariables {
        INSTANCE;

        @Override
        public Optional<String> get(String name) {
            return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
        }
    }
}
