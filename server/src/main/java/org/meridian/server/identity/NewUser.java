package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/** What is needed to create a local account. */
public record NewUser(String username, Optional<String> email, Optional<String> displayName, Set<NodeRole> nodeRoles) {
    public NewUser {
        requireNonNull(username, "username is null");
        requireNonNull(email, "email is null");
        requireNonNull(displayName, "displayName is null");
        nodeRoles = Set.copyOf(nodeRoles);
    }
}
