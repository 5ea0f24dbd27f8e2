package org.meridian.server.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchResult;

/** Hands every call to another index; a test's index overrides only the calls it watches or adds to. */
public abstract class ForwardingSearchIndex implements SearchIndex {
    private final SearchIndex delegate;

    protected ForwardingSearchIndex(SearchIndex delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public long appliedSequence() {
        return delegate.appliedSequence();
    }

    @Override
    public long searchableSequence() {
        return delegate.searchableSequence();
    }

    @Override
    public long committedSequence() {
        return delegate.committedSequence();
    }

    @Override
    public boolean outdated() {
        return delegate.outdated();
    }

    @Override
    public void apply(List<? extends CatalogChange> changes) {
        delegate.apply(changes);
    }

    @Override
    public void refresh() {
        delegate.refresh();
    }

    @Override
    public void load(List<CatalogChange.Upsert> records) {
        delegate.load(records);
    }

    @Override
    public void commit() {
        delegate.commit();
    }

    @Override
    public SearchResult search(Query query) {
        return delegate.search(query);
    }

    @Override
    public Map<RecordType, Long> countByType(Stage stage) {
        return delegate.countByType(stage);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
