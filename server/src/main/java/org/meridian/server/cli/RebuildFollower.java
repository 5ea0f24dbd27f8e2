package org.meridian.server.cli;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.meridian.server.catalog.IndexRebuildRequests;

/**
 * Follows a rebuild that the node serving a data directory carries out for {@code meridian
 * reindex}, until it is done or failed, or the node is gone: a node killed outright leaves its
 * request as it was, and waiting for it would never end.
 *
 * @param nodeHoldsDirectory whether the node followed still serves the data directory (see
 *     {@link OfflineCatalog#nodeHoldsDirectory}), however its process ended
 * @param poll how often the request is read
 * @param checkEvery how often the node is checked for still holding the directory
 */
record RebuildFollower(IndexRebuildRequests requests, BooleanSupplier nodeHoldsDirectory, Duration poll,
        Duration checkEvery) {
    RebuildFollower {
        requireNonNull(requests, "requests is null");
        requireNonNull(nodeHoldsDirectory, "nodeHoldsDirectory is null");
        requireNonNull(poll, "poll is null");
        requireNonNull(checkEvery, "checkEvery is null");
    }

    /** Where a followed rebuild stands, for a progress display. */
    interface Progress {
        void update(long done, long total);
    }

    /**
     * Waits for request {@code id}.
     *
     * @return the records the new index holds
     * @throws IllegalStateException when the node could not rebuild, or stopped before it had
     */
    long follow(long id, Progress progress) throws InterruptedException {
        Instant lastChecked = Instant.now();
        while (true) {
            IndexRebuildRequests.Rebuild rebuild = requests.find(id).orElseThrow();
            progress.update(rebuild.done(), rebuild.total());
            switch (rebuild.state()) {
                case DONE -> {
                    return rebuild.done();
                }
                case FAILED -> throw new IllegalStateException("the node could not rebuild the index: "
                        + rebuild.message().orElse("no reason given") + "; it keeps using the previous index");
                case REQUESTED, RUNNING -> Thread.sleep(poll.toMillis());
            }
            if (Duration.between(lastChecked, Instant.now()).compareTo(checkEvery) >= 0) {
                lastChecked = Instant.now();
                // Read again: the node may have finished just before it stopped.
                IndexRebuildRequests.Rebuild last = requests.find(id).orElseThrow();
                if (!last.finished() && !nodeHoldsDirectory.getAsBoolean()) {
                    throw new IllegalStateException(last.state() == IndexRebuildRequests.State.REQUESTED
                            ? "the node serving this data directory stopped before it began rebuild request " + id
                                    + "; the request stays queued for the next node started on it (or, with no node"
                                    + " running, run meridian reindex to rebuild here)"
                            : "the node serving this data directory stopped during rebuild request " + id
                                    + "; the index it left is the previous one, and the next node started on it marks"
                                    + " the request failed: run meridian reindex again");
                }
            }
        }
    }
}
