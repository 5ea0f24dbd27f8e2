package org.meridian.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.meridian.catalog.RecordBuilder.aDataset;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.Hit;
import org.meridian.catalog.search.Query;
import org.meridian.index.lucene.LuceneSearchIndex;
import org.meridian.server.system.Databases;

/**
 * Opening storage whose database holds fewer changes than its index has applied: what is left
 * when the database loses its last commits (a crash between H2 making a commit visible and storing
 * it, a power loss, a restored backup) after the index committed them.
 */
class CatalogStorageRecoveryTest {
    private static final CatalogIndexer.Settings SETTINGS =
            new CatalogIndexer.Settings(5, Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(50));

    @TempDir
    Path dataDir;
    private final RecordJson json = new RecordJson();

    @Test
    void anIndexAheadOfTheDatabaseIsRebuiltAndLaterChangesAreIndexed() throws Exception {
        try (HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 2)) {
            Databases.migrate(dataSource);
            try (CatalogStorage storage = open(dataSource)) {
                load(storage, "CMIP6.before", 12);
                assertThat(storage.indexer().appliedSequence()).isEqualTo(12);
            }
            forgetChangesAfter(dataSource, 8);

            try (CatalogStorage storage = open(dataSource)) {
                assertThat(storage.indexer().appliedSequence()).isEqualTo(8);
                assertThat(ids(storage)).hasSize(8).doesNotContain(aDataset("CMIP6.before8").build().id().value());

                // The log hands out sequences 9 to 11 again, for other records.
                load(storage, "CMIP6.after", 3);

                assertThat(storage.store().count(Stage.PRODUCTION)).isEqualTo(11);
                assertThat(ids(storage)).hasSize(11)
                        .contains(aDataset("CMIP6.after0").build().id().value(), aDataset("CMIP6.after2").build().id().value());
            }
        }
    }

    @Test
    void anOpenThatFailsReleasesTheIndexForTheNextAttempt() throws IOException {
        HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 2);
        Databases.migrate(dataSource);
        dataSource.close();

        assertThatThrownBy(() -> open(dataSource)).isInstanceOf(RuntimeException.class);

        // A writer left open would hold the index's write lock, and this would fail.
        try (LuceneSearchIndex again = LuceneSearchIndex.open(new IndexGenerations(dataDir.resolve("index")).current())) {
            assertThat(again.appliedSequence()).isZero();
        }
    }

    private CatalogStorage open(HikariDataSource dataSource) {
        return CatalogStorage.open(dataSource, dataDir, LuceneSearchIndex::open, SETTINGS, Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    private void load(CatalogStorage storage, String prefix, int count) throws IOException {
        List<String> lines = IntStream.range(0, count).mapToObj(i -> json.write(aDataset(prefix + i).build())).toList();
        Path file = Files.write(dataDir.resolve(prefix + ".jsonl"), lines);
        storage.ingest().load(List.of(file), Stage.PRODUCTION, progress -> {
        });
        storage.indexer().catchUp();
    }

    /** The database as if its commits after {@code sequence} had never been stored. */
    private static void forgetChangesAfter(HikariDataSource dataSource, long sequence) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM catalog_records WHERE record_id IN"
                    + " (SELECT record_id FROM catalog_changes WHERE sequence > " + sequence + ")");
            statement.executeUpdate("DELETE FROM catalog_changes WHERE sequence > " + sequence);
            statement.executeUpdate("UPDATE catalog_log_head SET last_sequence = " + sequence);
        }
    }

    private static List<String> ids(CatalogStorage storage) {
        return storage.index().search(Query.builder().limit(100).build()).hits().stream()
                .map(Hit::record).map(record -> record.id().value()).toList();
    }
}
