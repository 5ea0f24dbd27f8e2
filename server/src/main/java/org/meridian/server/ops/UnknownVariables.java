package org.meridian.server.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code MERIDIAN_*} environment variables that name no Meridian setting. Spring binds the ones
 * that do and passes over the rest without a word, since it cannot tell a misspelt setting from a
 * variable kept for something else; so a misspelt {@code MERIDIAN_INDEXR_BATCH_SIZE} would simply
 * not apply. They are reported as warnings rather than refused, because a variable may rightly
 * hold what a {@code *-env} setting names (a password) or serve the launcher.
 */
public final class UnknownVariables {
    private static final String PREFIX = "MERIDIAN_";
    /** Read by the launcher and the command line, not bound as settings. */
    private static final Set<String> NOT_SETTINGS = Set.of("MERIDIAN_DEBUG", "MERIDIAN_JAVA_OPTS");
    private static final String SECRET_VARIABLE_SUFFIX = "-env";

    private UnknownVariables() {
    }

    /**
     * The names among {@code variables} that start with {@code MERIDIAN_} and name neither a
     * setting of {@code effective} (as Spring maps a setting to variables) nor a variable one of
     * its {@code *-env} settings points at, sorted.
     */
    public static List<String> among(Set<String> variables, EffectiveConfiguration effective) {
        List<Pattern> settings = new ArrayList<>();
        for (EffectiveConfiguration.Setting setting : effective.settings()) {
            if (setting.name().startsWith("meridian.")) {
                settings.add(variablesFor(setting.name()));
            }
        }
        Map<String, EffectiveConfiguration.Setting> byName = effective.byName();
        return variables.stream()
                .filter(variable -> variable.startsWith(PREFIX) && !NOT_SETTINGS.contains(variable))
                .filter(variable -> settings.stream().noneMatch(pattern -> pattern.matcher(variable).matches()))
                .filter(variable -> byName.values().stream().noneMatch(setting ->
                        setting.name().endsWith(SECRET_VARIABLE_SUFFIX) && setting.value().equals(variable)))
                .sorted()
                .toList();
    }

    /**
     * The variables Spring binds to {@code name}: upper case, dots as underscores, a dash either
     * dropped or an underscore ({@code BATCHSIZE}, {@code BATCH_SIZE}), an index as {@code _0};
     * and, for a list, its items ({@code MERIDIAN_SEARCH_FACETS_0}).
     */
    static Pattern variablesFor(String name) {
        String elements = Arrays.stream(name.replaceAll("\\[(\\d+)]", ".$1").toUpperCase(Locale.ROOT).split("\\."))
                .map(element -> Arrays.stream(element.split("-")).map(Pattern::quote).collect(Collectors.joining("_?")))
                .collect(Collectors.joining("_"));
        return Pattern.compile(elements + "(_\\d+)?");
    }
}
