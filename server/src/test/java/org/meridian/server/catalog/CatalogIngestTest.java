package org.meridian.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.AccessScope;
import org.meridian.catalog.search.Hit;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchResult;
import org.meridian.index.lucene.LuceneSearchIndex;
import org.meridian.server.system.Databases;

class CatalogIngestTest {
    private static final int BATCH = 5;
    @TempDir
    Path dataDir;
    private HikariDataSource dataSource;
    private CatalogStorage storage;
    private final List<Path> openedGenerations = new ArrayList<>();
    private final RecordJson json = new RecordJson();

    @BeforeEach
    void open() {
        dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 2);
        Databases.migrate(dataSource);
        storage = CatalogStorage.open(dataSource, dataDir, generation -> {
            openedGenerations.add(generation);
            return LuceneSearchIndex.open(generation);
        }, new CatalogIndexer.Settings(BATCH, Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(50)), Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void close() {
        storage.close();
        dataSource.close();
    }

    private Path file(List<String> lines) throws IOException {
        return Files.write(dataDir.resolve("records.jsonl"), lines);
    }

    private List<String> datasets(int count) {
        return IntStream.range(0, count).mapToObj(i -> json.write(aDataset("CMIP6.ds" + i).build())).toList();
    }

    @Test
    void loadsEveryLineAndMakesItSearchable() throws IOException {
        List<CatalogIngest.Progress> progress = new ArrayList<>();

        CatalogIngest.Summary summary = storage.ingest().load(List.of(file(datasets(12))), Stage.PRODUCTION, progress::add);
        storage.indexer().catchUp();

        assertThat(summary.records()).isEqualTo(12);
        assertThat(summary.changed()).isEqualTo(12);
        assertThat(progress).extracting(CatalogIngest.Progress::line).containsExactly(5L, 10L, 12L);
        assertThat(progress.get(progress.size() - 1).done()).isEqualTo(progress.get(0).total());
        assertThat(storage.store().count(Stage.PRODUCTION)).isEqualTo(12);
        assertThat(storage.index().search(Query.builder().limit(0).build()).total()).isEqualTo(12);
        assertThat(storage.indexer().lag()).isZero();
    }

    @Test
    void aBatchAlsoEndsWhenItsLinesReachTheCharacterBound() throws IOException {
        String longText = "x".repeat(CatalogIngest.MAX_BATCH_CHARACTERS / 3);
        List<String> lines = IntStream.range(0, 4)
                .mapToObj(i -> json.write(aDataset("CMIP6.long" + i).withFacet("description", longText).build()))
                .toList();
        List<CatalogIngest.Progress> progress = new ArrayList<>();

        storage.ingest().load(List.of(file(lines)), Stage.PRODUCTION, progress::add);

        // Three lines pass the bound before the batch size (5) is reached.
        assertThat(progress).extracting(CatalogIngest.Progress::line).containsExactly(3L, 4L);
        assertThat(storage.store().count(Stage.PRODUCTION)).isEqualTo(4);
    }

    @Test
    void aLoadStartsWithASmallBatchSoTheFirstRecordsAreSearchableSoonThenDoublesUpToTheBatchSize() throws IOException {
        CatalogIngest ingest = new CatalogIngest(storage.store(), written -> {
        }, json, 1_200, Clock.systemUTC());
        List<CatalogIngest.Progress> fromFiles = new ArrayList<>();
        List<CatalogIngest.Progress> inProcess = new ArrayList<>();
        Path first = Files.write(dataDir.resolve("first.jsonl"), datasets(1_000));
        Path second = Files.write(dataDir.resolve("second.jsonl"),
                IntStream.range(0, 1_000).mapToObj(i -> json.write(aDataset("CMIP6.second" + i).build())).toList());

        ingest.load(List.of(first, second), Stage.PRODUCTION, fromFiles::add);
        ingest.loadRecords("generated", IntStream.range(0, 3_000).mapToObj(i -> aDataset("CMIP6.gen" + i).build()).iterator(),
                3_000, Stage.PRODUCTION, inProcess::add);

        // 500, then the file's other 500; the second file goes on at 1,000 (the ramp is the load's, not each file's).
        assertThat(fromFiles).extracting(CatalogIngest.Progress::records).containsExactly(500L, 1_000L, 2_000L, 2_000L);
        assertThat(fromFiles).extracting(CatalogIngest.Progress::complete).containsExactly(false, false, false, true);
        assertThat(inProcess).extracting(CatalogIngest.Progress::complete).containsExactly(false, false, false, true);
        assertThat(inProcess).extracting(CatalogIngest.Progress::records).containsExactly(500L, 1_500L, 2_700L, 3_000L);
        assertThat(storage.store().count(Stage.PRODUCTION)).isEqualTo(5_000);
    }

    @Test
    void loadingTheSameFileTwiceChangesNothing() throws IOException {
        Path file = file(datasets(7));
        storage.ingest().load(List.of(file), Stage.PRODUCTION, progress -> {
        });

        CatalogIngest.Summary again = storage.ingest().load(List.of(file), Stage.PRODUCTION, progress -> {
        });

        assertThat(again.changed()).isZero();
        assertThat(again.unchanged()).isEqualTo(7);
        assertThat(storage.store().headSequence()).isEqualTo(7);
    }

    @Test
    void aBadLineStopsTheLoadAndLeavesEarlierBatchesCommitted() throws IOException {
        List<String> lines = new ArrayList<>(datasets(9));
        lines.add(6, json.write(aDataset("CMIP6.misnamed").build()).replace("\"type\":\"Dataset\"", "\"type\":\"Datasets\""));

        assertThatThrownBy(() -> storage.ingest().load(List.of(file(lines)), Stage.PRODUCTION, progress -> {
        }))
                .isInstanceOfSatisfying(IngestFailedException.class, failure -> {
                    assertThat(failure.line()).isEqualTo(7);
                    assertThat(failure.committedRecords()).isEqualTo(5);
                })
                .hasMessageContaining("records.jsonl:7: type: unknown record type 'Datasets'");
        assertThat(storage.store().count(Stage.PRODUCTION)).isEqualTo(5);
    }

    @Test
    void aFileOfARestrictedDatasetWithoutItsGroupStopsTheLoadAtItsLine() throws IOException {
        CatalogRecord embargoed = aDataset("CMIP6.embargoed").withAccessGroup("embargo").build();
        // The first batch (five lines) stores the dataset; its files come in the second.
        List<String> lines = new ArrayList<>(datasets(4));
        lines.add(json.write(embargoed));
        lines.add(json.write(aFile(embargoed, "a.nc").withAccessGroup("embargo").build()));
        lines.add(json.write(aFile(embargoed, "b.nc").withAccessGroup("embargo").build()));
        lines.add(json.write(aFile(embargoed, "c.nc").build()));

        assertThatThrownBy(() -> storage.ingest().load(List.of(file(lines)), Stage.PRODUCTION, progress -> {
        }))
                .isInstanceOfSatisfying(IngestFailedException.class, failure -> {
                    assertThat(failure.line()).isEqualTo(8);
                    assertThat(failure.committedRecords()).isEqualTo(5);
                })
                .hasMessageContaining("records.jsonl:8: Record " + aFile(embargoed, "c.nc").build().id().value()
                        + " belongs to dataset " + embargoed.id().value() + ", which is restricted to access group"
                        + " 'embargo'");
        assertThat(storage.store().count(Stage.PRODUCTION)).isEqualTo(5);
    }

    @Test
    void aDatasetRestrictedLaterTakesItsStoredFilesAlongOrIsRefused() throws IOException {
        CatalogRecord open = aDataset("CMIP6.later").build();
        CatalogRecord file = aFile(open, "a.nc").build();
        storage.ingest().load(List.of(file(List.of(json.write(open), json.write(file)))), Stage.PRODUCTION, progress -> {
        });
        CatalogRecord restricted = aDataset("CMIP6.later").withAccessGroup("embargo").build();

        assertThatThrownBy(() -> storage.ingest().load(List.of(file(List.of(json.write(restricted)))), Stage.PRODUCTION,
                progress -> {
                })).isInstanceOfSatisfying(IngestFailedException.class, failure -> assertThat(failure.line()).isEqualTo(1))
                .hasMessageContaining("but its file or aggregation " + file.id().value() + " is not");

        storage.ingest().load(List.of(file(List.of(json.write(restricted),
                json.write(aFile(restricted, "a.nc").withAccessGroup("embargo").build())))), Stage.PRODUCTION, progress -> {
                });
        assertThat(storage.store().find(Stage.PRODUCTION, file.id()).orElseThrow().accessGroup()).contains("embargo");
    }

    @Test
    void aDatabaseThatGoesAwayStopsTheLoadSayingHowMuchIsCommitted() throws IOException {
        Path file = file(datasets(12));
        HikariDataSource vanishing = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 1);
        // After the first batch, the database is gone, as when the node serving it stops.
        CatalogIngest ingest = new CatalogIngest(new CatalogStore(vanishing, json, Clock.systemUTC()),
                written -> vanishing.close(), json, BATCH, Clock.systemUTC());

        assertThatThrownBy(() -> ingest.load(List.of(file), Stage.PRODUCTION, progress -> {
        }))
                .isInstanceOfSatisfying(IngestInterruptedException.class,
                        failure -> assertThat(failure.committedRecords()).isEqualTo(BATCH))
                .hasMessageStartingWith("the catalog could not store a batch: ");
        assertThat(storage.store().count(Stage.PRODUCTION)).isEqualTo(BATCH);
    }

