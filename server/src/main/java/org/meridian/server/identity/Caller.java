package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.meridian.catalog.search.AccessScope;
import org.meridian.server.audit.Actor;

/**
 * Who is making a request, as every feature's authorisation sees it: anonymous, a signed-in
 * user, or a user through an API token. A token narrows what its owner may do to its scopes.
 */
public record Caller(Optional<User> user, Optional<ApiToken> token) {
    public static final Caller ANONYMOUS = new Caller(Optional.empty(), Optional.empty());

    public Caller {
        requireNonNull(user, "user is null");
        requireNonNull(token, "token is null");
        if (token.isPresent() && user.isEmpty()) {
            throw new IllegalArgumentException("a token always belongs to a user");
        }
    }

    public static Caller of(User user) {
        return new Caller(Optional.of(user), Optional.empty());
    }

    public static Caller of(User user, ApiToken token) {
        return new Caller(Optional.of(user), Optional.of(token));
    }

    public boolean isAnonymous() {
        return user.isEmpty();
    }

    public String name() {
        return user.map(User::username).orElse("anonymous");
    }

    public Actor actor() {
        if (user.isEmpty()) {
            return Actor.anonymous("anonymous");
        }
        return token.map(t -> Actor.token(user.get().username(), t.id())).orElseGet(() -> Actor.user(name()));
    }

    /** Whether the caller's token, if it uses one, has {@code scope}; a signed-in browser has every scope. */
    public boolean scopeAllows(TokenScope scope) {
        return token.map(t -> t.scopes().contains(scope)).orElse(true);
    }

    /** Node-wide roles; through a token only with the admin scope. */
    public boolean hasNodeRole(NodeRole role) {
        return user.map(u -> u.hasNodeRole(role)).orElse(false) && scopeAllows(TokenScope.ADMIN);
    }

    /** May publish (write records) for the organisation. */
    public boolean isPublisherOf(String organisationId) {
        return user.map(u -> u.hasOrgRole(organisationId, OrgRole.PUBLISHER)).orElse(false)
                && scopeAllows(TokenScope.PUBLISH);
    }

    /** May manage the organisation's memberships: its admins and node admins. */
    public boolean administers(String organisationId) {
        return hasNodeRole(NodeRole.NODE_ADMIN)
                || user.map(u -> u.hasOrgRole(organisationId, OrgRole.ADMIN)).orElse(false)
                && scopeAllows(TokenScope.ADMIN);
    }

    /** Administers at least one organisation: is an admin of one, or administers the node (and so all). */
    public boolean administersAnyOrganisation() {
        return hasNodeRole(NodeRole.NODE_ADMIN)
                || user.map(u -> u.memberships().stream().anyMatch(m -> m.role() == OrgRole.ADMIN)).orElse(false)
                && scopeAllows(TokenScope.ADMIN);
    }

    /** Organisations in which the caller may publish. */
    public Set<String> publishingOrganisations() {
        if (!scopeAllows(TokenScope.PUBLISH)) {
            return Set.of();
        }
        return user.map(u -> u.memberships().stream().filter(m -> m.role() == OrgRole.PUBLISHER)
                .map(Membership::organisationId).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    /**
     * Which restricted records the caller may see: those whose access group is one of the
     * caller's organisations (any role). Node administrators see everything. A token needs the
     * read scope to see restricted records at all, and a node administrator's also the admin
     * scope to see beyond its owner's organisations, as for every node-wide power.
     */
    public AccessScope accessScope() {
        if (user.isEmpty() || !scopeAllows(TokenScope.READ)) {
            return AccessScope.PUBLIC;
        }
        if (hasNodeRole(NodeRole.NODE_ADMIN)) {
            return AccessScope.ALL;
        }
        return AccessScope.groups(user.get().memberships().stream().map(Membership::organisationId)
                .collect(Collectors.toUnmodifiableSet()));
    }
}
