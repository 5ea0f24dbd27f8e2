package org.meridian.server.audit;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An event to append: what happened, before the log gives it a sequence, a time and its hash.
 *
 * @param requestId correlates the event with the request's log lines; "-" outside requests
 * @param details   flat key/value facts; never secrets (passwords, token values)
 */
public record AuditEntry(Actor actor, String action, String target, Outcome outcome, String requestId,
        SortedMap<String, String> details) {
    public static final String NO_REQUEST = "-";

    public AuditEntry {
        requireNonNull(actor, "actor is null");
        requireNonNull(action, "action is null");
        requireNonNull(target, "target is null");
        requireNonNull(outcome, "outcome is null");
        requestId = requestId == null || requestId.isBlank() ? NO_REQUEST : requestId;
        details = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(details, "details is null")));
    }

    public static AuditEntry of(Actor actor, String action, String target, Outcome outcome, String requestId,
            Map<String, String> details) {
        return new AuditEntry(actor, action, target, outcome, requestId, new TreeMap<>(details));
    }
}