    @Test
    void bytesThatAreNotUtf8StopTheLoadInsteadOfBeingStoredAsReplacementCharacters() throws IOException {
        List<String> lines = datasets(9);
        byte[] good = (String.join("\n", lines.subList(0, 7)) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = json.write(aDataset("CMIP6.bad").withTitle("bad XX title").build()).getBytes(StandardCharsets.UTF_8);
        int marker = new String(bad, StandardCharsets.UTF_8).indexOf("XX");
        bad[marker] = (byte) 0xff;
        bad[marker + 1] = (byte) 0xfe;
        Path file = dataDir.resolve("records.jsonl");
        Files.write(file, good);
        Files.write(file, bad, StandardOpenOption.APPEND);
        Files.writeString(file, "\n" + String.join("\n", lines.subList(7, 9)) + "\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> storage.ingest().load(List.of(file), Stage.PRODUCTION, progress -> {
        }))
                .isInstanceOfSatisfying(IngestFailedException.class, failure ->
                        assertThat(failure.committedRecords()).isLessThanOrEqualTo(7))
                .hasMessageContaining("not valid UTF-8");
        assertThat(storage.store().count(Stage.PRODUCTION)).isLessThanOrEqualTo(7);
        assertThat(storage.store().find(Stage.PRODUCTION, aDataset("CMIP6.bad").build().id())).isEmpty();
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dataDir.resolve("nope.jsonl");

