package org.meridian.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.search.Query;
import org.meridian.index.lucene.LuceneSearchIndex;
import org.meridian.server.system.Databases;

/** A node started over an index an older version wrote rebuilds it by itself. */
class IndexRebuildWatcherTest {
    private static final CatalogIndexer.Settings SETTINGS =
            new CatalogIndexer.Settings(100, Duration.ofMillis(50), Duration.ofMillis(20), Duration.ofSeconds(1));

    @TempDir
    Path dataDir;
    private HikariDataSource dataSource;
    private final List<Path> generations = new ArrayList<>();

    @BeforeEach
    void openDatabase() {
        dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 2);
        Databases.migrate(dataSource);
    }

    @AfterEach
    void closeDatabase() {
        dataSource.close();
    }

    @Test
    void anOutdatedIndexAnswersAtStartIsRebuiltOnceAndThenIsCurrent() throws Exception {
        try (CatalogStorage storage = open()) {
            storage.indexer().start();
            StorageWrites.writeAndAwaitApplied(storage, List.of(aDataset("CMIP6.a").build(), aDataset("CMIP6.b").build()));
        }
        markAsWrittenByAnOlderVersion(generations.get(0));

        IndexRebuildRequests requests = new IndexRebuildRequests(dataSource, Clock.systemUTC());
        try (CatalogStorage storage = open()) {
            assertThat(storage.index().outdated()).isTrue();
            assertThat(storage.index().search(Query.builder().build()).total()).isEqualTo(2);
            storage.indexer().start();
            try (IndexRebuildWatcher watcher = new IndexRebuildWatcher(requests, storage.indexer(), storage.index(),
                    Duration.ofMillis(20))) {
                watcher.start();
                awaitFinished(requests, 1);

                assertThat(requests.find(1)).hasValueSatisfying(rebuild ->
                        assertThat(rebuild.state()).isEqualTo(IndexRebuildRequests.State.DONE));
                assertThat(storage.index().outdated()).isFalse();
                assertThat(storage.index().search(Query.builder().build()).total()).isEqualTo(2);
            }
        }
        try (CatalogStorage storage = open();
                IndexRebuildWatcher watcher = new IndexRebuildWatcher(requests, storage.indexer(), storage.index(),
                        Duration.ofMillis(20))) {
            watcher.start();
            assertThat(requests.find(2)).as("a current index files no request").isEmpty();
        }
    }

    @Test
    void aRebuildLeftRunningByAStoppedNodeIsMarkedFailedAtStart() {
        IndexRebuildRequests requests = new IndexRebuildRequests(dataSource, Clock.systemUTC());
        long id = requests.request();
        assertThat(requests.claimNext()).hasValueSatisfying(rebuild ->
                assertThat(rebuild.state()).isEqualTo(IndexRebuildRequests.State.RUNNING));

        try (CatalogStorage storage = open();
                IndexRebuildWatcher watcher = new IndexRebuildWatcher(requests, storage.indexer(), storage.index(),
                        Duration.ofMillis(20))) {
            watcher.start();

            assertThat(requests.find(id)).hasValueSatisfying(rebuild -> {
                assertThat(rebuild.state()).isEqualTo(IndexRebuildRequests.State.FAILED);
                assertThat(rebuild.finished()).isTrue();
                assertThat(rebuild.message()).contains("the node stopped before this rebuild finished; run meridian reindex again");
            });
        }
    }

    private CatalogStorage open() {
        return CatalogStorage.open(dataSource, dataDir, path -> {
            generations.add(path);
            return LuceneSearchIndex.open(path);
        }, SETTINGS, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    /** Commit data as versions before the document form was recorded left it: the sequence only. */
    private static void markAsWrittenByAnOlderVersion(Path index) throws Exception {
        try (Directory directory = FSDirectory.open(index);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            Map<String, String> sequenceOnly = new HashMap<>();
            writer.getLiveCommitData().forEach(entry -> {
                if (entry.getKey().equals(LuceneSearchIndex.SEQUENCE_KEY)) {
                    sequenceOnly.put(entry.getKey(), entry.getValue());
                }
            });
            writer.setLiveCommitData(sequenceOnly.entrySet());
            writer.commit();
        }
    }

    private static void awaitFinished(IndexRebuildRequests requests, long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (requests.find(id).map(IndexRebuildRequests.Rebuild::finished).orElse(false)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("rebuild " + id + " did not finish in time");
    }
}
