package org.meridian.server.catalog;

import java.time.Duration;
import java.util.List;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.Stage;

/** Writing through a started {@link CatalogStorage} in tests, as a node does. */
final class StorageWrites {
    private StorageWrites() {
    }

    /**
     * Upserts the records into production, hands them to the indexer and waits up to ten seconds
     * for it to apply them.
     *
     * @return the sequence the indexer has applied when the wait ends
     */
    static long writeAndAwaitApplied(CatalogStorage storage, List<CatalogRecord> records) throws InterruptedException {
        WriteResult written = storage.store().upsert(Stage.PRODUCTION, records);
        storage.indexer().offer(written);
        long head = storage.store().headSequence();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (storage.indexer().appliedSequence() < head && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return storage.indexer().appliedSequence();
    }
}
