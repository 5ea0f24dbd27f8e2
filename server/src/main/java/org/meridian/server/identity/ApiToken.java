package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A personal API token's metadata; the secret itself is shown once at creation and never stored. */
public record ApiToken(String id, String userId, String name, Set<TokenScope> scopes, Instant createdAt,
        Instant expiresAt, Optional<Instant> revokedAt, Optional<Instant> lastUsedAt) {
    public ApiToken {
        requireNonNull(id, "id is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(name, "name is null");
        scopes = Set.copyOf(scopes);
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(revokedAt, "revokedAt is null");
        requireNonNull(lastUsedAt, "lastUsedAt is null");
    }

    public boolean isUsableAt(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }
}
