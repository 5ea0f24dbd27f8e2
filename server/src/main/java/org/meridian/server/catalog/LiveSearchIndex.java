package org.meridian.server.catalog;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchResult;

/**
 * The index every API searches: delegates to the current generation and lets a rebuild swap in
 * a new one without interrupting searches. Records each search's latency.
 */
public final class LiveSearchIndex implements SearchIndex {
    private final Timer searchTimer;
    private volatile SearchIndex current;

    public LiveSearchIndex(SearchIndex initial, MeterRegistry meters) {
        this.current = requireNonNull(initial, "initial is null");
        this.searchTimer = Timer.builder("meridian.search")
                .description("Time to answer one search, all APIs")
                .publishPercentileHistogram()
                .register(requireNonNull(meters, "meters is null"));
    }

    /** Replaces the delegate and returns the previous one, which the caller closes. */
    SearchIndex swap(SearchIndex replacement) {
        SearchIndex previous = current;
        current = requireNonNull(replacement, "replacement is null");
        return previous;
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
        return searchTimer.record(() -> current.search(query));
    }

    @Override
    public Map<RecordType, Long> countByType(Stage stage) {
        return current.countByType(stage);
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
