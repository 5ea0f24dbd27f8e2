package org.meridian.server.identity;

import java.util.Map;
import org.meridian.server.system.ProblemException;
import org.springframework.http.HttpStatus;

/** Refusals of identity and access operations, rendered as problem+json. */
public final class IdentityProblem extends ProblemException {
    private static final long serialVersionUID = 1L;

    private final Map<String, Object> members;

    private IdentityProblem(String code, HttpStatus status, String title, String detail, Map<String, Object> members) {
        super(code, status, title, detail);
        this.members = Map.copyOf(members);
    }

    /** The caller is known but may not do this. */
    public static IdentityProblem forbidden(String detail) {
        return new IdentityProblem("forbidden", HttpStatus.FORBIDDEN, "Forbidden", detail, Map.of());
    }

    /** The caller could not be authenticated. */
    public static IdentityProblem unauthenticated(String detail) {
        return new IdentityProblem("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required", detail,
                Map.of());
    }

    /** The code of a change refused because of the state it would leave (see {@link #conflict}). */
    public static final String CONFLICT = "conflict";

    public static IdentityProblem conflict(String field, String detail) {
        return new IdentityProblem(CONFLICT, HttpStatus.CONFLICT, "Conflict", detail, Map.of("field", field));
    }

    public static IdentityProblem invalid(String field, String detail) {
        return new IdentityProblem("invalid-field", HttpStatus.BAD_REQUEST, "Invalid field", detail,
                Map.of("field", field));
    }

    public static IdentityProblem notFound(String what, String detail) {
        return new IdentityProblem(what + "-not-found", HttpStatus.NOT_FOUND, "Not found", detail, Map.of());
    }

    @Override
    public Map<String, Object> members() {
        return members;
    }
}
