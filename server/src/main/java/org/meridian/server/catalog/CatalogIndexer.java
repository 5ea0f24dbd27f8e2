package org.meridian.server.catalog;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.server.system.JvmShutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Keeps the search index equal to the catalog by applying the change log in order.
 *
 * <p>Changes written in this process are handed over directly ({@link #offer}) so a bulk load does
 * not read back what it just wrote; anything else (writes from another process, changes missed
 * while the hand-over queue was full, everything after a crash) is read from the log, starting
 * after the index's applied sequence. The index commits durably at most every
 * {@code commitInterval}, storing the sequence with the documents, so a restart replays exactly
 * what is missing.
 *
 * <p>Applied changes become searchable when the indexer refreshes the index: at once when it has
 * been idle for {@code refreshInterval}, otherwise at most {@code refreshInterval} later. A single
 * write to a quiet node is searchable as soon as it is applied, while a bulk load pays for a
 * refresh (in Lucene, writing a segment) about once per interval instead of once per batch.
 */
public final class CatalogIndexer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatalogIndexer.class);
    /**
     * Batches queued for hand-over. Two keep the indexer busy while the next batch is written;
     * more only hold parsed records in the heap (at 5,000 records a batch, sixteen took most of a
     * 1 GB heap and the load spent its time collecting garbage).
     */
    private static final int HANDOVER_CAPACITY = 2;

    /**
     * @param batchSize changes read from the log per batch
     * @param commitInterval longest time applied changes wait for a durable commit
     * @param pollInterval how often the log is checked for changes written by other processes
     * @param refreshInterval longest time applied changes wait before they are searchable
     */
    public record Settings(int batchSize, Duration commitInterval, Duration pollInterval, Duration refreshInterval) {
        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
            }
            requireNonNull(commitInterval, "commitInterval is null");
            requireNonNull(pollInterval, "pollInterval is null");
            requireNonNull(refreshInterval, "refreshInterval is null");
        }

        /** The settings configured under {@code meridian.indexer}. */
        public static Settings of(org.meridian.server.ops.MeridianProperties.Indexer indexer) {
            return new Settings(indexer.batchSize(), indexer.commitInterval(), indexer.pollInterval(),
                    indexer.refreshInterval());
        }
    }

    /** Progress of a rebuild: records loaded into the new index out of those the catalog held. */
    public record RebuildProgress(long done, long total) {
    }

    private final CatalogStore store;
    private final LiveSearchIndex index;
    private final IndexGenerations generations;
    private final Function<Path, SearchIndex> opener;
    private final Settings settings;
    private final RecordJson json;
    private final Clock clock;
    private final BlockingQueue<List<CatalogChange>> handover = new ArrayBlockingQueue<>(HANDOVER_CAPACITY);
    /** Serialises applying, committing and swapping the live index. */
    private final ReentrantLock indexLock = new ReentrantLock();
    private final Object wakeUp = new Object();
    private volatile boolean running;
    /** Set by {@link #close}: a rebuild still loading then gives up instead of switching. */
    private volatile boolean closed;
    private volatile Instant lastCommit;
    private volatile Instant lastRefresh;
    private Thread worker;

    public CatalogIndexer(CatalogStore store, LiveSearchIndex index, IndexGenerations generations,
            Function<Path, SearchIndex> opener, Settings settings, RecordJson json, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.index = requireNonNull(index, "index is null");
        this.generations = requireNonNull(generations, "generations is null");
        this.opener = requireNonNull(opener, "opener is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.lastCommit = clock.instant();
        // Never refreshed: the first applied batch is made searchable at once.
        this.lastRefresh = Instant.MIN;
    }

    /** Starts following the log on a background thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("meridian-indexer").daemon().start(this::followLog);
    }

    /**
     * Hands freshly committed changes to the indexer. When the hand-over queue is full and the
     * background indexer is emptying it, waits for room, so a bulk load goes at the pace of
     * indexing instead of leaving batches to be read back from the log and parsed a second time.
     * Without a running indexer, or when it stops making progress, the batch is dropped here and
     * read back from the log later, which is always complete.
     */
    public void offer(WriteResult written) {
        if (!written.changes().isEmpty()) {
            handOver(written.changes());
        }
        wakeWorker();
    }

    private void handOver(List<CatalogChange> changes) {
        try {
            while (!handover.offer(changes)) {
                long applied = index.appliedSequence();
                wakeWorker();
                if (!running || handover.offer(changes, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                if (index.appliedSequence() == applied) {
                    // Nothing applied for a whole poll interval: the indexer is failing or held
                    // up by a rebuild; the log keeps the batch.
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wakeWorker() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /** Applies every committed change, makes it searchable and commits the index durably. */
    public void catchUp() {
        drain();
        commitIfBehind(true);
    }

    /** The sequence of the last change the live index holds. */
    public long appliedSequence() {
        return index.appliedSequence();
    }

    /** Changes committed to the catalog but not yet searchable. */
    public long lag() {
        return Math.max(0, store.headSequence() - index.searchableSequence());
    }

    /**
     * Builds a new index generation from the catalog while the current one keeps serving (and
     * keeps being updated), then switches to it atomically and deletes the old one.
     *
     * <p>The new generation is loaded from the stored records, then brought up to date with the
     * log: the head is read before the scan, so every record comes in its state at that change
     * or a later one, and applying every change after the head (with the record's current
     * content, in order) leaves each record exactly as the catalog holds it. Only then does the
     * new generation, now at the log's head, take over.
     */
    public void rebuild(Consumer<RebuildProgress> progress) {
        Path next = generations.next();
        SearchIndex fresh = opener.apply(next);
        boolean switched = false;
        try {
            load(fresh, progress);
            replay(fresh, Long.MAX_VALUE);
            fresh.commit();
            indexLock.lock();
            try {
                abandonIfClosed();
                // Under the lock no live batch is in flight, so catching up to the log's head
                // here leaves nothing behind when the new index takes over.
                replay(fresh, Long.MAX_VALUE);
                fresh.commit();
                generations.switchTo(next);
                SearchIndex previous = index.swap(fresh);
                switched = true;
                handover.clear();
                close(previous);
            } finally {
                indexLock.unlock();
            }
            generations.deleteOthers();
            log.info("Search index rebuilt up to change {}", fresh.appliedSequence());
        } finally {
            if (!switched) {
                close(fresh);
            }
        }
    }

    /**
     * Loads every stored record into {@code target} as of the log head read first. This thread
     * reads pages from the database; one loader per core parses them and hands them to the index,
     * which is where the time goes.
     */
    private void load(SearchIndex target, Consumer<RebuildProgress> progress) {
        long head = store.headSequence();
        if (head == 0) {
            // Nothing was ever written, so nothing is stored.
            return;
        }
        long total = store.countAll();
        int loaders = Math.max(1, Runtime.getRuntime().availableProcessors());
        BlockingQueue<List<CatalogStore.StoredRecord>> pages = new ArrayBlockingQueue<>(loaders);
        AtomicLong loaded = new AtomicLong();
        AtomicReference<RuntimeException> loadFailure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int number = 0; number < loaders; number++) {
            threads.add(Thread.ofPlatform().name("meridian-rebuild-loader-" + number).daemon()
                    .start(() -> loadPages(target, head, pages, loaded, loadFailure)));
        }
        try {
            store.forEachStoredRecord(settings.batchSize(), page -> {
                if (loadFailure.get() != null) {
                    throw loadFailure.get();
                }
                abandonIfClosed();
                putInterruptibly(pages, page);
                progress.accept(new RebuildProgress(loaded.get(), total));
            });
        } finally {
            // An empty page tells each loader to stop; loaders keep taking pages after a
            // failure, so these never wait for long.
            for (int number = 0; number < loaders; number++) {
                putInterruptibly(pages, List.of());
            }
            for (Thread thread : threads) {
                joinInterruptibly(thread);
            }
        }
        if (loadFailure.get() != null) {
            // Never switch to an incomplete index: the current one stays in use.
            throw new IllegalStateException("loading the catalog into the new index failed", loadFailure.get());
        }
        progress.accept(new RebuildProgress(loaded.get(), Math.max(total, loaded.get())));
    }

    private void loadPages(SearchIndex target, long head, BlockingQueue<List<CatalogStore.StoredRecord>> pages,
            AtomicLong loaded, AtomicReference<RuntimeException> failure) {
        try {
            List<CatalogStore.StoredRecord> page;
            while (!(page = pages.take()).isEmpty()) {
                if (failure.get() != null) {
                    continue;
                }
                try {
                    List<CatalogChange.Upsert> upserts = new ArrayList<>(page.size());
                    for (CatalogStore.StoredRecord stored : page) {
                        upserts.add(new CatalogChange.Upsert(head, stored.stage(), json.read(stored.document()),
                                stored.cataloged(), stored.document()));
                    }
                    target.load(upserts);
                    loaded.addAndGet(upserts.size());
                } catch (RuntimeException e) {
                    // Recorded for the rebuild to report; keep taking pages so the reader never waits.
                    failure.compareAndSet(null, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> void putInterruptibly(BlockingQueue<T> queue, T element) {
        try {
            queue.put(element);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        }
    }

    private static void joinInterruptibly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        }
    }

    /**
     * Applies the log after the target's sequence, up to {@code until} (or to its end), reading
     * the next page on a second thread while this one indexes the current page.
     */
    private void replay(SearchIndex target, long until) {
        AtomicLong after = new AtomicLong(target.appliedSequence());
        try {
            PrefetchedPages.forEach("meridian-rebuild-reader", () -> {
                List<CatalogChange> page = after.get() < until
                        ? store.changesAfter(after.get(), settings.batchSize()) : List.of();
                if (!page.isEmpty()) {
                    after.set(page.getLast().sequence());
                }
                return page;
            }, page -> {
                abandonIfClosed();
                target.apply(page);
            });
        } catch (PrefetchedPages.ReadFailedException e) {
            // Never switch to an incomplete index: the current one stays in use.
            throw new IllegalStateException("reading the change log for the rebuild failed at change "
                    + target.appliedSequence(), e.getCause());
        }
    }

    private void followLog() {
        while (running) {
            try {
                drain();
                refreshIfDue();
                commitIfBehind(false);
                synchronized (wakeUp) {
                    if (handover.isEmpty() && running) {
                        wakeUp.wait(millisecondsToWait());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (JvmShutdown.inProgress()) {
                    log.info("Indexing stopped as the node stops; the next start resumes from the index's commit");
                    return;
                }
                // Keep following: the log is durable, so the next round retries from the index's
                // applied sequence. Pause so a persistent fault does not spin.
                log.error("Indexing the change log failed; retrying", e);
                sleepQuietly(settings.pollInterval());
            }
        }
    }

    private void drain() {
        while (true) {
            indexLock.lock();
            try {
                List<CatalogChange> batch = nextBatch(index.appliedSequence());
                if (batch.isEmpty()) {
                    return;
                }
                index.apply(batch);
                refreshIfDue();
            } finally {
                indexLock.unlock();
            }
        }
    }

    /** Makes applied changes searchable if the last refresh was at least an interval ago. */
    private void refreshIfDue() {
        Instant time = clock.instant();
        if (Duration.between(lastRefresh, time).compareTo(settings.refreshInterval()) < 0) {
            return;
        }
        indexLock.lock();
        try {
            if (index.searchableSequence() < index.appliedSequence()) {
                index.refresh();
                lastRefresh = time;
            }
        } finally {
            indexLock.unlock();
        }
    }

    /** Until the next look at the log, or sooner when applied changes are due to be refreshed. */
    private long millisecondsToWait() {
        long poll = settings.pollInterval().toMillis();
        if (index.searchableSequence() >= index.appliedSequence()) {
            return poll;
        }
        Instant now = clock.instant();
        Instant due = lastRefresh.plus(settings.refreshInterval());
        if (!due.isAfter(now)) {
            return 1;
        }
        return Math.max(1, Math.min(poll, Duration.between(now, due).toMillis()));
    }

    private List<CatalogChange> nextBatch(long applied) {
        List<CatalogChange> offered;
        while ((offered = handover.peek()) != null) {
            long first = offered.get(0).sequence();
            long last = offered.get(offered.size() - 1).sequence();
            if (last <= applied) {
                handover.poll();
                continue;
            }
            if (first == applied + 1) {
                handover.poll();
                return withFollowingBatches(offered);
            }
            // A gap: some changes came from elsewhere or were dropped; the log has them.
            break;
        }
        return store.changesAfter(applied, settings.batchSize());
    }

    /**
     * The batch plus any batches queued right after it, applied in one call under one take of the
     * index lock, so a bulk load that has run ahead of the indexer catches up in large steps.
     */
    private List<CatalogChange> withFollowingBatches(List<CatalogChange> batch) {
        List<CatalogChange> following = handover.peek();
        if (following == null || following.get(0).sequence() != batch.get(batch.size() - 1).sequence() + 1) {
            return batch;
        }
        List<CatalogChange> combined = new ArrayList<>(batch);
        while (following != null && following.get(0).sequence() == combined.get(combined.size() - 1).sequence() + 1) {
            combined.addAll(handover.poll());
            following = handover.peek();
        }
        return combined;
    }

    private void commitIfBehind(boolean now) {
        Instant time = clock.instant();
        if (!now && Duration.between(lastCommit, time).compareTo(settings.commitInterval()) < 0) {
            return;
        }
        indexLock.lock();
        try {
            if (index.committedSequence() < index.appliedSequence()) {
                // A commit also refreshes.
                index.commit();
                lastRefresh = time;
            }
            lastCommit = time;
        } finally {
            indexLock.unlock();
        }
    }

    /**
     * Stops following the log, then applies and commits what is pending. When the log cannot be
     * read any more, what was applied is still committed: at JVM shutdown H2's own shutdown hook
     * closes the database beside the node's, and the changes left unread are replayed at the next
     * start like after a crash.
     */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            running = false;
        }
        wakeWorker();
        if (worker != null) {
            try {
                worker.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            drain();
        } catch (DataAccessException e) {
            if (JvmShutdown.inProgress()) {
                // The usual way a node stops (see Databases.embeddedUrl); H2's message then advises a
                // URL setting it refuses together with AUTO_SERVER, which would only mislead.
                log.debug("The database closed before the indexer; the next start applies the rest of the change log", e);
            } else {
                log.info("Stopping without reading the rest of the change log ({}); the next start applies it",
                        e.getMostSpecificCause().getMessage());
            }
        }
        commitIfBehind(true);
    }

    /**
     * Stops a rebuild when the indexer closes (the node is stopping). Its threads are never
     * interrupted, since an interrupt during a database read closes H2's file for every connection.
     */
    private void abandonIfClosed() {
        if (closed) {
            throw new IllegalStateException("the indexer closed; the rebuild is abandoned and the current index stays");
        }
    }

    private static void close(SearchIndex index) {
        try {
            index.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing a search index failed", e);
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
