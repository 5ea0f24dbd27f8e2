package org.meridian.server.cli;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.meridian.server.ops.MeridianProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code meridian config}: inspect configuration. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Inspect the node's configuration.",
        subcommands = ConfigCommand.Show.class)
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** {@code meridian config show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the effective configuration, secrets redacted, each value with where it came from.")
    static final class Show implements Callable<Integer> {
        /** Names of settings whose value would be a secret; a "-env" setting holds a variable's name instead. */
        private static final Pattern SECRET =
                Pattern.compile("(?i).*(password|secret|token|credential|private-key)(?!.*-env$).*");
        /** Boot settings an operator sets alongside meridian.* and wants to see here. */
        private static final List<String> SERVER_PROPERTIES = List.of("server.port", "server.address");

        @Mixin
        ConfigurationOptions configuration;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = NodeContexts.configurationOnly(
                    configuration.springArguments(java.util.Map.of()))) {
                Environment environment = context.getEnvironment();
                List<String[]> rows = new ArrayList<>();
                flatten("meridian", context.getBean(MeridianProperties.class), rows);
                for (String name : SERVER_PROPERTIES) {
                    String value = environment.getProperty(name);
                    rows.add(new String[] {name, value == null ? "(unset)" : value});
                }
                for (String[] row : rows) {
                    String value = SECRET.matcher(row[0]).matches() && !row[1].isEmpty() ? "******" : row[1];
                    System.out.printf("%s = %s    # %s%n", row[0], value, origin(environment, row[0]));
                }
            }
            return 0;
        }

        /** Walks the bound configuration records, so every typed setting is listed without a hand-kept list. */
        private static void flatten(String prefix, Object value, List<String[]> rows) {
            if (value instanceof Record record) {
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    try {
                        flatten(prefix + "." + kebab(component.getName()), component.getAccessor().invoke(record), rows);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read configuration " + prefix, e);
                    }
                }
            } else if (value instanceof List<?> values && values.stream().anyMatch(Record.class::isInstance)) {
                // A list of settings groups (identity providers, group mappings): one line per setting.
                for (int index = 0; index < values.size(); index++) {
                    flatten(prefix + "[" + index + "]", values.get(index), rows);
                }
            } else if (value instanceof Collection<?> values) {
                rows.add(new String[] {prefix, String.join(",", values.stream().map(String::valueOf).toList())});
            } else {
                rows.add(new String[] {prefix, String.valueOf(value)});
            }
        }

        private static String origin(Environment environment, String name) {
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
                for (String candidate : List.of(name, name + "[0]")) {
                    ConfigurationProperty property = source.getConfigurationProperty(ConfigurationPropertyName.of(candidate));
                    if (property != null) {
                        return property.getOrigin() == null ? String.valueOf(source.getUnderlyingSource()) : property.getOrigin().toString();
                    }
                }
            }
            return "built-in default";
        }

        private static String kebab(String name) {
            return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        }
    }
}
