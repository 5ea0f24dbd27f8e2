package org.meridian.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.AccessScope;
import org.meridian.catalog.search.Hit;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchResult;
import org.meridian.catalog.search.SortOrder;
import org.meridian.index.lucene.LuceneSearchIndex;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.AuditQuery;
import org.meridian.server.system.Databases;
import org.meridian.server.testing.MeridianProcesses;

/**
 * Kills a process in the middle of a bulk load (SIGKILL: no shutdown hooks, no final commit) and
 * checks, after reopening, that every batch it acknowledged is in the catalog and that the index
 * holds exactly what the database holds.
 */
class IngestCrashTest {
    private static final int RECORDS = 60_000;

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedRecordSurvivesAKillAndTheIndexEqualsTheDatabase() throws Exception {
        Path file = writeRecords();
        Path dataDir = directory.resolve("data");
        Process ingest = MeridianProcesses.meridian("ingest", "--data-dir", dataDir.toString(),
                "--batch-size", "500", "--progress", "LINES", file.toString())
                .redirectError(directory.resolve("ingest.err").toFile())
                .start();
        // Let it commit a good number of batches, and index some of them, then kill it mid-flight.
        long acknowledged = MeridianProcesses.followCommits(ingest, committed -> {
            if (committed >= 20_000) {
                ingest.destroyForcibly();
                return false;
            }
            return true;
        });
        assertThat(ingest.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).as(Files.readString(directory.resolve("ingest.err"))).isGreaterThanOrEqualTo(20_000);

        try (HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 2)) {
            Databases.migrate(dataSource);
            try (CatalogStorage storage = CatalogStorage.open(dataSource, dataDir, LuceneSearchIndex::open,
                    new CatalogIndexer.Settings(5_000, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1)), Clock.systemUTC(),
                    new SimpleMeterRegistry())) {
                long inDatabase = storage.store().count(Stage.PRODUCTION);
                assertThat(inDatabase).isGreaterThanOrEqualTo(acknowledged).isLessThanOrEqualTo(RECORDS);
                assertThat(storage.indexer().lag()).isZero();
                assertThat(idsInIndex(storage)).hasSize((int) inDatabase)
                        .containsAll(expectedIds(acknowledged));
            }
            // The killed command never recorded how it ended, but that it began: its records are accounted for.
            assertThat(new AuditLog(dataSource, Clock.systemUTC()).find(AuditQuery.newest(10)))
                    .extracting(event -> event.entry().action() + " " + event.entry().outcome())
                    .containsExactly("catalog.ingest.start SUCCESS");
        }
    }

    private Path writeRecords() throws IOException {
        RecordJson json = new RecordJson();
        Path file = directory.resolve("records.jsonl");
        Files.write(file, IntStream.range(0, RECORDS)
                .mapToObj(i -> json.write(aDataset("CMIP6.crash.d%06d".formatted(i)).build())).toList());
        return file;
    }

    private static Set<String> expectedIds(long count) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(aDataset("CMIP6.crash.d%06d".formatted(i)).build().id().value());
        }
        return ids;
    }

    private static List<String> idsInIndex(CatalogStorage storage) {
        List<String> ids = new ArrayList<>();
        int offset = 0;
        while (true) {
            SearchResult page = storage.index().search(Query.builder().access(AccessScope.ALL).sort(SortOrder.ID)
                    .offset(offset).limit(Query.MAX_LIMIT).build());
            page.hits().stream().map(Hit::record).forEach(record -> ids.add(record.id().value()));
            offset += page.hits().size();
            if (page.hits().isEmpty() || offset >= page.total()) {
                return ids;
            }
        }
    }
}
