package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A password sign-in, as kept in the HTTP session. */
final class SessionAuthentication extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;

    /** The principal kept in the session: who, by account id, and nothing else. */
    record LocalAccount(String userId, String username) implements SignedInUser, Serializable {
        LocalAccount {
            requireNonNull(userId, "userId is null");
            requireNonNull(username, "username is null");
        }
    }

    private final LocalAccount account;

    SessionAuthentication(String userId, String username) {
        super(List.of(new SimpleGrantedAuthority("ROLE_USER")));
        this.account = new LocalAccount(userId, username);
        setAuthenticated(true);
    }

    @Override
    public Object getPrincipal() {
        return account;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return account.username();
    }
}
