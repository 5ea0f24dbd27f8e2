package org.meridian.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.IOUtils;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.index.lucene.LuceneSearchIndex;

/**
 * The node's own Lucene index in a temporary directory, for tests that search records they put
 * in themselves: the queries they send run through exactly what a node runs. Closing it (Spring
 * does, for a bean) deletes the directory.
 */
public final class TemporaryIndex extends ForwardingSearchIndex {
    private static final RecordJson JSON = new RecordJson();

    private final Path directory;

    private TemporaryIndex(Path directory) {
        super(LuceneSearchIndex.open(directory));
        this.directory = directory;
    }

    /** An empty index. */
    public static TemporaryIndex empty() {
        try {
            return new TemporaryIndex(Files.createTempDirectory("meridian-test-index"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An index holding {@code records} in production. */
    public static TemporaryIndex holding(List<CatalogRecord> records) {
        TemporaryIndex index = empty();
        index.add(records.toArray(CatalogRecord[]::new));
        return index;
    }

    /**
     * Upserts {@code records} into production with the next sequences, cataloged at their own
     * timestamps, and makes them searchable at once.
     */
    public synchronized void add(CatalogRecord... records) {
        List<CatalogChange> changes = new ArrayList<>();
        long sequence = appliedSequence();
        for (CatalogRecord record : records) {
            changes.add(new CatalogChange.Upsert(++sequence, Stage.PRODUCTION, record, record.timestamp(), JSON.write(record)));
        }
        apply(changes);
        refresh();
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            IOUtils.rm(directory);
        }
    }
}
