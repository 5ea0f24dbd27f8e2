package org.meridian.server.scenario;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A technology model stored on the node: its YAML source and who added it. */
public record ScenarioModelEntry(String id, String name, String technology, String source, String addedBy,
        Instant createdAt, Instant updatedAt) {
    public ScenarioModelEntry {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(technology, "technology is null");
        requireNonNull(source, "source is null");
        requireNonNull(addedBy, "addedBy is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
