package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

public record Organisation(String id, String name, Instant createdAt) {
    public Organisation {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
