package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.meridian.server.system.ProblemPages;
import org.meridian.server.system.ProblemResponses;
import org.meridian.server.system.RequestIds;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * What the security chain answers: problem+json to programs (API, ESGF, actuator paths), pages
 * and redirects to people.
 */
final class SecurityResponses {
    private final IdentityService identity;
    private final CallerResolver callers;
    private final HttpSessionRequestCache pagesAskedFor = new HttpSessionRequestCache();

    SecurityResponses(IdentityService identity, CallerResolver callers, UnmappedRequests unmapped) {
        this.identity = requireNonNull(identity, "identity is null");
        this.callers = requireNonNull(callers, "callers is null");
        requireNonNull(unmapped, "unmapped is null");
        // Only a page a person opened is worth going back to after sign-in: not an API call, a
        // fragment, a program's request (which would otherwise start a session), or an address
        // that serves no GET (a form's action, which a planted link could make the sign-in land on).
        pagesAskedFor.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod())
                && ProblemPages.browserOpensPage(request) && unmapped.served(request));
        // The page is taken out of the session at sign-in, so its address needs no "?continue" marker.
        pagesAskedFor.setMatchingRequestParameterName(null);
    }

    /** Where the page that asked for a sign-in is kept until the sign-in succeeds. */
    RequestCache pagesAskedFor() {
        return pagesAskedFor;
    }

    private static boolean wantsProblem(HttpServletRequest request) {
        if (ProblemResponses.isMachinePath(request.getRequestURI())) {
            return true;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && !accept.contains(MediaType.TEXT_HTML_VALUE) && accept.contains("json");
    }

    void authenticationRequired(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        if (wantsProblem(request)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                    "Sign in or send an API token (Authorization: Bearer ...) to use " + request.getRequestURI());
            return;
        }
        // The security chain keeps the page too when it starts the sign-in; a refusal made here must as well.
        pagesAskedFor.saveRequest(request, response);
        response.sendRedirect(request.getContextPath() + "/login");
    }

    void accessDenied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        Caller caller = callers.resolve(request);
        String target = request.getMethod() + " " + request.getRequestURI();
        if (exception instanceof CsrfException) {
            if (caller.isAnonymous() && ProblemResponses.isMachinePath(request.getRequestURI())) {
                // No session and no token: what the program lacks is credentials, not a form token.
                authenticationRequired(request, response, null);
                return;
            }
            identity.auditDenied(caller, "csrf.reject", target, RequestIds.of(request), "missing or invalid CSRF token");
            if (wantsProblem(request)) {
                ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "csrf-token-invalid", "Forbidden",
                        "The form's CSRF token is missing or stale; reload the page and try again.");
            } else {
                response.sendError(HttpStatus.FORBIDDEN.value());
            }
            return;
        }
        if (caller.isAnonymous()) {
            authenticationRequired(request, response, null);
            return;
        }
        identity.auditDenied(caller, "access.denied", target, RequestIds.of(request), "no role for this path");
        if (wantsProblem(request)) {
            ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "Your roles do not allow " + target);
        } else {
            response.sendError(HttpStatus.FORBIDDEN.value());
        }
    }

    void loginSucceeded(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        if (wantsProblem(request)) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return;
        }
        // Back to the page that asked for the sign-in; the saved address is the node's own, never the caller's words.
        SavedRequest askedFor = pagesAskedFor.getRequest(request, response);
        pagesAskedFor.removeRequest(request, response);
        response.sendRedirect(askedFor != null ? askedFor.getRedirectUrl() : request.getContextPath() + "/search");
    }

    void loginFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        if (wantsProblem(request)) {
            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "bad-credentials", "Sign-in failed",
                    "The username or password is wrong, or the account cannot sign in now.");
            return;
        }
        response.sendRedirect(request.getContextPath() + "/login?error");
    }

    /** A single sign-on that failed: audited, then the sign-in page says why in words a person can act on. */
    void singleSignOnFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String path = request.getRequestURI();
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        // The path is the caller's to choose; keep what reaches the audit log short.
        String providerId = lastSegment.length() > 64 ? lastSegment.substring(0, 64) : lastSegment;
        identity.singleSignOnRefused(providerId, SingleSignOnFailure.auditReason(exception), RequestIds.of(request));
        response.sendRedirect(request.getContextPath() + "/login?sso=" + SingleSignOnFailure.of(exception).code());
    }

    void loggingOut(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        Caller caller = callers.resolve(authentication);
        if (!caller.isAnonymous()) {
            identity.loggedOut(caller, RequestIds.of(request));
        }
    }
}
