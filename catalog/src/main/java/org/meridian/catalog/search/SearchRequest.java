package org.meridian.catalog.search;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A parsed search: the query, and the fields the caller wants back (empty = every field).
 */
public record SearchRequest(Query query, List<String> fields) {
    public SearchRequest {
        requireNonNull(query, "query is null");
        fields = List.copyOf(fields);
    }

    public boolean wantsAllFields() {
        return fields.isEmpty();
    }
}
