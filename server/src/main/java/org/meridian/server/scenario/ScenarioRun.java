package org.meridian.server.scenario;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A run of a stored model: private to its owner unless shared with one of the owner's
 * organisations. Results are present once it has succeeded.
 *
 * @param progress percent done: evaluation is the first nine tenths, the statistics the rest
 */
public record ScenarioRun(String id, String modelId, String modelName, String ownerId, String owner,
        Optional<String> sharedWith, int samples, long seed, RunStatus status, int progress, Optional<String> error,
        Optional<Long> elapsedMillis, List<ResultRow> results, Instant createdAt, Optional<Instant> finishedAt) {
    public ScenarioRun {
        requireNonNull(id, "id is null");
        requireNonNull(modelId, "modelId is null");
        requireNonNull(modelName, "modelName is null");
        requireNonNull(ownerId, "ownerId is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(sharedWith, "sharedWith is null");
        requireNonNull(status, "status is null");
        requireNonNull(error, "error is null");
        requireNonNull(elapsedMillis, "elapsedMillis is null");
        results = List.copyOf(results);
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
    }
}
