package org.meridian.catalog.search;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A constraint on one field: the record must carry at least one of {@code anyOf} (when not
 * empty) and none of {@code noneOf}. Values match exactly and case-sensitively. Constraints on
 * different fields are ANDed.
 */
public record FieldConstraint(String field, List<String> anyOf, List<String> noneOf) {
    public FieldConstraint {
        requireNonNull(field, "field is null");
        anyOf = List.copyOf(anyOf);
        noneOf = List.copyOf(noneOf);
        if (anyOf.isEmpty() && noneOf.isEmpty()) {
            throw new IllegalArgumentException("constraint on '" + field + "' has no values");
        }
    }

    public static FieldConstraint anyOf(String field, String... values) {
        return new FieldConstraint(field, List.of(values), List.of());
    }

    public static FieldConstraint noneOf(String field, String... values) {
        return new FieldConstraint(field, List.of(), List.of(values));
    }
}
