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
import org.meridian.server.ops.EnvironmentVariables;
import org.meridian.server.ops.SettingOrigins;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The configuration files a command reads, in the order they are layered (later wins): the
 * configuration file ({@code --config}, else {@code meridian.yaml}, {@code .yml} or
 * {@code .properties} in the working directory and in its {@code config/} directory), then, for
 * {@code --environment NAME}, the file of the same name with {@code -NAME} beside each.
 *
 * <p>The command names these files to Spring itself, so nothing else is read: not a stray
 * {@code application.yaml} in the working directory, nor {@code ./meridian.yaml} beside an
 * explicit {@code --config}; and Spring's own ways to read more (profiles, imports, more
 * locations) are refused rather than followed past the checks. Each file is checked before
 * Spring starts, so a syntax error or a misspelt section is reported with the file's name instead
 * of being a stack trace or ignored.
 */
record ConfigurationFiles(List<Path> files) {
    /** The top-level sections Meridian reads: its own and the Spring Boot ones operators set. */
    static final Set<String> SECTIONS = Set.of("meridian", "server", "management", "logging", "spring", "info",
            "debug", "trace");

    /**
     * Spring settings that would choose other files than these (profiles, imports, more locations),
     * whether written in a file or given as environment variables; Meridian's own options do that.
     */
    private static final List<String> FILE_CHOOSING_SETTINGS = List.of("spring.profiles", "spring.config");
    private static final List<String> FILE_CHOOSING_VARIABLES = List.of("SPRING_PROFILES_ACTIVE",
            "SPRING_PROFILES_INCLUDE", "SPRING_PROFILES_DEFAULT", "SPRING_CONFIG_LOCATION",
            "SPRING_CONFIG_ADDITIONAL_LOCATION", "SPRING_CONFIG_IMPORT", "SPRING_CONFIG_NAME");

