package org.meridian.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.index.lucene.LuceneSearchIndex;
import org.meridian.server.system.Databases;

/**
 * Stopping a node whose database has already closed, as happens at JVM shutdown when H2's own
 * shutdown hook runs beside the node's.
 */
class CatalogStorageShutdownTest {
    @TempDir
    Path dataDir;

    @Test
    void whatWasAppliedIsCommittedEvenWhenTheDatabaseClosedFirst() throws Exception {
        List<Path> generations = new ArrayList<>();
        HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 2);
        Databases.migrate(dataSource);
        // The commit interval is long, so nothing is committed before the node stops.
        CatalogStorage storage = CatalogStorage.open(dataSource, dataDir, path -> {
            generations.add(path);
            return LuceneSearchIndex.open(path);
        }, new CatalogIndexer.Settings(100, Duration.ofHours(1), Duration.ofMillis(20), Duration.ofSeconds(1)),
                Clock.systemUTC(), new SimpleMeterRegistry());
        storage.indexer().start();
        assertThat(StorageWrites.writeAndAwaitApplied(storage, List.of(aDataset("CMIP6.a").build(), aDataset("CMIP6.b").build())))
                .isEqualTo(2);

        dataSource.close();
        storage.close();

        try (LuceneSearchIndex reopened = LuceneSearchIndex.open(generations.get(0))) {
            assertThat(reopened.committedSequence()).isEqualTo(2);
        }
    }
}
