package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.util.function.Predicate;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Path-level rules decided on the resolved {@link Caller}, so they see current roles and a
 * token's scopes rather than what was true at sign-in.
 */
final class CallerRules {
    private final CallerResolver callers;

    CallerRules(CallerResolver callers) {
        this.callers = requireNonNull(callers, "callers is null");
    }

    AuthorizationManager<RequestAuthorizationContext> signedIn() {
        return rule(caller -> !caller.isAnonymous());
    }

    AuthorizationManager<RequestAuthorizationContext> nodeAdmin() {
        return rule(caller -> caller.hasNodeRole(NodeRole.NODE_ADMIN));
    }

    /** Publishes for some organisation, or administers the node; which records is decided later. */
    AuthorizationManager<RequestAuthorizationContext> publisher() {
        return rule(caller -> caller.hasNodeRole(NodeRole.NODE_ADMIN) || !caller.publishingOrganisations().isEmpty());
    }

    /** Administers some organisation, or the node; which organisations is decided later. */
    AuthorizationManager<RequestAuthorizationContext> organisationAdmin() {
        return rule(Caller::administersAnyOrganisation);
    }

    AuthorizationManager<RequestAuthorizationContext> auditor() {
        return rule(caller -> caller.hasNodeRole(NodeRole.AUDITOR) || caller.hasNodeRole(NodeRole.NODE_ADMIN));
    }

    private AuthorizationManager<RequestAuthorizationContext> rule(Predicate<Caller> allowed) {
        return (authentication, context) -> new AuthorizationDecision(allowed.test(callers.resolve(context.getRequest())));
    }
}
