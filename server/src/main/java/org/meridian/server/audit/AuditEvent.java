package org.meridian.server.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** An event as stored: the entry plus its place in the chain. */
public record AuditEvent(long sequence, Instant time, AuditEntry entry, String previousHash, String hash) {
    public AuditEvent {
        requireNonNull(time, "time is null");
        requireNonNull(entry, "entry is null");
        requireNonNull(previousHash, "previousHash is null");
        requireNonNull(hash, "hash is null");
    }
}
