package org.meridian.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;
import org.meridian.server.system.Databases;

class CatalogStoreTest {
    @TempDir
    Path dataDir;
    private HikariDataSource dataSource;
    private CatalogStore store;

    @BeforeEach
    void openDatabase() {
        dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 2);
        Databases.migrate(dataSource);
        store = new CatalogStore(dataSource, new RecordJson(), Clock.systemUTC());
    }

    @AfterEach
    void closeDatabase() {
        dataSource.close();
    }

    @Test
    void appendsOneChangePerWrittenRecordWithConsecutiveSequences() {
        WriteResult first = store.upsert(Stage.PRODUCTION, List.of(aDataset("a").build(), aDataset("b").build()));
        WriteResult second = store.upsert(Stage.PRODUCTION, List.of(aDataset("c").build()));

        assertThat(first.changes()).extracting(CatalogChange::sequence).containsExactly(1L, 2L);
        assertThat(second.changes()).extracting(CatalogChange::sequence).containsExactly(3L);
        assertThat(store.headSequence()).isEqualTo(3);
    }

    @Test
    void rewritingIdenticalRecordsChangesNothing() {
        List<CatalogRecord> records = List.of(aDataset("a").build(), aDataset("b").build());
        store.upsert(Stage.PRODUCTION, records);

        WriteResult again = store.upsert(Stage.PRODUCTION, records);

        assertThat(again.changes()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(store.headSequence()).isEqualTo(2);
    }

    @Test
    void anEditedRecordReplacesTheStoredOne() {
        store.upsert(Stage.PRODUCTION, List.of(aDataset("a").withTitle("old").build()));
        CatalogRecord edited = aDataset("a").withTitle("new").build();

        WriteResult result = store.upsert(Stage.PRODUCTION, List.of(edited));

        assertThat(result.changes()).hasSize(1);
        assertThat(store.find(Stage.PRODUCTION, edited.id())).contains(edited);
        assertThat(store.count(Stage.PRODUCTION)).isEqualTo(1);
    }

    @Test
    void theLastOccurrenceOfAnIdInABatchWins() {
        WriteResult result = store.upsert(Stage.PRODUCTION,
                List.of(aDataset("a").withTitle("first").build(), aDataset("a").withTitle("second").build()));

        assertThat(result.changes()).hasSize(1);
        assertThat(store.find(Stage.PRODUCTION, aDataset("a").build().id()))
                .hasValueSatisfying(record -> assertThat(record.title()).isEqualTo("second"));
    }

    @Test
    void stagesAreIndependent() {
        CatalogRecord record = aDataset("a").build();
        store.upsert(Stage.STAGING, List.of(record));

        assertThat(store.find(Stage.STAGING, record.id())).isPresent();
        assertThat(store.find(Stage.PRODUCTION, record.id())).isEmpty();
        assertThat(store.countByType(Stage.STAGING)).containsEntry(RecordType.DATASET, 1L);
        assertThat(store.countByType(Stage.PRODUCTION)).containsEntry(RecordType.DATASET, 0L);
    }

    @Test
    void theLogReplaysToTheCurrentState() {
        CatalogRecord a = aDataset("a").build();
        CatalogRecord b = aDataset("b").build();
        store.upsert(Stage.PRODUCTION, List.of(a, b));
        WriteResult removal = store.remove(Stage.PRODUCTION, List.of(a.id(), aDataset("never-there").build().id()));

        List<CatalogChange> log = store.changesAfter(0, 100);

        assertThat(removal.changes()).hasSize(1);
        assertThat(removal.unchanged()).isEqualTo(1);
        // a's upsert now reads as a removal because a is gone; replaying still ends with b only.
        assertThat(log).extracting(CatalogChange::sequence).containsExactly(1L, 2L, 3L);
        assertThat(log.get(0)).isInstanceOf(CatalogChange.Removal.class);
        assertThat(log.get(1)).isEqualTo(new CatalogChange.Upsert(2, Stage.PRODUCTION, b,
                ((CatalogChange.Upsert) log.get(1)).cataloged(), new RecordJson().write(b)));
        assertThat(log.get(2)).isInstanceOf(CatalogChange.Removal.class);
        assertThat(store.changesAfter(2, 100)).extracting(CatalogChange::sequence).containsExactly(3L);
        assertThat(store.changesAfter(0, 1)).hasSize(1);
    }

    @Test
    void theLogAndTheStoredRecordsGiveAChangeTheCatalogTimeItWasHandedToTheIndexerWith() {
        // The indexer indexes a write from what the write returned, and after a restart or for a
        // rebuild from what the log and the stored records say; the catalog time (ESGF's from and to)
        // must be the same either way. The hour that comes twice as Berlin leaves summer time (local
        // 02:30 is 00:30 UTC, then again 01:30 UTC), and nanoseconds finer than the database keeps,
        // are where they drifted apart.
        for (String time : List.of("2026-10-25T00:30:00.123456789Z", "2026-10-25T01:30:00.123456789Z")) {
            assertCatalogTimeAgrees(Instant.parse(time));
        }
    }

    private void assertCatalogTimeAgrees(Instant writtenAt) {
        try (HikariDataSource berlin = Databases.open(
                Databases.embeddedUrl(dataDir.resolve(writtenAt.toString().replace(':', '-'))) + ";TIME ZONE=Europe/Berlin",
                "sa", "", 2)) {
            Databases.migrate(berlin);
            CatalogStore berlinStore = new CatalogStore(berlin, new RecordJson(), Clock.fixed(writtenAt, ZoneOffset.UTC));

            WriteResult written = berlinStore.upsert(Stage.PRODUCTION, List.of(aDataset("a").build()));

            Instant handedOver = ((CatalogChange.Upsert) written.changes().getFirst()).cataloged();
            assertThat(handedOver).as("written at %s", writtenAt).isEqualTo(writtenAt.truncatedTo(ChronoUnit.MICROS));
            assertThat(((CatalogChange.Upsert) berlinStore.changesAfter(0, 10).getFirst()).cataloged())
                    .as("written at %s", writtenAt).isEqualTo(handedOver);
            List<Instant> stored = new ArrayList<>();
            berlinStore.forEachStoredRecord(10, page -> page.forEach(record -> stored.add(record.cataloged())));
            assertThat(stored).as("written at %s", writtenAt).containsExactly(handedOver);
        }
    }
}