        assertThatThrownBy(() -> storage.ingest().load(List.of(missing), Stage.PRODUCTION, progress -> {
        })).isInstanceOf(IngestFailedException.class).hasMessageEndingWith("nope.jsonl: no such file");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstRecordIsNotPartOfIt() throws IOException {
        List<String> lines = datasets(2);
        Path file = Files.writeString(dataDir.resolve("bom.jsonl"), "\uFEFF" + String.join("\n", lines) + "\n");

        CatalogIngest.Summary summary = storage.ingest().load(List.of(file), Stage.PRODUCTION, progress -> {
        });

        assertThat(summary.records()).isEqualTo(2);
        assertThat(storage.store().find(Stage.PRODUCTION, aDataset("CMIP6.ds0").build().id())).isPresent();
    }

    @Test
    void aBackgroundIndexerPicksUpChangesWrittenElsewhere() throws Exception {
        storage.indexer().start();
        // Written straight to the store, as another process would: nothing is handed over.
        storage.store().upsert(Stage.PRODUCTION, List.of(aDataset("elsewhere").build()));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (storage.indexer().lag() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        assertThat(storage.indexer().lag()).isZero();
        assertThat(storage.index().countByType(Stage.PRODUCTION)).containsEntry(RecordType.DATASET, 1L);
    }

    @Test
    void rebuildSwitchesToANewGenerationHoldingEverything() throws IOException {
        storage.ingest().load(List.of(file(datasets(11))), Stage.PRODUCTION, progress -> {
        });
        storage.indexer().catchUp();
        List<CatalogIndexer.RebuildProgress> progress = new ArrayList<>();

        storage.indexer().rebuild(progress::add);

        assertThat(openedGenerations).hasSize(2);
        assertThat(Files.readString(dataDir.resolve("index/CURRENT")).strip())
                .isEqualTo(openedGenerations.get(1).getFileName().toString());
        assertThat(Files.exists(openedGenerations.get(0))).isFalse();
        assertThat(storage.index().search(Query.builder().limit(0).build()).total()).isEqualTo(11);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(new CatalogIndexer.RebuildProgress(11, 11));
    }

    @Test
    void aRebuildStillLoadingWhenTheIndexerClosesIsAbandonedAndTheCurrentIndexStays() throws IOException {
        storage.ingest().load(List.of(file(datasets(40))), Stage.PRODUCTION, progress -> {
        });
        storage.indexer().catchUp();
        String current = Files.readString(dataDir.resolve("index/CURRENT")).strip();

        // The node stopping during the scan: nothing interrupts the rebuild, it notices and gives up.
        assertThatThrownBy(() -> storage.indexer().rebuild(progress -> storage.indexer().close()))
                .hasMessageContaining("rebuild is abandoned");

        assertThat(Files.readString(dataDir.resolve("index/CURRENT")).strip()).isEqualTo(current);
        assertThat(storage.index().search(Query.builder().limit(0).build()).total()).isEqualTo(40);
    }

    /**
     * A rebuild reads the log head, then scans the stored records page by page without holding a
     * transaction: records changed after the head may be read in either state, or missed. The
     * changes after the head, applied afterwards, must still leave the new index equal to the
     * catalog, at the log's head.
     */
    @Test
    void rebuildEndsEqualToTheCatalogWhenRecordsChangeDuringTheScan() throws IOException {
        storage.ingest().load(List.of(file(datasets(40))), Stage.PRODUCTION, progress -> {
        });
        storage.indexer().catchUp();
        CatalogStore store = storage.store();
        boolean[] changed = {false};

        storage.indexer().rebuild(progress -> {
            if (changed[0]) {
                return;
            }
            changed[0] = true;
            // Ids sort CMIP6.ds0, ds1, ds10, …, ds9: the first pages are read by now, the last not yet.
            store.upsert(Stage.PRODUCTION, List.of(
                    aDataset("CMIP6.ds0").withTitle("revised after it was read").build(),
                    aDataset("CMIP6.ds9").withTitle("revised before it is read").build(),
                    aDataset("CMIP6.ds99").withTitle("added during the scan").build()));
            store.remove(Stage.PRODUCTION, List.of(
                    aDataset("CMIP6.ds1").build().id(), aDataset("CMIP6.ds8").build().id()));
        });

        Map<String, CatalogRecord> inCatalog = new HashMap<>();
        store.forEachStoredRecord(100, page -> page.forEach(stored ->
                inCatalog.put(stored.id().value(), json.read(stored.document()))));
        SearchResult inIndex = storage.index().search(Query.builder().access(AccessScope.ALL)
                .limit(Query.MAX_LIMIT).build());
        assertThat(changed[0]).isTrue();
        assertThat(inCatalog).hasSize(39);
        assertThat(inIndex.hits()).extracting(Hit::record)
                .containsExactlyInAnyOrderElementsOf(inCatalog.values());
        assertThat(storage.indexer().appliedSequence()).isEqualTo(store.headSequence());
        assertThat(storage.index().committedSequence()).isEqualTo(store.headSequence());
    }
}
