package org.meridian.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.meridian.server.ops.EnvironmentVariables;
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
            description = "Environment whose file overrides the configuration file: meridian-NAME.yaml beside"
                    + " meridian.yaml, or FILE-NAME.yaml beside --config FILE.yaml (e.g. staging, production).")
    String environment;

    /**
     * Spring arguments for these options plus {@code flags} (property → value), which win over
     * every file and the environment.
     *
     * @throws IllegalArgumentException if {@code --config} names a file that does not exist, an
     *     environment has no file, or a file is not a valid configuration file
     */
    List<String> springArguments(Map<String, String> flags) {
        return springArguments(flags, Path.of(""), EnvironmentVariables.ProcessEnvironment.INSTANCE);
    }

    /**
     * {@link #springArguments(Map)} with the default configuration files looked for in
     * {@code workingDirectory}, and the process environment as {@code variables} says.
     */
    List<String> springArguments(Map<String, String> flags, Path workingDirectory, EnvironmentVariables variables) {
        List<String> arguments = new ArrayList<>(
                ConfigurationFiles.resolve(config, environment, workingDirectory, variables).springArguments());
        new LinkedHashMap<>(flags).forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments;
    }
}
