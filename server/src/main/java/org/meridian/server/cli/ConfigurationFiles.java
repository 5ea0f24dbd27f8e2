package org.meridian.server.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The configuration files a command reads, in the order they are layered (later wins): the
 * configuration file ({@code --config}, else {@code meridian.yaml} in the working directory and
 * in its {@code config/} directory), then, for {@code --environment NAME}, the file of the same
 * name with {@code -NAME} beside each.
 *
 * <p>The command names these files to Spring itself, so nothing else is read: not a stray
 * {@code application.yaml} in the working directory, nor {@code ./meridian.yaml} beside an
 * explicit {@code --config}. Each file is checked before Spring starts, so a syntax error or a
 * misspelt section is reported with the file's name instead of being a stack trace or ignored.
 */
record ConfigurationFiles(List<Path> files) {
    /** The top-level sections Meridian reads: its own and the Spring Boot ones operators set. */
    static final Set<String> SECTIONS = Set.of("meridian", "server", "management", "logging", "spring");

    private static final String DEFAULT_NAME = "meridian.yaml";
    private static final String BUILT_IN_DEFAULTS = "classpath:/application.yaml";

    ConfigurationFiles {
        files = List.copyOf(files);
    }

    /**
     * The files for these options, each checked.
     *
     * @param config           the {@code --config} file, or null for the default places
     * @param environment      the {@code --environment} name, or null
     * @param workingDirectory where the default places are
     * @throws IllegalArgumentException naming the option or file at fault
     */
    static ConfigurationFiles resolve(Path config, String environment, Path workingDirectory) {
        requireNonNull(workingDirectory, "workingDirectory is null");
        List<Path> bases = new ArrayList<>();
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new IllegalArgumentException("--config: no such file " + config);
            }
            bases.add(config.toAbsolutePath().normalize());
        } else {
            Path directory = workingDirectory.toAbsolutePath().normalize();
            bases.add(directory.resolve(DEFAULT_NAME));
            bases.add(directory.resolve("config").resolve(DEFAULT_NAME));
        }
        List<Path> files = new ArrayList<>(bases.stream().filter(Files::isRegularFile).toList());
        if (environment != null) {
            if (!environment.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("--environment: '" + environment
                        + "' is not a valid name (letters, digits, '-' and '_')");
            }
            List<Path> overrides = bases.stream().map(base -> sibling(base, environment)).toList();
            List<Path> present = overrides.stream().filter(Files::isRegularFile).toList();
            if (present.isEmpty()) {
                throw new IllegalArgumentException("--environment " + environment + ": no "
                        + overrides.stream().map(Path::toString).collect(Collectors.joining(" or ")));
            }
            files.addAll(present);
        }
        for (Path file : files) {
            if (file.toString().contains(",")) {
                // Spring's list of locations is comma-separated.
                throw new IllegalArgumentException(file + ": a configuration file's path cannot contain ','");
            }
            check(file);
        }
        return new ConfigurationFiles(files);
    }

    /**
     * The value for {@code spring.config.location}: the built-in defaults, then these files. The
     * locations are exactly these, so Spring reads nothing else.
     */
    String springLocation() {
        List<String> locations = new ArrayList<>();
        locations.add(BUILT_IN_DEFAULTS);
        files.forEach(file -> locations.add("file:" + file));
        return String.join(",", locations);
    }

    /** {@code meridian.yaml} → {@code meridian-staging.yaml}, beside it. */
    private static Path sibling(Path base, String environment) {
        String name = base.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String overriding = dot <= 0
                ? name + "-" + environment
                : name.substring(0, dot) + "-" + environment + name.substring(dot);
        return base.resolveSibling(overriding);
    }

    /** Refuses a file that cannot be read, is not valid YAML or properties, or has an unknown section. */
    private static void check(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<String> keys = name.endsWith(".properties") ? propertyKeys(file) : yamlKeys(file);
        for (String key : keys) {
            String section = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (!SECTIONS.contains(section)) {
                throw new IllegalArgumentException(file + ": '" + section + "' is not a section Meridian reads (it reads "
                        + SECTIONS.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    private static List<String> yamlKeys(Path file) {
        List<String> keys = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            // As Spring Boot reads it: a key given twice is an error, not the last one winning.
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            for (Object document : new Yaml(new SafeConstructor(options)).loadAll(reader)) {
                if (document == null) {
                    continue;
                }
                if (!(document instanceof Map<?, ?> sections)) {
                    throw new IllegalArgumentException(file + ": not a configuration file (expected 'section:' lines"
                            + " such as 'meridian:', found a " + kind(document) + ")");
                }
                sections.keySet().forEach(key -> keys.add(String.valueOf(key)));
            }
        } catch (MarkedYAMLException e) {
            // "while parsing a flow sequence (line 2, column 9): expected ',' or ']' (line 3, column 1)"
            String context = e.getContext() == null ? "" : e.getContext() + at(e.getContextMark()) + ": ";
            throw new IllegalArgumentException(file + ": not valid YAML: " + context + e.getProblem() + at(e.getProblemMark()));
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + yamlReason(e));
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return keys;
    }

    private static List<String> propertyKeys(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return properties.stringPropertyNames().stream().sorted().toList();
    }

    /** snakeyaml reports a file that is not UTF-8 as a YAMLException around the decoding error. */
    private static String yamlReason(YAMLException e) {
        return e.getCause() instanceof MalformedInputException ? "it is not UTF-8 text" : e.getMessage();
    }

    private static IllegalArgumentException unreadable(Path file, IOException e) {
        String reason = e instanceof MalformedInputException ? "it is not UTF-8 text" : e.getMessage();
        return new IllegalArgumentException(file + ": cannot be read: " + reason, e);
    }

    private static String at(Mark mark) {
        return mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }

    private static String kind(Object document) {
        return document instanceof List<?> ? "list" : "single value";
    }
}
