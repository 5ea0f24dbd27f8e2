package org.meridian.server.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyNameException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spring Boot settings the jars on the class path describe in their configuration metadata
 * ({@code META-INF/spring-configuration-metadata.json} and its {@code additional-} twin). Spring
 * ignores a {@code server.*}, {@code management.*}, {@code logging.*} or {@code spring.*} key it
 * does not know, so a misspelt port or a setting Spring Boot 4 moved elsewhere would otherwise be
 * dropped without a word; this tells such a key from one Spring reads.
 *
 * <p>Names are compared as Spring binds them ({@link ConfigurationPropertyName#adapt}): case,
 * dashes and underscores do not matter, and {@code [0]} indexes are elements of their own.
 */
final class SpringSettings {
    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final String ADDITIONAL_METADATA = "META-INF/additional-spring-configuration-metadata.json";
    /** The furthest a key may be from a known name for that name to be offered as what was meant. */
    private static final int MOST_EDITS_SUGGESTED = 3;
    /** Replacements are followed this far: a setting renamed twice names its latest name. */
    private static final int MOST_RENAMES_FOLLOWED = 5;
    /**
     * Settings Spring Boot still reads but no longer describes ({@code *} is any one element):
     * {@code management.endpoint.<id>.enabled} is read as a deprecated fallback for {@code .access}.
     */
    private static final List<String> READ_BUT_UNDESCRIBED = List.of("management.endpoint.*.enabled");
    /** The Java types whose settings hold entries below them: maps' keys, lists' and arrays' indexes. */
    private static final List<String> CONTAINER_TYPES = List.of("java.util.Map", "java.util.List", "java.util.Set",
            "java.util.Collection", "java.util.Properties");

    /**
     * A described setting.
     *
     * @param type    its Java type as the metadata writes it; empty when the metadata does not say
     * @param retired why Spring no longer reads it and what replaced it, when it does not
     */
    private record Setting(ConfigurationPropertyName name, Optional<String> type, Optional<Retirement> retired) {
        /** Whether keys below this one are entries of it: a map's keys, a list's or an array's indexes. */
        boolean holdsEntries() {
            // Without a type the metadata does not say what lies below, so nothing there is refused.
            return type.map(named -> named.endsWith("[]") || CONTAINER_TYPES.stream().anyMatch(named::startsWith))
                    .orElse(true);
        }
    }

    /** Why a setting is no longer read: the setting that replaced it, or the reason it went. */
    private record Retirement(Optional<String> replacement, Optional<String> reason) {
    }

    private final Map<ConfigurationPropertyName, Setting> settings;

    private SpringSettings(Map<ConfigurationPropertyName, Setting> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** The settings described by the metadata {@code loader} finds. */
    static SpringSettings described(ClassLoader loader) {
        requireNonNull(loader, "loader is null");
        JsonMapper mapper = JsonMapper.builder().build();
        Map<ConfigurationPropertyName, Setting> settings = new HashMap<>();
        try {
            for (String resource : new String[] {METADATA, ADDITIONAL_METADATA}) {
                for (URL url : Collections.list(loader.getResources(resource))) {
                    try (InputStream in = url.openStream()) {
                        read(mapper.readTree(in), settings);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Spring Boot's configuration metadata", e);
        }
        return new SpringSettings(settings);
    }

    /** Whether any setting is described; without metadata nothing can be told apart. */
    boolean isEmpty() {
        return settings.isEmpty();
    }

    /**
     * Why Spring would not read {@code key}, in words that follow the key; empty when it reads it.
     */
    Optional<String> problem(String key) {
        ConfigurationPropertyName name;
        try {
            name = ConfigurationPropertyName.adapt(key, '.');
        } catch (InvalidConfigurationPropertyNameException e) {
            return Optional.of("is not a valid setting name");
        }
        if (name.isEmpty()) {
            return Optional.of("is not a valid setting name");
        }
        if (READ_BUT_UNDESCRIBED.stream().anyMatch(pattern -> matches(pattern, name))) {
            return Optional.empty();
        }
        // The longest described name the key is, or lies below, decides.
        for (int elements = name.getNumberOfElements(); elements > 0; elements--) {
            Setting setting = settings.get(name.chop(elements));
            if (setting == null) {
                continue;
            }
            boolean itself = elements == name.getNumberOfElements();
            if (!itself && !setting.holdsEntries()) {
                // Below a single value: a retired one's replacement would not fit the rest of the key either.
                return Optional.of(setting.retired().isPresent() ? unknown(name)
                        : "is not a setting: " + setting.name() + " is a single value");
            }
            return setting.retired().map(retired -> "is no longer read by Spring Boot: " + instead(retired));
        }
        return Optional.of(unknown(name));
    }

    private String unknown(ConfigurationPropertyName name) {
        return "is not a setting Spring Boot reads" + nearest(name).map(known -> " (did you mean " + known + "?)")
                .orElse("");
    }

    /** What to write instead of a retired setting: its latest replacement, or why it went. */
    private String instead(Retirement retirement) {
        Retirement latest = retirement;
        String replacement = null;
        for (int renames = 0; renames < MOST_RENAMES_FOLLOWED && latest.replacement().isPresent(); renames++) {
            replacement = latest.replacement().get();
            Setting next = ConfigurationPropertyName.isValid(replacement)
                    ? settings.get(ConfigurationPropertyName.of(replacement)) : null;
            if (next == null || next.retired().isEmpty()) {
                break;
            }
            latest = next.retired().get();
        }
        if (replacement != null) {
            return "use " + replacement + " instead";
        }
        return latest.reason().orElse("it was removed");
    }

    /**
     * Whether {@code name} is {@code pattern} (written in the uniform form: lower case, no dashes),
     * where a {@code *} element stands for any one element.
     */
    private static boolean matches(String pattern, ConfigurationPropertyName name) {
        String[] elements = pattern.split("\\.");
        if (elements.length != name.getNumberOfElements()) {
            return false;
        }
        for (int element = 0; element < elements.length; element++) {
            String actual = name.getElement(element, ConfigurationPropertyName.Form.UNIFORM);
            if (!elements[element].equals("*") && !elements[element].equals(actual)) {
                return false;
            }
        }
        return true;
    }

    private static void read(JsonNode metadata, Map<ConfigurationPropertyName, Setting> settings) {
        for (JsonNode property : metadata.path("properties")) {
            add(property, settings);
        }
        // Settings Spring binds but leaves out of its documentation are still read.
        for (JsonNode property : metadata.path("ignored").path("properties")) {
            add(property, settings);
        }
    }

    private static void add(JsonNode property, Map<ConfigurationPropertyName, Setting> settings) {
        String text = property.path("name").asString("");
        if (!ConfigurationPropertyName.isValid(text)) {
            return;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(text);
        Optional<String> type = Optional.ofNullable(property.path("type").asString(null));
        Optional<Retirement> retired = retirement(property.path("deprecation"));
        // The jars describe some settings twice (generated and additional); one retiring it wins.
        settings.merge(name, new Setting(name, type, retired),
                (described, again) -> described.retired().isPresent() ? described : again.retired().isPresent()
                        ? again : described.type().isPresent() ? described : again);
    }

    /** For a deprecation at level {@code error} (Spring no longer reads it): what replaced it, or why it went. */
    private static Optional<Retirement> retirement(JsonNode deprecation) {
        if (!deprecation.path("level").asString("").equals("error")) {
            return Optional.empty();
        }
        return Optional.of(new Retirement(text(deprecation.path("replacement")), text(deprecation.path("reason"))));
    }

    private static Optional<String> text(JsonNode node) {
        return Optional.of(node.asString("")).filter(text -> !text.isEmpty());
    }

    /** The described name closest to {@code name}, if one is close enough to be a misspelling of it. */
    private Optional<String> nearest(ConfigurationPropertyName name) {
        String nearest = null;
        int fewest = Integer.MAX_VALUE;
        for (Setting setting : settings.values()) {
            int elements = setting.name().getNumberOfElements();
            boolean comparable = elements == name.getNumberOfElements()
                    || elements < name.getNumberOfElements() && setting.holdsEntries();
            if (setting.retired().isPresent() || !comparable) {
                continue;
            }
            // A misspelt map ({@code logging.levl.org.meridian}) is compared by its own part, and the
            // suggestion keeps the entry written below it.
            String written = name.chop(elements).toString();
            String known = setting.name().toString();
            // -1 when the names are further apart than a misspelling would put them.
            int edits = new LevenshteinDistance(Math.min(MOST_EDITS_SUGGESTED, written.length() / 4)).apply(written, known);
            String suggested = known + name.toString().substring(written.length());
            boolean closer = edits < fewest || edits == fewest && suggested.compareTo(nearest) < 0;
            if (edits >= 0 && closer) {
                nearest = suggested;
                fewest = edits;
            }
        }
        return Optional.ofNullable(nearest);
    }
}
