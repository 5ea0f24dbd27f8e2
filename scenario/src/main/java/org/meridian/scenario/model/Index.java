package org.meridian.scenario.model;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One element of an index set: a capital item, an input, a metric, a technical parameter, …
 *
 * @param name how expressions and results refer to it: letters, digits and underscores, not
 *     starting with a digit (so {@code input.Water} parses)
 * @param description free text for people; may be empty
 * @param unit unit of measure as written by the modeller; may be empty
 */
public record Index(String name, String description, String unit) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public Index {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(unit, "unit is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("index name '" + name
                    + "' must consist of letters, digits and underscores and not start with a digit");
        }
    }

    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }
}
