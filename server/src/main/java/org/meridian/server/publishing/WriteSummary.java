package org.meridian.server.publishing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a write did, record by record.
 *
 * @param sequence the change log's sequence after the write; the record is searchable once the
 *                 index's applied sequence (metric {@code meridian.index.applied.sequence}) reaches it
 * @param claimed  the master ids of records the stage already held that this write gave an owner,
 *                 with the organisation that owns them now (a node administrator assigning records
 *                 loaded at the command line, whose content may be unchanged); new records belong
 *                 to the organisation that wrote them and are not listed
 */
public record WriteSummary(String stage, long sequence, int created, int updated, int unchanged, int removed,
        int absent, List<RecordOutcome> records, SortedMap<String, String> claimed) {

    public WriteSummary {
        requireNonNull(stage, "stage is null");
        records = List.copyOf(records);
        claimed = Collections.unmodifiableSortedMap(new TreeMap<>(claimed));
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
        return of(stage, sequence, records, Map.of());
    }

    static WriteSummary of(String stage, long sequence, List<RecordOutcome> records, Map<String, String> claimed) {
        int[] counts = new int[Result.values().length];
        records.forEach(outcome -> counts[outcome.result().ordinal()]++);
        return new WriteSummary(stage, sequence, counts[Result.CREATED.ordinal()], counts[Result.UPDATED.ordinal()],
                counts[Result.UNCHANGED.ordinal()], counts[Result.REMOVED.ordinal()], counts[Result.ABSENT.ordinal()],
                records, new TreeMap<>(claimed));
    }
}
