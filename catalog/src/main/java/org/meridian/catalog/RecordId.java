package org.meridian.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A record's unique id, ESGF style: {@code <instance_id>|<data_node>} for datasets,
 * {@code <dataset instance_id>.<filename>|<data_node>} for files.
 */
public record RecordId(String value) implements Comparable<RecordId> {
    public static final int MAX_LENGTH = 1024;

    public RecordId {
        requireNonNull(value, "value is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("record id is blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("record id is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("record id contains a control character at position " + i);
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
