package org.meridian.server.cli;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditEntry;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.Outcome;
import org.meridian.server.system.Failures;

/**
 * Audit events for what an operator does to the catalog at the command line, where no request
 * arrives for the node to audit: loading records, rebuilding the index. One event per command,
 * when it ends, with what it did; a command that changes the catalog as it goes also records that
 * it began, so that what a killed one committed is still accounted for.
 */
final class CommandAudit {
    private final AuditLog log;

    CommandAudit(DataSource dataSource) {
        this.log = new AuditLog(requireNonNull(dataSource, "dataSource is null"), Clock.systemUTC());
    }

    /** Records that {@code action} began; nothing may change before this event is stored. */
    void began(String action, String target, Map<String, String> details) {
        log.append(AuditEntry.of(Actor.commandLine(), action, target, Outcome.SUCCESS, AuditEntry.NO_REQUEST, details));
    }

    void succeeded(String action, String target, Map<String, String> details) {
        log.append(AuditEntry.of(Actor.commandLine(), action, target, Outcome.SUCCESS, AuditEntry.NO_REQUEST, details));
    }

    /**
     * Records that the command failed, if the database still takes the event (the failure may be
     * that it went away); the failure itself is what the operator must see, so it is not replaced.
     */
    void failed(String action, String target, Map<String, String> details, RuntimeException failure) {
        Map<String, String> withReason = new TreeMap<>(details);
        withReason.put("reason", Failures.rootMessage(failure));
        try {
            log.append(AuditEntry.of(Actor.commandLine(), action, target, Outcome.FAILURE, AuditEntry.NO_REQUEST, withReason));
        } catch (RuntimeException unrecorded) {
            failure.addSuppressed(unrecorded);
        }
    }
}
