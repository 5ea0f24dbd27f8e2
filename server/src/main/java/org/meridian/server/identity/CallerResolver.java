package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Turns the request's authentication into a {@link Caller}, once per request. Session sign-ins
 * are re-read from the database so role changes, disabled accounts and a disabled bootstrap
 * account apply immediately.
 */
public final class CallerResolver {
    private static final String ATTRIBUTE = CallerResolver.class.getName();

    private final IdentityService identity;

    public CallerResolver(IdentityService identity) {
        this.identity = requireNonNull(identity, "identity is null");
    }

    public Caller resolve(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof Caller cached) {
            return cached;
        }
        Caller caller = resolve(SecurityContextHolder.getContext().getAuthentication());
        request.setAttribute(ATTRIBUTE, caller);
        return caller;
    }

    Caller resolve(Authentication authentication) {
        if (authentication instanceof TokenAuthentication token) {
            return token.caller();
        }
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser signedIn) {
            return identity.findUserById(signedIn.userId()).filter(User::enabled)
                    .filter(user -> !identity.isRetiredBootstrap(user)).map(Caller::of)
                    .orElse(Caller.ANONYMOUS);
        }
        return Caller.ANONYMOUS;
    }
}
