package org.meridian.server.catalog;

/**
 * A bulk load stopped because the catalog could not store a batch (the database went away, a
 * node serving the database stopped, the disk filled), not because of its input. Every batch
 * before it is committed ({@link #committedRecords()}); nothing of the failed one is. Loading
 * the same files again completes the load, as ingest is idempotent.
 */
public class IngestInterruptedException extends RuntimeException {
    private final long committedRecords;

    public IngestInterruptedException(String reason, long committedRecords, Throwable cause) {
        super(reason, cause);
        this.committedRecords = committedRecords;
    }

    public long committedRecords() {
        return committedRecords;
    }
}
