package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A password sign-in, as kept in the HTTP session. */
final class SessionAuthentication extends AbstractAuthenticationToken implements SignedInUser {
    private static final long serialVersionUID = 1L;

    private final String userId;
    private final String username;

    SessionAuthentication(String userId, String username) {
        super(List.of(new SimpleGrantedAuthority("ROLE_USER")));
        this.userId = requireNonNull(userId, "userId is null");
        this.username = requireNonNull(username, "username is null");
        setAuthenticated(true);
    }

    @Override
    public String userId() {
        return userId;
    }

    @Override
    public Object getPrincipal() {
        return this;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return username;
    }
}
