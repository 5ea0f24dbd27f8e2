package org.meridian.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A record's unique id, ESGF style: {@code <instance_id>|<data_node>} for datasets,
 * {@code <dataset instance_id>.<filename>|<data_node>} for files.
 */
public record RecordId(String value) implements Comparable<RecordId> {
    public static final int MAX_LENGTH = 1024;

    /**
     * Characters a URL path segment cannot carry through the web container and its firewall even
     * when percent-encoded (they would split, traverse or re-decode the path): a record holding
     * one could be written but never fetched, replaced or removed by its address. ESGF ids (dots,
     * hyphens, underscores and the {@code |} before the data node) never hold them.
     */
    private static final String NOT_IN_ONE_PATH_SEGMENT = "/\\%;";

    public RecordId {
        requireNonNull(value, "value is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("record id is blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("record id is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("record id contains a control character at position " + i);
            }
            if (NOT_IN_ONE_PATH_SEGMENT.indexOf(c) >= 0) {
                throw new IllegalArgumentException("record id contains '" + c + "' at position " + i + "; an id is"
                        + " addressed as one URL path segment (/api/v1/records/<id>), so it cannot hold / \\ % or ;");
            }
        }
    }

    public static RecordId of(String value) {
        return new RecordId(value);
    }

    @Override
    public int compareTo(RecordId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
