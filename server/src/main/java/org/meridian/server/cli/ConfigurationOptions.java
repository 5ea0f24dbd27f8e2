package org.meridian.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The configuration options every command that reads configuration shares, turned into Spring
 * Boot arguments so the layers stack as DESIGN.md says: built-in defaults, {@code meridian.yaml}
 * (working directory, {@code ./config/}, or {@code --config}), {@code meridian-<environment>.yaml}
 * beside it, {@code MERIDIAN_*} environment variables, then command-line flags.
 */
final class ConfigurationOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: meridian.yaml in the working directory or ./config/, if present).")
    Path config;

    @Option(names = "--environment", paramLabel = "NAME",
            description = "Environment whose meridian-NAME.yaml overrides meridian.yaml (e.g. staging, production).")
    String environment;

    /**
     * Spring arguments for these options plus {@code flags} (property → value), which win over
     * every file and the environment.
     *
     * @throws IllegalArgumentException if {@code --config} names a file that does not exist
     */
    List<String> springArguments(Map<String, String> flags) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.config.name=application,meridian");
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new IllegalArgumentException("--config: no such file " + config);
            }
            arguments.add("--spring.config.additional-location=file:" + config.toAbsolutePath().normalize());
        }
        if (environment != null) {
            if (!environment.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("--environment: '" + environment
                        + "' is not a valid name (letters, digits, '-' and '_')");
            }
            arguments.add("--spring.profiles.active=" + environment);
        }
        new LinkedHashMap<>(flags).forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments;
    }
}
