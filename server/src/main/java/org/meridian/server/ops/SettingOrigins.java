package org.meridian.server.ops;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginTrackedResource;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * Where a setting's value came from, in the words an operator uses: {@code /etc/meridian/meridian.yaml:4:9}
 * (file, line, column), {@code environment variable SERVER_PORT}, {@code command line}, or
 * {@code built-in default}, rather than Spring's {@code URL [file:/etc/…] - 4:9}.
 */
public final class SettingOrigins {
    public static final String BUILT_IN = "built-in default";
    /** The defaults Meridian ships inside its jar. */
    private static final String BUILT_IN_FILE = "application.yaml";

    private SettingOrigins() {
    }

    /**
     * Where the value of {@code name} (in any form Spring binds: {@code maxParameterCount} is
     * {@code max-parameter-count}) the environment holds came from; built in when nobody set it.
     */
    public static String of(Environment environment, String name) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            // A list set in a file or variable is found by its first element.
            for (String candidate : List.of(name, name + "[0]")) {
                ConfigurationProperty property = source.getConfigurationProperty(ConfigurationPropertyName.adapt(candidate, '.'));
                if (property != null) {
                    return property.getOrigin() == null ? String.valueOf(source.getUnderlyingSource())
                            : describe(property.getOrigin());
                }
            }
        }
        return BUILT_IN;
    }

    /** An origin in an operator's words. */
    public static String describe(Origin origin) {
        if (origin == null) {
            return "an unknown place";
        }
        return switch (origin) {
            case TextResourceOrigin text -> inFile(text);
            case SystemEnvironmentOrigin variable -> "environment variable " + variable.getProperty();
            case PropertySourceOrigin property when property.getPropertySource() instanceof CommandLinePropertySource<?> ->
                    "command line";
            case PropertySourceOrigin property when property.getPropertySource().getName()
                    .equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME) ->
                    "system property " + property.getPropertyName();
            // How a configuration property names the origin its property source recorded.
            case PropertySourceOrigin property when property.getOrigin() != null -> describe(property.getOrigin());
            default -> origin.toString();
        };
    }

    private static String inFile(TextResourceOrigin origin) {
        Resource resource = origin.getResource();
        while (resource instanceof OriginTrackedResource tracked) {
            resource = tracked.getResource();
        }
        if (resource instanceof ClassPathResource classPath && classPath.getPath().equals(BUILT_IN_FILE)) {
            return BUILT_IN;
        }
        TextResourceOrigin.Location location = origin.getLocation();
        return path(resource).map(path -> location == null ? path
                // Spring counts lines and columns from zero, editors from one.
                : path + ":" + (location.getLine() + 1) + ":" + (location.getColumn() + 1))
                .orElse(origin.toString());
    }

    private static Optional<String> path(Resource resource) {
        if (resource != null && resource.isFile()) {
            try {
                return Optional.of(resource.getFile().getPath());
            } catch (IOException e) {
                // Recover on purpose: Spring's own description of the origin is shown instead.
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
