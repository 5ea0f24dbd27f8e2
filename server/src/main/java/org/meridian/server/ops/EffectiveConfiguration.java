package org.meridian.server.ops;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Every setting the node runs with, by name, with where each value came from: all of
 * {@code meridian.*} (read from the bound records, so a new setting is listed without a
 * hand-kept list) and the server settings an operator sets beside them.
 */
public final class EffectiveConfiguration {
    /**
     * Names of settings whose value is a secret: the name ends with what it holds
     * ({@code keystore.password}, {@code client-secret}), so {@code min-password-length},
     * {@code max-token-lifetime} or {@code client-secret-env} (a variable's name) are shown.
     */
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|credentials?|private-key)");
    /**
     * Other libraries' settings name secrets more loosely ({@code api-key}, {@code api-key-credentials},
     * {@code headers.authorization}): one of theirs that mentions a secret anywhere, ends in a key, or
     * sets request headers (a {@code headers} map, its keys written after a dot or in brackets, but not
     * {@code server.forward-headers-strategy}) is hidden. Hiding a harmless value costs less than showing a key.
     */
    private static final Pattern LOOSE_SECRET =
            Pattern.compile("(?i)password|secret|token|credential|authorization|(^|\\.)headers([.\\[]|$)|(^|[.\\-_])(api-?)?key$");
    /**
     * A URL's user:password@, Oracle's user/password@, or a password, secret or token given as a URL
     * or JDBC parameter.
     */
    private static final Pattern CREDENTIALS_IN_VALUE = Pattern.compile("(?i)//[^/@\\s]*:[^/@\\s]*@"
            + "|jdbc:oracle:[a-z]+:[^/@\\s]+/[^@\\s]+@|[?&;](password|secret|token|credentials?)=");
    /**
     * Boot settings that decide how the node is reached and protected, with the type each is
     * bound to, so a value the node would refuse at start is refused when it is shown too.
     */
    private static final Map<String, Class<?>> SERVER_PROPERTIES = serverProperties();
    /** The {@code [0]} that ends a list item's name. */
    private static final Pattern LIST_INDEXES = Pattern.compile("(\\[\\d+])+$");
    /** Spring's {@code spring.config.*} and {@code spring.profiles.*}: how a command hands Spring its files. */
    private static final Set<String> FILE_CHOOSING = Set.of("config", "profiles");

    /**
     * One setting.
     *
     * @param value  the value as text; "(unset)" for a server setting nobody set
     * @param secret whether the value must never be shown
     */
    public record Setting(String name, String value, boolean secret, String origin) {
        public Setting {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
            requireNonNull(origin, "origin is null");
        }

        /** The value as it may be printed or recorded. */
        public String shownValue() {
            return secret && !value.isEmpty() ? "******" : value;
        }
    }

    private final List<Setting> settings;

    private EffectiveConfiguration(List<Setting> settings) {
        this.settings = List.copyOf(settings);
    }

    /** The given settings, in that order. */
    public static EffectiveConfiguration of(List<Setting> settings) {
        return new EffectiveConfiguration(settings);
    }

    public static EffectiveConfiguration of(MeridianProperties properties, Environment environment) {
        List<String[]> rows = new ArrayList<>();
        flatten("meridian", properties, rows);
        Binder binder = Binder.get(environment);
        SERVER_PROPERTIES.forEach((name, type) -> {
            // Throws a BindException naming the setting, its value and origin, as the start would.
            binder.bind(name, type);
            String value = environment.getProperty(name);
            rows.add(new String[] {name, value == null ? "(unset)" : value});
        });
        chosenSpringSettings(environment).forEach((name, indexed) -> rows.add(new String[] {name,
                springValue(binder, ConfigurationPropertyName.adapt(name, '.'), indexed)}));
        List<Setting> settings = new ArrayList<>();
        for (String[] row : rows) {
            settings.add(new Setting(row[0], row[1], isSecret(row[0]) || carriesCredentials(row[1]),
                    SettingOrigins.of(environment, row[0])));
        }
        return new EffectiveConfiguration(settings);
    }

    /**
     * The other Spring Boot settings an operator chose, in a configuration file or on the command
     * line (logging levels, actuator exposure, Tomcat limits, …), so they are shown and their
     * changes audited like the rest: each under the name it was first written with (a logger's
     * name keeps its case), once however many forms it was written in, sorted, with whether it was
     * written as a list. Meridian's own defaults and the file locations a command passes to Spring
     * are not the operator's choice and are left out; so are environment variables, whose names
     * do not say which setting they are until Spring binds them.
     */
    private static SortedMap<String, Boolean> chosenSpringSettings(Environment environment) {
        Set<ConfigurationPropertyName> seen = new HashSet<>();
        SERVER_PROPERTIES.keySet().forEach(listed -> seen.add(ConfigurationPropertyName.of(listed)));
        SortedMap<String, Boolean> chosen = new TreeMap<>();
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return chosen;
        }
        // Highest precedence first, so a setting is named as the source that decides it wrote it.
        for (PropertySource<?> source : configurable.getPropertySources()) {
            boolean operators = source instanceof OriginTrackedMapPropertySource || source instanceof CommandLinePropertySource<?>;
            if (!operators || !(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String written : enumerable.getPropertyNames()) {
                String name = LIST_INDEXES.matcher(written).replaceFirst("");
                ConfigurationPropertyName canonical = ConfigurationPropertyName.adapt(name, '.');
                String first = canonical.isEmpty() ? "" : canonical.getElement(0, ConfigurationPropertyName.Form.UNIFORM);
                boolean meridians = first.equals("meridian") || canonical.getNumberOfElements() > 1
                        && first.equals("spring") && FILE_CHOOSING.contains(canonical.getElement(1, ConfigurationPropertyName.Form.UNIFORM));
                if (!canonical.isEmpty() && !meridians && seen.add(canonical)
                        && !SettingOrigins.of(environment, name).equals(SettingOrigins.BUILT_IN)) {
                    chosen.put(name, !name.equals(written));
                }
            }
        }
        return chosen;
    }

    /**
     * A setting's effective value as text: a list's items joined by commas, as a file may write
     * them; anything else as it is, commas included.
     */
    private static String springValue(Binder binder, ConfigurationPropertyName name, boolean list) {
        return list
                ? binder.bind(name, Bindable.listOf(String.class)).map(values -> String.join(",", values)).orElse("(unset)")
                : binder.bind(name, Bindable.of(String.class)).orElse("(unset)");
    }

    private static Map<String, Class<?>> serverProperties() {
        Map<String, Class<?>> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.class);
        // As text: binding an address would look the name up in DNS, which listing settings should not do.
        properties.put("server.address", String.class);
        properties.put("server.ssl.enabled", Boolean.class);
        properties.put("server.ssl.bundle", String.class);
        properties.put("server.forward-headers-strategy", ServerProperties.ForwardHeadersStrategy.class);
        properties.put("management.server.port", Integer.class);
        return Collections.unmodifiableMap(properties);
    }

    static boolean isSecret(String name) {
        return SECRET.matcher(name).matches() || !name.startsWith("meridian.") && LOOSE_SECRET.matcher(name).find();
    }

    /**
     * Whether a value has credentials written into it, as a database URL may
     * ({@code postgresql://user:pw@host/db}, {@code ?password=...}); such a value is a secret
     * whatever its setting is called.
     */
    public static boolean carriesCredentials(String value) {
        return CREDENTIALS_IN_VALUE.matcher(value).find();
    }

    public List<Setting> settings() {
        return settings;
    }

    /** Setting name to value, in listing order. */
    public Map<String, Setting> byName() {
        Map<String, Setting> byName = new LinkedHashMap<>();
        settings.forEach(setting -> byName.put(setting.name(), setting));
        return byName;
    }

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
        } else if (value instanceof Duration duration) {
            rows.add(new String[] {prefix, written(duration)});
        } else if (value instanceof Enum<?> constant) {
            rows.add(new String[] {prefix, constant.name().toLowerCase(Locale.ROOT)});
        } else {
            rows.add(new String[] {prefix, String.valueOf(value)});
        }
    }

    /** As an operator writes it in meridian.yaml ({@code 5s}, {@code 36h}, {@code 1d}), not ISO 8601 ({@code PT5S}). */
    static String written(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.getNano() == 0) {
            // Whole seconds, however many: no nanosecond count, which would overflow past 292 years.
            long seconds = duration.getSeconds();
            for (DurationUnit unit : DurationUnit.values()) {
                if (unit.seconds > 0 && seconds % unit.seconds == 0) {
                    return seconds / unit.seconds + unit.suffix;
                }
            }
        }
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.toString();
        }
        for (DurationUnit unit : DurationUnit.values()) {
            if (unit.seconds == 0 && nanos % unit.nanos == 0) {
                return nanos / unit.nanos + unit.suffix;
            }
        }
        return nanos + "ns";
    }

    /** Spring Boot's duration suffixes, largest first: whole seconds or more, then fractions of one. */
    private enum DurationUnit {
        DAYS("d", 86_400, 0), HOURS("h", 3_600, 0), MINUTES("m", 60, 0), SECONDS("s", 1, 0),
        MILLISECONDS("ms", 0, 1_000_000), MICROSECONDS("us", 0, 1_000);

        private final String suffix;
        private final long seconds;
        private final long nanos;

        DurationUnit(String suffix, long seconds, long nanos) {
            this.suffix = suffix;
            this.seconds = seconds;
            this.nanos = nanos;
        }
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
