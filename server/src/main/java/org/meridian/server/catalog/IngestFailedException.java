package org.meridian.server.catalog;

import java.nio.file.Path;

/**
 * A bulk load stopped at a bad line. Every batch before the one holding that line is committed
 * (and counted in {@link #committedRecords()}); nothing of the failing batch is. Ingest is
 * idempotent, so fixing the line and loading the file again completes it. Code: {@code ingest-failed}.
 */
public class IngestFailedException extends RuntimeException {
    private final Path file;
    private final long line;
    private final long committedRecords;

    public IngestFailedException(Path file, long line, String reason, long committedRecords) {
        // Line 0: the file as a whole (missing, unreadable), not one of its lines.
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.committedRecords = committedRecords;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }

    public long committedRecords() {
        return committedRecords;
    }
}
