package org.meridian.catalog;

import static java.util.Objects.requireNonNull;

/** A record document that cannot become a {@link CatalogRecord}; names the offending field. */
public class RecordFormatException extends RuntimeException {
    private final String field;

    public RecordFormatException(String field, String message) {
        super(field.isEmpty() ? message : field + ": " + message);
        this.field = requireNonNull(field, "field is null");
    }

    /** The offending field, or empty when the document as a whole is malformed. */
    public String field() {
        return field;
    }
}
