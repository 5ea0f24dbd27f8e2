package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.meridian.server.system.ProblemResponses;
import org.meridian.server.system.RequestIds;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} requests with a personal API token. A bad
 * token is refused outright with 401 (never silently downgraded to anonymous, which would hide a
 * script's broken credentials behind public results).
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    private static final String PREFIX = "Bearer ";

    private final IdentityService identity;

    BearerTokenFilter(IdentityService identity) {
        this.identity = requireNonNull(identity, "identity is null");
    }

    static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        String secret = request.getHeader(HttpHeaders.AUTHORIZATION).substring(PREFIX.length()).strip();
        Optional<Caller> caller = identity.authenticateToken(secret, RequestIds.of(request));
        if (caller.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "invalid-token", "Invalid token",
                    "The bearer token is unknown, expired or revoked.");
            return;
        }
        identity.tokenUsed(caller.get());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TokenAuthentication(caller.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
