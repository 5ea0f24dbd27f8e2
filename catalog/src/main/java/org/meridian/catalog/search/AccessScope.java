package org.meridian.catalog.search;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * Which restricted records a caller may see, besides public ones. Enforced inside the index query
 * so hit counts and facet counts never reveal records outside the scope.
 */
public record AccessScope(boolean everything, Set<String> groups) {
    public static final AccessScope PUBLIC = new AccessScope(false, Set.of());
    /** For trusted internal callers (reindex checks, node administration), never for web requests. */
    public static final AccessScope ALL = new AccessScope(true, Set.of());

    public AccessScope {
        requireNonNull(groups, "groups is null");
        groups = Set.copyOf(groups);
    }

    public static AccessScope groups(Set<String> groups) {
        return new AccessScope(false, groups);
    }

    public boolean permits(java.util.Optional<String> accessGroup) {
        return everything || accessGroup.isEmpty() || groups.contains(accessGroup.get());
    }
}
