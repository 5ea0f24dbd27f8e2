package org.meridian.server.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.meridian.catalog.search.SearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs, in the node that owns the index, the rebuilds that {@code meridian reindex} files in the
 * database, reporting progress back so the command can show it. A node whose index an older
 * version wrote ({@link SearchIndex#outdated}) files such a request itself when it starts, so an
 * upgrade needs no manual step: the old index keeps serving until the new one takes over.
 */
public final class IndexRebuildWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IndexRebuildWatcher.class);
    /** Progress rows are written at most this often; the command line polls them. */
    private static final long PROGRESS_INTERVAL_NANOS = Duration.ofMillis(500).toNanos();

    private final IndexRebuildRequests requests;
    private final CatalogIndexer indexer;
    private final SearchIndex index;
    private final Duration pollInterval;
    private final Object wakeUp = new Object();
    private volatile boolean running;

    /** @param index the live index {@code indexer} maintains, checked for being outdated at start */
    public IndexRebuildWatcher(IndexRebuildRequests requests, CatalogIndexer indexer, SearchIndex index,
            Duration pollInterval) {
        this.requests = requireNonNull(requests, "requests is null");
        this.indexer = requireNonNull(indexer, "indexer is null");
        this.index = requireNonNull(index, "index is null");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
    }

    public synchronized void start() {
        int abandoned = requests.failRunning("the node stopped before this rebuild finished; run meridian reindex again");
        if (abandoned > 0) {
            log.warn("{} index rebuild request(s) were running when the node last stopped; marked failed", abandoned);
        }
        if (index.outdated() && !requests.anyWaiting()) {
            long id = requests.request();
            log.warn("The search index was written by an older version of Meridian and misses some fields;"
                    + " rebuilding it from the catalog (request {}). Searches use the old index until then.", id);
        }
        running = true;
        Thread.ofPlatform().name("meridian-rebuild-watcher").daemon().start(this::watch);
    }

    private void watch() {
        while (running) {
            try {
                requests.claimNext().ifPresent(rebuild -> run(rebuild.id()));
            } catch (RuntimeException e) {
                // The table may be briefly unavailable; try again at the next poll, not at once.
                log.warn("Checking for index rebuild requests failed: {}", e.getMessage());
            }
            if (!pause()) {
                return;
            }
        }
    }

    /** Waits one poll interval, or until {@link #close}; false when the watcher is to stop. */
    private boolean pause() {
        synchronized (wakeUp) {
            try {
                if (running) {
                    wakeUp.wait(pollInterval.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return running;
    }

    private void run(long id) {
        log.info("Rebuilding the search index (request {})", id);
        long[] lastReport = {0};
        long[] loaded = {0};
        try {
            indexer.rebuild(progress -> {
                loaded[0] = progress.done();
                long now = System.nanoTime();
                if (now - lastReport[0] >= PROGRESS_INTERVAL_NANOS) {
                    lastReport[0] = now;
                    requests.progress(id, progress.done(), progress.total());
                }
            });
            requests.progress(id, loaded[0], loaded[0]);
            requests.finish(id, IndexRebuildRequests.State.DONE, null);
        } catch (RuntimeException e) {
            log.error("Index rebuild {} failed; the previous index stays in use", id, e);
            requests.finish(id, IndexRebuildRequests.State.FAILED, e.getMessage());
        }
    }

    /**
     * Stops watching. The worker is woken, never interrupted: an interrupt while it reads the
     * database would close H2's file channel under every other connection of the node. A rebuild
     * in progress runs on (its thread is a daemon); the next start marks its request failed.
     */
    @Override
    public void close() {
        running = false;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }
}
