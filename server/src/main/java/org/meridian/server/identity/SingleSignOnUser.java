package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A single sign-on as kept in the HTTP session: still an {@code OidcUser} (so Spring's OIDC
 * support keeps working), but standing for one of our accounts. Roles are not taken from it;
 * {@link CallerResolver} reads them afresh from the account on every request.
 */
final class SingleSignOnUser extends DefaultOidcUser implements SignedInUser {
    private static final long serialVersionUID = 1L;

    private final String userId;
    private final String username;

    SingleSignOnUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo,
            String userId, String username) {
        super(authorities, idToken, userInfo);
        this.userId = requireNonNull(userId, "userId is null");
        this.username = requireNonNull(username, "username is null");
    }

    @Override
    public String userId() {
        return userId;
    }

    /** Our username, so the session and the audit log name the account rather than the provider's subject. */
    @Override
    public String getName() {
        return username;
    }

    // DefaultOidcUser compares claims and authorities; two sign-ins of one account are equal.
    @Override
    public boolean equals(Object other) {
        return other instanceof SingleSignOnUser user && super.equals(user) && userId.equals(user.userId);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + userId.hashCode();
    }
}
