package org.meridian.server.catalog;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchResult;

/**
 * The index every API searches: delegates to the current generation and lets a rebuild swap in
 * a new one without interrupting searches. Records each search's latency.
 *
 * <p>Searches hold the read side of a lock while they use a generation, and a swap takes the write
 * side, so it returns only when no search still uses the generation it replaced: the caller can
 * close that at once without failing a search that began just before the switch.
 *
 * <p>Counts the records that changes applied to it wrote ({@code meridian_ingest_records_total}):
 * whatever wrote them (a bulk load in this process, {@code meridian ingest} beside the node, the
 * publishing API), a record is counted once it reaches the index, and a record loaded again
 * unchanged, which makes no change, is not counted.
 */
public final class LiveSearchIndex implements SearchIndex {
    private final Timer searchTimer;
    private final Counter ingested;
    private final ReadWriteLock generationInUse = new ReentrantReadWriteLock();
    private volatile SearchIndex current;

    public LiveSearchIndex(SearchIndex initial, MeterRegistry meters) {
        this.current = requireNonNull(initial, "initial is null");
        this.searchTimer = Timer.builder("meridian.search")
                .description("Time to answer one search, all APIs")
                .publishPercentileHistogram()
                .register(requireNonNull(meters, "meters is null"));
        this.ingested = Counter.builder("meridian.ingest.records")
                .description("Records written to the catalog and applied to the search index, by any writer"
                        + " (use rate() for the ingest rate)")
                .register(meters);
    }

    /**
     * Replaces the delegate and returns the previous one, which the caller closes; waits for the
     * searches still using it to finish first.
     */
    SearchIndex swap(SearchIndex replacement) {
        requireNonNull(replacement, "replacement is null");
        generationInUse.writeLock().lock();
        try {
            SearchIndex previous = current;
            current = replacement;
            return previous;
        } finally {
            generationInUse.writeLock().unlock();
        }
    }

    /** Runs a read against the current generation, which stays open until the read is done. */
    private <T> T reading(Function<SearchIndex, T> read) {
        generationInUse.readLock().lock();
        try {
            return read.apply(current);
        } finally {
            generationInUse.readLock().unlock();
        }
    }

    @Override
    public long appliedSequence() {
        return current.appliedSequence();
    }

    @Override
    public long searchableSequence() {
        return current.searchableSequence();
    }

    @Override
    public long committedSequence() {
        return current.committedSequence();
    }

    @Override
    public boolean outdated() {
        return current.outdated();
    }

    @Override
    public void apply(List<? extends CatalogChange> changes) {
        current.apply(changes);
        ingested.increment(changes.stream().filter(CatalogChange.Upsert.class::isInstance).count());
    }

    @Override
    public void load(List<CatalogChange.Upsert> records) {
        current.load(records);
    }

    @Override
    public void refresh() {
        current.refresh();
    }

    @Override
    public void commit() {
        current.commit();
    }

    @Override
    public SearchResult search(Query query) {
        return searchTimer.record(() -> reading(index -> index.search(query)));
    }

    @Override
    public Map<RecordType, Long> countByType(Stage stage) {
        return reading(index -> index.countByType(stage));
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
