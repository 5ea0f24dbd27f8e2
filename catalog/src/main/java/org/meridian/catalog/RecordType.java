package org.meridian.catalog;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The three kinds of record an ESGF-style catalog holds; the label is ESGF's exact spelling. */
public enum RecordType {
    DATASET("Dataset"),
    FILE("File"),
    AGGREGATION("Aggregation");

    private final String label;

    RecordType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Parses ESGF's case-sensitive label.
     *
     * @throws IllegalArgumentException naming the allowed labels
     */
    public static RecordType fromLabel(String label) {
        for (RecordType type : values()) {
            if (type.label.equals(label)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown record type '" + label + "', expected one of "
                + Arrays.stream(values()).map(RecordType::label).collect(Collectors.joining(", ")));
    }
}
