package org.meridian.catalog.search;

import static java.util.Objects.requireNonNull;

/** How many matching records carry one value of a facet. */
public record FacetCount(String value, long count) {
    public FacetCount {
        requireNonNull(value, "value is null");
        if (count < 1) {
            throw new IllegalArgumentException("facet count must be positive, got " + count);
        }
    }
}