    /** The default file names, in the order Spring Boot layers them in one place (properties win). */
    private static final List<String> DEFAULT_NAMES = List.of("meridian.yml", "meridian.yaml", "meridian.properties");
    private static final Set<String> EXTENSIONS = Set.of("yaml", "yml", "properties");
    /** Spring splits its list of locations at these, and reads a '*' as a wildcard. */
    private static final String NOT_IN_A_LOCATION = ",;*";
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
     * @param variables        the process environment, checked for Spring's own file choices
     * @throws IllegalArgumentException naming the option, file or variable at fault
     */
    static ConfigurationFiles resolve(Path config, String environment, Path workingDirectory,
            EnvironmentVariables variables) {
        requireNonNull(workingDirectory, "workingDirectory is null");
        for (String variable : FILE_CHOOSING_VARIABLES) {
            if (variables.get(variable).isPresent()) {
                throw new IllegalArgumentException(variable + " is set: Meridian chooses its configuration files"
                        + " itself (meridian.yaml, --config FILE, --environment NAME); unset it");
            }
        }
        List<Path> bases = new ArrayList<>();
        if (config != null) {
            if (Files.isDirectory(config)) {
                throw new IllegalArgumentException("--config: " + config + " is a directory; name a file in it");
            }
            if (!Files.isRegularFile(config)) {
                throw new IllegalArgumentException("--config: no such file " + config);
            }
            bases.add(config.toAbsolutePath().normalize());
        } else {
            Path directory = workingDirectory.toAbsolutePath().normalize();
            for (Path place : List.of(directory, directory.resolve("config"))) {
                DEFAULT_NAMES.forEach(name -> bases.add(place.resolve(name)));
            }
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
                throw new IllegalArgumentException("--environment " + environment + ": no " + (config != null
                        ? overrides.getFirst().toString()
                        : "meridian-" + environment + ".yaml (or .yml, .properties) in "
                                + workingDirectory.toAbsolutePath().normalize() + " or its config directory"));
            }
            files.addAll(present);
        }
        // Read only when there is a file to check: the metadata is most of a megabyte of JSON.
        SpringSettings spring = files.isEmpty() ? null : SpringSettings.described(ConfigurationFiles.class.getClassLoader());
        for (Path file : files) {
            for (char refused : NOT_IN_A_LOCATION.toCharArray()) {
                if (file.toString().indexOf(refused) >= 0) {
                    throw new IllegalArgumentException(file + ": a configuration file's path cannot contain '"
                            + refused + "' (Spring reads it as a separator or wildcard); move or link the file");
                }
            }
            check(file, spring);
        }
        return new ConfigurationFiles(files);
    }

    /**
     * The Spring arguments that make it read these files and no others: their locations, and no
     * default profile (with it, Spring would also read an unchecked {@code meridian-default.yaml}
     * beside each).
     */
    List<String> springArguments() {
        return List.of("--spring.config.location=" + springLocation(), "--spring.profiles.default=");
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

    /**
     * Refuses a file Spring could not read (unknown extension, not valid YAML or properties), with
     * an unknown section, with a setting that would make Spring read other files, or with a Spring
     * Boot setting that {@code spring} does not describe or describes as no longer read (Spring
     * would ignore it; Meridian's own section is checked when it is bound).
     */
    private static void check(Path file, SpringSettings spring) {
        String name = file.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!EXTENSIONS.contains(extension)) {
            throw new IllegalArgumentException(file + ": a configuration file ends in .yaml, .yml or .properties");
        }
        List<Key> keys = extension.equals("properties") ? propertyKeys(file) : yamlKeys(file);
        for (Key written : keys) {
            String key = written.name();
            String section = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (!SECTIONS.contains(section)) {
                throw new IllegalArgumentException(file + ": '" + section + "' is not a section Meridian reads (it reads "
                        + SECTIONS.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
            for (String choosing : FILE_CHOOSING_SETTINGS) {
                if (key.equals(choosing) || key.startsWith(choosing + ".")) {
                    throw new IllegalArgumentException(file + ": " + key + " is not read here: Meridian chooses its"
                            + " configuration files itself (settings for an environment go in meridian-NAME.yaml,"
                            + " read with --environment NAME)");
                }
            }
            // A section or group with nothing in it (all commented out) sets nothing to check.
            if (written.setsValue() && !section.equals("meridian") && !spring.isEmpty()) {
                spring.problem(key).ifPresent(problem -> {
                    throw new IllegalArgumentException(where(file, extension, key) + ": " + key + " " + problem);
                });
            }
        }
    }

    /**
     * Where in {@code file} the setting {@code key} is written (path:line:column), as Spring Boot
     * itself records it when it reads the file; the path alone if it cannot say.
     */
    private static String where(Path file, String extension, String key) {
        PropertySourceLoader loader = extension.equals("properties") ? new PropertiesPropertySourceLoader()
                : new YamlPropertySourceLoader();
        try {
            for (PropertySource<?> source : loader.load(file.toString(), new FileSystemResource(file))) {
                // Spring Boot's loaders keep each value's place in the file beside it.
                Origin origin = source instanceof OriginLookup<?> ? originOf(source, key) : null;
                if (origin != null) {
                    return SettingOrigins.describe(origin);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The file was read once already; failing to place the key only costs the line number.
        }
        return file.toString();
    }

    @SuppressWarnings("unchecked")
    private static Origin originOf(PropertySource<?> source, String key) {
        return ((OriginLookup<String>) source).getOrigin(key);
    }

    /** A key a file writes, and whether it sets a value (not a null or an empty section). */
    private record Key(String name, boolean setsValue) {
    }

    private static List<Key> yamlKeys(Path file) {
        List<Key> keys = new ArrayList<>();
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
                flatten("", sections, keys);
            }
        } catch (MarkedYAMLException e) {
            // "while parsing a flow sequence (line 2, column 9): expected ',' or ']' (line 3, column 1)"
            String context = e.getContext() == null ? "" : e.getContext() + at(e.getContextMark()) + ": ";
            throw new IllegalArgumentException(file + ": not valid YAML: " + context + e.getProblem() + at(e.getProblemMark()));
        } catch (YAMLException e) {
            // snakeyaml reports a file that is not UTF-8 as a YAMLException around the decoding error.
            Exception cause = e.getCause() instanceof MalformedInputException decoding ? decoding : e;
            throw new IllegalArgumentException(file + ": not valid YAML: " + reason(cause));
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return keys;
    }

    /** The dotted names of a document's settings: {@code spring: {config: {import: x}}} → spring.config.import. */
    private static void flatten(String prefix, Map<?, ?> map, List<Key> keys) {
        map.forEach((key, value) -> {
            String name = prefix + key;
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                flatten(name + ".", nested, keys);
            } else {
                keys.add(new Key(name, value != null && !(value instanceof Map<?, ?>)));
            }
        });
    }

    private static List<Key> propertyKeys(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw unreadable(file, e);
        } catch (IllegalArgumentException e) {
            // The JDK's words for a bad \\u escape, without the file.
            throw new IllegalArgumentException(file + ": not a valid properties file: " + e.getMessage());
        }
        return properties.stringPropertyNames().stream().sorted().map(name -> new Key(name, true)).toList();
    }

    private static IllegalArgumentException unreadable(Path file, IOException e) {
        return new IllegalArgumentException(file + ": cannot be read: " + reason(e), e);
    }

    /** What went wrong reading a file, in words: the decoder's own for bytes that are not UTF-8 say little. */
    private static String reason(Exception e) {
        return e instanceof MalformedInputException ? "it is not UTF-8 text" : e.getMessage();
    }

    private static String at(Mark mark) {
        return mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }

    private static String kind(Object document) {
        return document instanceof List<?> ? "list" : "single value";
    }
}
