package org.meridian.server.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.meridian.server.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Reading the audit log: {@code GET /api/v1/audit} (filters, newest first, paged by sequence),
 * {@code GET /api/v1/audit/verify}, and the {@code /audit} page. Auditors and node
 * administrators only (the security chain checks the path).
 */
@Controller
class AuditApiController {
    private static final int DEFAULT_LIMIT = 50;
    private static final List<String> PARAMETERS = List.of("actor", "action", "target", "outcome", "from", "to",
            "before", "limit");

    private final AuditLog log;

    AuditApiController(AuditLog log) {
        this.log = requireNonNull(log, "log is null");
    }

    record EventView(long sequence, Instant time, String actorKind, String actor, String action, String target,
            String outcome, String requestId, Map<String, String> details, String previousHash, String hash) {
        static EventView of(AuditEvent event) {
            AuditEntry entry = event.entry();
            return new EventView(event.sequence(), event.time(), entry.actor().kind().name().toLowerCase(Locale.ROOT),
                    entry.actor().name(), entry.action(), entry.target(), entry.outcome().name().toLowerCase(Locale.ROOT),
                    entry.requestId(), entry.details(), event.previousHash(), event.hash());
        }
    }

    record AuditPage(List<EventView> events, Optional<Long> nextBefore, ChainHead head) {
    }

    record VerificationView(boolean intact, long checked, ChainHead head, Optional<Long> firstBadSequence,
            Optional<String> problem) {
    }

    @GetMapping(value = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    AuditPage events(@RequestParam MultiValueMap<String, String> parameters) {
        return page(query(parameters));
    }

    @GetMapping(value = "/api/v1/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    VerificationView verify() {
        Verification verification = log.verify();
        return new VerificationView(verification.isIntact(), verification.checked(), verification.head(),
                verification.firstBad().isPresent() ? Optional.of(verification.firstBad().getAsLong()) : Optional.empty(),
                verification.isIntact() ? Optional.empty() : Optional.of(verification.problem()));
    }

    @GetMapping("/audit")
    String auditPage(@RequestParam MultiValueMap<String, String> parameters, Model model) {
        model.addAttribute("page", page(query(parameters)));
        model.addAttribute("filters", parameters.toSingleValueMap());
        return "audit";
    }

    private AuditPage page(AuditQuery query) {
        List<AuditEvent> events = log.find(query);
        Optional<Long> next = events.size() == query.limit() && events.getLast().sequence() > 1
                ? Optional.of(events.getLast().sequence()) : Optional.empty();
        return new AuditPage(events.stream().map(EventView::of).toList(), next, log.head());
    }

    private static AuditQuery query(MultiValueMap<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new InvalidAuditQuery(name, "unknown parameter '" + name + "'; use one of " + PARAMETERS);
            }
        }
        Optional<Outcome> outcome = text(parameters, "outcome").map(value -> {
            try {
                return Outcome.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidAuditQuery("outcome", "outcome must be success, denied or failure");
            }
        });
        long limit = number(parameters, "limit").orElse((long) DEFAULT_LIMIT);
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            throw new InvalidAuditQuery("limit", "limit must be between 1 and " + AuditQuery.MAX_LIMIT);
        }
        return new AuditQuery(text(parameters, "actor"), text(parameters, "action"), text(parameters, "target"),
                outcome, instant(parameters, "from"), instant(parameters, "to"), number(parameters, "before"),
                (int) limit);
    }

    private static Optional<String> text(MultiValueMap<String, String> parameters, String name) {
        return Optional.ofNullable(parameters.getFirst(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static Optional<Long> number(MultiValueMap<String, String> parameters, String name) {
        return text(parameters, name).map(value -> {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new InvalidAuditQuery(name, name + " must be a whole number, got '" + value + "'");
            }
        });
    }

    private static Optional<Instant> instant(MultiValueMap<String, String> parameters, String name) {
        return text(parameters, name).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new InvalidAuditQuery(name, name + " must be an ISO-8601 instant like 2026-01-31T00:00:00Z");
            }
        });
    }

    static final class InvalidAuditQuery extends ProblemException {
        private static final long serialVersionUID = 1L;
        private final String parameter;

        InvalidAuditQuery(String parameter, String detail) {
            super("invalid-query", HttpStatus.BAD_REQUEST, "Invalid query", detail);
            this.parameter = parameter;
        }

        @Override
        public Map<String, Object> members() {
            return Map.of("parameter", parameter);
        }
    }
}
