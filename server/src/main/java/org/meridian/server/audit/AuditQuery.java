package org.meridian.server.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * A page of the audit log, newest first.
 *
 * @param before only events with a smaller sequence (the paging cursor); empty for the newest
 * @param limit  events per page, 1 to {@link #MAX_LIMIT}
 */
public record AuditQuery(Optional<String> actor, Optional<String> action, Optional<String> target,
        Optional<Outcome> outcome, Optional<Instant> from, Optional<Instant> to, Optional<Long> before, int limit) {
    public static final int MAX_LIMIT = 500;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static AuditQuery newest(int limit) {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), limit);
    }
}
