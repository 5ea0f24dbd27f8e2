package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/** An account as the rest of the node sees it (never with its password hash). */
public record User(String id, String username, Optional<String> email, Optional<String> displayName, boolean enabled,
        boolean bootstrap, Optional<String> idpIssuer, Set<NodeRole> nodeRoles, Set<Membership> memberships) {
    public User {
        requireNonNull(id, "id is null");
        requireNonNull(username, "username is null");
        requireNonNull(email, "email is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(idpIssuer, "idpIssuer is null");
        nodeRoles = Set.copyOf(nodeRoles);
        memberships = Set.copyOf(memberships);
    }

    public boolean hasNodeRole(NodeRole role) {
        return nodeRoles.contains(role);
    }

    public boolean hasOrgRole(String organisationId, OrgRole role) {
        return memberships.stream().anyMatch(m -> m.organisationId().equals(organisationId) && m.role() == role);
    }
}
