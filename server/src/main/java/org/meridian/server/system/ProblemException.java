package org.meridian.server.system;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error a feature reports to HTTP callers as an RFC 9457 problem. Each subclass fixes a stable
 * {@link #code() code} (the problem type), a status and a title; the message is the problem's
 * {@code detail} and must say what was wrong and what would be right. {@link ProblemResponses}
 * renders every subclass the same way, so features never build error bodies themselves.
 */
public abstract class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final HttpStatus status;
    private final String title;

    protected ProblemException(String code, HttpStatus status, String title, String detail) {
        super(requireNonNull(detail, "detail is null"));
        this.code = requireNonNull(code, "code is null");
        this.status = requireNonNull(status, "status is null");
        this.title = requireNonNull(title, "title is null");
    }

    /** Stable, lower-case, hyphenated identifier of the problem type, e.g. {@code record-not-found}. */
    public final String code() {
        return code;
    }

    public final HttpStatus status() {
        return status;
    }

    /** Short summary of the problem type; the same for every occurrence. */
    public final String title() {
        return title;
    }

    /** Extension members added to the problem body, such as the offending {@code parameter}. */
    public Map<String, Object> members() {
        return Map.of();
    }
}
