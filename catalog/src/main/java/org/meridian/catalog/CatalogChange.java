package org.meridian.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One entry of the ordered catalog change log. Sequences are positive, gap-free and strictly
 * increasing in commit order, so a consumer that remembers the last sequence it applied can
 * resume exactly where it stopped.
 */
public sealed interface CatalogChange {
    long sequence();

    Stage stage();

    RecordId id();

    /**
     * The record was created or replaced; {@code cataloged} is when this node stored it.
     *
     * @param document the record's canonical JSON ({@link RecordJson#write}), as the catalog stores
     *     it; carried along so that consumers storing the text need not encode the record again
     */
    record Upsert(long sequence, Stage stage, CatalogRecord record, Instant cataloged, String document)
            implements CatalogChange {
        public Upsert {
            requirePositive(sequence);
            requireNonNull(stage, "stage is null");
            requireNonNull(record, "record is null");
            requireNonNull(cataloged, "cataloged is null");
            requireNonNull(document, "document is null");
        }

        @Override
        public RecordId id() {
            return record.id();
        }
    }

    /** The record was removed from the stage. */
    record Removal(long sequence, Stage stage, RecordId id) implements CatalogChange {
        public Removal {
            requirePositive(sequence);
            requireNonNull(stage, "stage is null");
            requireNonNull(id, "id is null");
        }
    }

    private static void requirePositive(long sequence) {
        if (sequence <= 0) {
            throw new IllegalArgumentException("change sequence must be positive, got " + sequence);
        }
    }
}
