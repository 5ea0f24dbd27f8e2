package org.meridian.server.publishing;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.meridian.server.system.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The caller may not write what it asked to. Raised inside the write's transaction and audited
 * by {@link RecordWrites} after the rollback, so the refusal's audit event survives it.
 */
final class WriteRefused extends ProblemException {
    private static final long serialVersionUID = 1L;

    private final String target;

    WriteRefused(String target, String detail) {
        super("forbidden", HttpStatus.FORBIDDEN, "Forbidden", detail);
        this.target = requireNonNull(target, "target is null");
    }

    /** The record or organisation the refused write was about. */
    String target() {
        return target;
    }

    @Override
    public Map<String, Object> members() {
        return Map.of();
    }
}
