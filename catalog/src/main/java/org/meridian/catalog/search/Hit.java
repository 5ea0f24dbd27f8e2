package org.meridian.catalog.search;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.meridian.catalog.CatalogRecord;

/** One matching record with its relevance score and when this node cataloged it. */
public record Hit(CatalogRecord record, Instant cataloged, float score) {
    public Hit {
        requireNonNull(record, "record is null");
        requireNonNull(cataloged, "cataloged is null");
    }
}
