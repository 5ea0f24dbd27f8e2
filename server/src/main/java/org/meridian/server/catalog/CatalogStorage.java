package org.meridian.server.catalog;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.search.SearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's storage stack on one data directory: record store and change log in the
 * database, the live search index under {@code <data-dir>/index}, the indexer that keeps them
 * equal, and bulk ingest. The node, the command line and the benchmarks all open it the same way.
 */
public final class CatalogStorage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatalogStorage.class);

    private final CatalogStore store;
    private final LiveSearchIndex index;
    private final CatalogIndexer indexer;
    private final CatalogIngest ingest;

    private CatalogStorage(CatalogStore store, LiveSearchIndex index, CatalogIndexer indexer, CatalogIngest ingest) {
        this.store = store;
        this.index = index;
        this.indexer = indexer;
        this.ingest = ingest;
    }

    /**
     * Opens the stack and brings the index up to date with the log (replaying whatever a crash
     * left unindexed). An index that has applied changes the log does not hold is rebuilt from the
     * database instead: the database lost them (a crash between H2 making a commit visible and
     * storing it, a power loss before H2 wrote its file, a restored backup), and the log would
     * reuse their sequence numbers for other changes, which that index would then skip as applied.
     * The database must be migrated already.
     *
     * @param opener opens (or creates) a search index in a directory
     */
    public static CatalogStorage open(DataSource dataSource, Path dataDir, Function<Path, SearchIndex> opener,
            CatalogIndexer.Settings settings, Clock clock, MeterRegistry meters) {
        requireNonNull(dataSource, "dataSource is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(opener, "opener is null");
        RecordJson json = new RecordJson();
        CatalogStore store = new CatalogStore(dataSource, json, clock);
        IndexGenerations generations = new IndexGenerations(dataDir.resolve("index"));
        LiveSearchIndex index = new LiveSearchIndex(opener.apply(generations.current()), meters);
        CatalogIndexer indexer = new CatalogIndexer(store, index, generations, opener, settings, json, clock);
        try {
            long head = store.headSequence();
            long applied = index.appliedSequence();
            if (applied > head) {
                log.warn("The search index holds changes up to {} but the catalog's change log ends at {}: the"
                        + " database lost changes the index had applied (a crash or power loss before they were"
                        + " stored, or a restored backup). Rebuilding the index from the database.",
                        applied, head);
                indexer.rebuild(progress -> {
                });
            } else {
                indexer.catchUp();
            }
        } catch (RuntimeException e) {
            // Release the index (its writer holds a lock file) for the next attempt to open it.
            closeAfterFailure(index, e);
            throw e;
        }
        // Left-overs of a rebuild that crashed before switching; the current generation is whole.
        generations.deleteOthers();
        CatalogIngest ingest = new CatalogIngest(store, indexer::offer, json, settings.batchSize(), clock);
        return new CatalogStorage(store, index, indexer, ingest);
    }

    private static void closeAfterFailure(LiveSearchIndex index, RuntimeException failure) {
        try {
            index.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    public CatalogStore store() {
        return store;
    }

    public LiveSearchIndex index() {
        return index;
    }

    public CatalogIndexer indexer() {
        return indexer;
    }

    public CatalogIngest ingest() {
        return ingest;
    }

    /** Stops the indexer after a final durable commit, then closes the index. */
    @Override
    public void close() {
        indexer.close();
        try {
            index.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the search index failed", e);
        }
    }
}
