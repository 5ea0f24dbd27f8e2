package org.meridian.server.scenario;

import java.util.Map;
import org.meridian.server.system.ProblemException;
import org.springframework.http.HttpStatus;

/** Refusals of scenario requests, rendered as problem+json naming the field where there is one. */
final class ScenarioProblem extends ProblemException {
    private static final long serialVersionUID = 1L;

    private final Map<String, Object> members;

    private ScenarioProblem(String code, HttpStatus status, String title, String detail, Map<String, Object> members) {
        super(code, status, title, detail);
        this.members = Map.copyOf(members);
    }

    static ScenarioProblem invalid(String field, String detail) {
        return new ScenarioProblem("invalid-field", HttpStatus.BAD_REQUEST, "Invalid field", detail,
                Map.of("field", field));
    }

    /** Not there, or not the caller's to see: the same answer, so ids tell nothing. */
    static ScenarioProblem notFound(String what, String id) {
        return new ScenarioProblem(what + "-not-found", HttpStatus.NOT_FOUND, "Not found",
                "No " + what.replace('-', ' ') + " with id '" + id + "'", Map.of());
    }

    static ScenarioProblem conflict(String field, String detail) {
        return new ScenarioProblem("conflict", HttpStatus.CONFLICT, "Conflict", detail, Map.of("field", field));
    }

    @Override
    public Map<String, Object> members() {
        return members;
    }
}
