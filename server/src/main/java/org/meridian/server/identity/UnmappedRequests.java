package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The last rule of the chain: a request no handler serves (unknown path, wrong method) is let
 * through so Spring MVC answers it with its honest 404 or 405 problem. Every request a handler
 * does serve is denied unless an earlier rule allowed it: that is the deny-by-default.
 */
final class UnmappedRequests {
    private final RequestMappingHandlerMapping handlers;

    UnmappedRequests(RequestMappingHandlerMapping handlers) {
        this.handlers = requireNonNull(handlers, "handlers is null");
    }

    AuthorizationManager<RequestAuthorizationContext> permitUnmappedDenyRest() {
        return (authentication, context) -> new AuthorizationDecision(!served(context.getRequest()));
    }

    boolean served(HttpServletRequest request) {
        boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
        if (parsedHere) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            return handlers.getHandler(request) != null;
        } catch (Exception e) {
            // A path that matches with another method, or another media type: MVC refuses it itself.
            return false;
        } finally {
            if (parsedHere) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }
}
