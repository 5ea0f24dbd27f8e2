package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an API token; lives for that request only, never in a session. */
final class TokenAuthentication extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;

    private final transient Caller caller;

    TokenAuthentication(Caller caller) {
        super(List.of(new SimpleGrantedAuthority("ROLE_USER")));
        this.caller = requireNonNull(caller, "caller is null");
        setAuthenticated(true);
    }

    Caller caller() {
        return caller;
    }

    @Override
    public Object getPrincipal() {
        return caller.name();
    }

    @Override
    public Object getCredentials() {
        return "";
    }
}
