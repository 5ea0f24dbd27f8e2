package org.meridian.server.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.meridian.server.ops.InvalidSetting;
import org.meridian.server.ops.SettingOrigins;
import org.meridian.server.system.Failures;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.env.Environment;
import org.springframework.validation.FieldError;

/** Turns why a node or command could not start into one line an operator can act on. */
final class StartupFailure {
    private StartupFailure() {
    }

    /**
     * A failure already put in one line, where more was known than its exception carries (the
     * origin of a value Spring Boot refused).
     */
    static final class Described extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private Described(String line, Throwable failure) {
            super(line, failure);
        }
    }

    /**
     * The failure with what {@code environment} knows added: a value Spring Boot itself refused
     * (server.port: abc) carries its name but not where it was set, which the environment does.
     *
     * @param environment the failed start's environment, or null when it failed before having one
     */
    static RuntimeException withOrigins(RuntimeException failure, Environment environment) {
        if (environment == null) {
            return failure;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
                return new Described("invalid configuration: " + refusedValue(invalid.getName(), invalid.getValue(),
                        SettingOrigins.of(environment, invalid.getName()), reason(invalid)), failure);
            }
        }
        return failure;
    }

    static String describe(Throwable failure) {
        // These sit below a BindException, whose own property is only the last one bound.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Described described) {
                return described.getMessage();
            }
            if (cause instanceof InvalidSetting invalid) {
                return "invalid configuration: " + invalid.getMessage();
            }
            if (cause instanceof UnboundConfigurationPropertiesException unbound) {
                return "invalid configuration: " + unbound.getUnboundProperties().stream()
                        .map(StartupFailure::unknownSetting).collect(Collectors.joining("; "));
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case BindValidationException validation -> {
                    return "invalid configuration: " + validation.getValidationErrors().getAllErrors().stream()
                            .map(error -> {
                                String name = validation.getValidationErrors().getName() + "."
                                        + (error instanceof FieldError field ? kebab(field.getField()) : error.getObjectName());
                                ConfigurationProperty bound = validation.getValidationErrors().getBoundProperties().stream()
                                        .filter(property -> property.getName().toString().equals(name))
                                        .findFirst().orElse(null);
                                return name + " " + error.getDefaultMessage()
                                        + (bound == null ? "" : " (got '" + bound.getValue() + "' from "
                                                + SettingOrigins.describe(bound.getOrigin()) + ")");
                            })
                            .collect(Collectors.joining("; "));
                }
                case BindException bind when bind.getProperty() != null -> {
                    ConfigurationProperty property = bind.getProperty();
                    Throwable reason = bind.getCause() == null ? bind : Failures.rootCause(bind);
                    return "invalid configuration: " + refusedValue(property.getName().toString(), property.getValue(),
                            SettingOrigins.describe(property.getOrigin()), expected(bind).orElse(reason.getMessage()));
                }
                case InvalidConfigurationPropertyValueException invalid -> {
                    // Boot's own check of its settings (server.port: abc).
                    return "invalid configuration: " + invalid.getName() + " = '" + invalid.getValue() + "': "
                            + reason(invalid);
                }
                case ConfigDataResourceNotFoundException notFound -> {
                    return "configuration file not found: " + notFound.getResource();
                }
                case PortInUseException portInUse -> {
                    return "port " + portInUse.getPort() + " is already in use; choose another with --port";
                }
                default -> {
                }
            }
        }
        // Meridian's own refusals are written to be read alone, also when they carry the failure
        // they explain; anything else (a library's exception, an I/O error) says less, so the line
        // gives its deepest cause's words and where to find the rest.
        if (isWritten(failure)) {
            return failure.getMessage();
        }
        Throwable root = Failures.rootCause(failure);
        return Failures.rootMessage(root) + (isWritten(root) || MeridianCommand.debugging() ? ""
                : " (MERIDIAN_DEBUG=1 shows the whole failure)");
    }

    private static String refusedValue(String name, Object value, String origin, String reason) {
        return name + " = '" + value + "' from " + origin + ": " + reason;
    }

    /**
     * What a setting of a plain type takes, said in words: Java's own reasons ("No enum constant …",
     * {@code For input string: "lots"}) name classes or nothing at all.
     */
    private static Optional<String> expected(BindException bind) {
        Class<?> type = bind.getTarget().getType().resolve();
        if (type == null) {
            return Optional.empty();
        }
        if (type.isEnum()) {
            return Optional.of("expected one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", ")));
        }
        if (type == int.class || type == Integer.class) {
            return Optional.of(wholeNumber(bind, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (type == long.class || type == Long.class) {
            return Optional.of(wholeNumber(bind, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (type == double.class || type == Double.class) {
            return Optional.of("expected a number");
        }
        if (type == boolean.class || type == Boolean.class) {
            return Optional.of("expected true or false");
        }
        if (type == Duration.class) {
            return Optional.of("expected a duration such as 500ms, 30s, 5m, 12h or 7d");
        }
        return Optional.empty();
    }

    /** Digits that do not fit are a whole number all the same: say what does fit. */
    private static String wholeNumber(BindException bind, long min, long max) {
        Object value = bind.getProperty() == null ? null : bind.getProperty().getValue();
        return value != null && value.toString().strip().matches("[-+]?\\d+")
                ? String.format(Locale.ROOT, "out of range: at most %,d (and at least %,d)", max, min)
                : "expected a whole number";
    }

    private static String reason(InvalidConfigurationPropertyValueException invalid) {
        return invalid.getReason() == null ? "invalid value" : invalid.getReason();
    }

    private static boolean isWritten(Throwable failure) {
        return failure.getMessage() != null && (failure.getClass() == IllegalArgumentException.class
                || failure.getClass() == IllegalStateException.class);
    }

    private static String unknownSetting(ConfigurationProperty property) {
        String name = property.getName().toString();
        String hint = name.endsWith("client-secret")
                ? "; secrets are never read from configuration files: put it in an environment variable"
                        + " and name that variable with client-secret-env"
                : "; see `meridian config show` for the settings there are";
        return name + " is not a setting (from " + SettingOrigins.describe(property.getOrigin()) + ")" + hint;
    }

    private static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
