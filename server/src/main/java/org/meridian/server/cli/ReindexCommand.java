package org.meridian.server.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.meridian.server.catalog.IndexRebuildRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code meridian reindex}: rebuild the search index from the database. */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = {"Rebuild the search index from the database, with progress.",
                "A serving node keeps answering from its current index and switches when the new one is complete; "
                        + "without a node, the rebuild runs in this process."})
final class ReindexCommand implements Callable<Integer> {
    /** Audited once per command: a rebuild replaces what every search answers from. */
    static final String AUDIT_ACTION = "index.rebuild";
    private static final String AUDIT_TARGET = "search-index";
    private static final Duration FOLLOW_INTERVAL = Duration.ofMillis(300);
    /**
     * How often a followed node is checked for still holding the data directory: at every read of
     * the request. Once the node is gone, this command's next read opens the embedded database
     * itself and serves it to whatever connects next, a restarted node included; stopping at once
     * keeps that to an instant, rather than have the node reach its database through a command.
     */
    private static final Duration LIVENESS_INTERVAL = FOLLOW_INTERVAL;

    @Mixin
    OfflineOptions data;

    @Override
    public Integer call() throws InterruptedException {
        ProgressBar bar = ProgressBar.onStandardError("Reindexing");
        Instant started = Instant.now();
        try (OfflineCatalog catalog = data.openExisting()) {
            CommandAudit audit = new CommandAudit(catalog.dataSource());
            Map<String, String> details = Map.of("by", catalog.nodeIsServing() ? "serving node" : "this command");
            long indexed;
            try {
                indexed = rebuild(catalog, bar, started);
            } catch (RuntimeException failure) {
                audit.failed(AUDIT_ACTION, AUDIT_TARGET, details, failure);
                throw failure;
            }
            audit.succeeded(AUDIT_ACTION, AUDIT_TARGET, Map.of("by", details.get("by"), "records", Long.toString(indexed)));
            bar.finish(String.format(Locale.ROOT, "Reindexed %,d records in %s", indexed,
                    ProgressBar.duration(Duration.between(started, Instant.now()))));
        }
        return 0;
    }

    private static long rebuild(OfflineCatalog catalog, ProgressBar bar, Instant started) throws InterruptedException {
        if (catalog.nodeIsServing()) {
            return followNode(new IndexRebuildRequests(catalog.dataSource(), Clock.systemUTC()), catalog, bar, started);
        }
        long[] loaded = {0};
        catalog.storage().indexer().rebuild(progress -> {
            loaded[0] = progress.done();
            bar.update(progress.done(), progress.total(), progress.done(), Duration.between(started, Instant.now()));
        });
        return loaded[0];
    }

    private static long followNode(IndexRebuildRequests requests, OfflineCatalog catalog, ProgressBar bar, Instant started)
            throws InterruptedException {
        long id = requests.request();
        System.err.println("A node is serving this data directory; it rebuilds the index while it keeps serving (request " + id + ").");
        RebuildFollower follower = new RebuildFollower(requests, catalog::nodeHoldsDirectory, FOLLOW_INTERVAL, LIVENESS_INTERVAL);
        return follower.follow(id, (done, total) -> {
            // Until the node has taken up the request, it has counted nothing: no "0 records, 0/s" line.
            if (total > 0) {
                bar.update(done, total, done, Duration.between(started, Instant.now()));
            }
        });
    }
}
