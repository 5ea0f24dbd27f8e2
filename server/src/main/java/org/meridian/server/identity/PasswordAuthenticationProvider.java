package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import org.meridian.server.system.RequestIds;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Form login against local accounts. Every refusal looks the same to the caller ("bad
 * credentials"), so the form does not reveal which usernames exist or are locked; the audit log
 * records the real reason.
 */
final class PasswordAuthenticationProvider implements AuthenticationProvider {
    private final IdentityService identity;

    PasswordAuthenticationProvider(IdentityService identity) {
        this.identity = requireNonNull(identity, "identity is null");
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        LoginResult result = identity.login(username, credentials == null ? "" : credentials.toString(), requestId());
        return switch (result) {
            case LoginResult.Success success -> new SessionAuthentication(success.user().id(), success.user().username());
            case LoginResult.Refused refused -> throw new BadCredentialsException("Bad credentials");
        };
    }

    private static String requestId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return RequestIds.of(request);
        }
        return "-";
    }

    @Override
    public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
    }
}
