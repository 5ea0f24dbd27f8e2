package org.meridian.server.publishing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * What a write did, record by record.
 *
 * @param sequence the change log's sequence after the write; the record is searchable once the
 *                 index's applied sequence (metric {@code meridian.index.applied.sequence}) reaches it
 */
public record WriteSummary(String stage, long sequence, int created, int updated, int unchanged, int removed,
        int absent, List<RecordOutcome> records) {

    public WriteSummary {
        requireNonNull(stage, "stage is null");
        records = List.copyOf(records);
    }

    /** One record's result: created, updated, unchanged, removed, or absent (nothing to remove). */
    public record RecordOutcome(String id, Result result) {
        public RecordOutcome {
            requireNonNull(id, "id is null");
            requireNonNull(result, "result is null");
        }
    }

    public enum Result {
        CREATED,
        UPDATED,
        UNCHANGED,
        REMOVED,
        ABSENT;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static WriteSummary of(String stage, long sequence, List<RecordOutcome> records) {
        int[] counts = new int[Result.values().length];
        records.forEach(outcome -> counts[outcome.result().ordinal()]++);
        return new WriteSummary(stage, sequence, counts[Result.CREATED.ordinal()], counts[Result.UPDATED.ordinal()],
                counts[Result.UNCHANGED.ordinal()], counts[Result.REMOVED.ordinal()], counts[Result.ABSENT.ordinal()],
                records);
    }
}
