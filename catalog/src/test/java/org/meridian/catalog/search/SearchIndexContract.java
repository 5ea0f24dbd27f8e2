package org.meridian.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.meridian.catalog.RecordBuilder.aDataset;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.GeoBox;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;

/**
 * The behaviour every {@link SearchIndex} must show, after the SPI's Javadoc and the ESGF search
 * semantics of {@code shared/spec/esgf-search-api.md} §2–§4. An implementation's test extends this
 * class and only says how to open an index, the way Lucene's {@code BaseDirectoryTestCase} works.
 *
 * <p>Most tests load {@link SampleCatalog} into production and search it as the public would.
 */
public abstract class SearchIndexContract {
    private static final RecordJson JSON = new RecordJson();
    private static final Instant CATALOGED = Instant.parse("2024-05-01T00:00:00Z");
    /**
     * One match's score computed in two passes (the page and the best-score count) may differ in
     * the last bits, as scorers may add clause scores in another order.
     */
    private static final Offset<Float> SAME_SCORE = Offset.offset(1e-5f);

    private final SampleCatalog catalog = new SampleCatalog();
    private Path directory;
    private SearchIndex index;

    /**
     * Opens the index stored under {@code directory}, creating it when the directory is empty.
     * Called again on the same directory after {@link SearchIndex#close()} to check durability.
     */
    protected abstract SearchIndex openIndex(Path directory);

    @BeforeEach
    void openEmptyIndex(@TempDir Path directory) {
        this.directory = directory;
        this.index = openIndex(directory);
    }

    @AfterEach
    void closeIndex() throws IOException {
        index.close();
    }

    @Test
    void newIndexHasAppliedAndCommittedNothing() {
        assertThat(index.appliedSequence()).isZero();
        assertThat(index.searchableSequence()).isZero();
        assertThat(index.committedSequence()).isZero();
        assertThat(index.search(everything().build()).total()).isZero();
        assertThat(index.countByType(Stage.PRODUCTION))
                .containsOnly(Map.entry(RecordType.DATASET, 0L), Map.entry(RecordType.FILE, 0L),
                        Map.entry(RecordType.AGGREGATION, 0L));
    }

    @Test
    void applyAdvancesAppliedSequenceAndCommitRecordsIt() {
        index.apply(List.of(upsert(1, catalog.cesmTas), upsert(2, catalog.cesmPr)));
        index.refresh();

        assertThat(index.appliedSequence()).isEqualTo(2);
        assertThat(index.committedSequence()).isZero();

        index.commit();

        assertThat(index.appliedSequence()).isEqualTo(2);
        assertThat(index.committedSequence()).isEqualTo(2);
    }

    @Test
    void appliedChangesAreSearchableOnceRefreshed() {
        index.apply(List.of(upsert(1, catalog.cesmTas)));

        assertThat(index.searchableSequence()).isBetween(0L, 1L);

        index.refresh();

        assertThat(index.searchableSequence()).isEqualTo(1);
        assertThat(ids(everything())).containsExactly(id(catalog.cesmTas));
    }

    @Test
    void commitAlsoMakesAppliedChangesSearchable() {
        index.apply(List.of(upsert(1, catalog.cesmTas), upsert(2, catalog.cesmPr)));

        index.commit();

        assertThat(index.searchableSequence()).isEqualTo(2);
        assertThat(ids(everything())).containsExactly(id(catalog.cesmPr), id(catalog.cesmTas));
    }

    @Test
    void hitCarriesTheRecordAsAppliedAndWhenItWasCataloged() {
        index.apply(List.of(upsert(1, catalog.cesmTasFirstFile)));
        index.refresh();

        Hit hit = index.search(everything().build()).hits().get(0);

        assertThat(hit.record()).isEqualTo(catalog.cesmTasFirstFile);
        assertThat(hit.cataloged()).isEqualTo(CATALOGED);
        assertThat(hit.score()).isPositive();
    }

    @Test
    void upsertReplacesTheRecordWithTheSameIdInTheSameStage() {
        CatalogRecord renamed = SampleCatalog.cmip6("CMIP", "NCAR", "CESM2", "historical", "r1i1p1f1", "tas", "gn")
                .withTitle("Renamed dataset")
                .withFacet("source_id", "CESM2-renamed")
                .withGeoBox(SampleCatalog.GLOBE)
                .build();
        assertThat(renamed.id()).isEqualTo(catalog.cesmTas.id());

        index.apply(List.of(upsert(1, catalog.cesmTas), upsert(2, renamed)));
        index.refresh();

        SearchResult result = index.search(everything().facet("source_id").build());
        assertThat(result.total()).isEqualTo(1);
        assertThat(result.hits().get(0).record()).isEqualTo(renamed);
        assertThat(result.facets().get("source_id")).containsExactly(new FacetCount("CESM2-renamed", 1));
        assertThat(ids(everything().text("temperature"))).isEmpty();
        assertThat(ids(everything().text("Renamed"))).containsExactly(id(catalog.cesmTas));
    }

    @Test
    void stagesAreIndependent() {
        CatalogRecord revised = SampleCatalog.cmip6("CMIP", "NCAR", "CESM2", "historical", "r1i1p1f1", "tas", "gn")
                .withTitle("CESM2 historical tas, staged revision")
                .build();
        index.apply(List.of(
                upsert(1, catalog.cesmTas),
                new CatalogChange.Upsert(2, Stage.STAGING, revised, CATALOGED, JSON.write(revised)),
                new CatalogChange.Upsert(3, Stage.STAGING, catalog.cesmPr, CATALOGED, JSON.write(catalog.cesmPr))));
        index.refresh();

        assertThat(index.search(everything().text("revision").build()).total()).isZero();
        assertThat(index.search(everything().stage(Stage.STAGING).text("revision").build()).hits())
                .extracting(Hit::record).containsExactly(revised);
        assertThat(index.search(everything().build()).hits()).extracting(Hit::record).containsExactly(catalog.cesmTas);

        index.apply(List.of(new CatalogChange.Removal(4, Stage.STAGING, catalog.cesmTas.id())));
        index.refresh();

        assertThat(ids(everything())).containsExactly(id(catalog.cesmTas));
        assertThat(ids(everything().stage(Stage.STAGING))).containsExactly(id(catalog.cesmPr));
    }

    @Test
    void removalDeletesTheRecordFromItsStage() {
        index.apply(List.of(upsert(1, catalog.cesmTas), upsert(2, catalog.cesmPr)));
        index.refresh();

        index.apply(List.of(new CatalogChange.Removal(3, Stage.PRODUCTION, catalog.cesmTas.id())));
        index.refresh();

        assertThat(ids(everything())).containsExactly(id(catalog.cesmPr));
        assertThat(index.appliedSequence()).isEqualTo(3);
    }

    @Test
    void removalOfAnAbsentRecordChangesNothingButTheSequence() {
        index.apply(List.of(upsert(1, catalog.cesmPr)));
        index.refresh();

        index.apply(List.of(new CatalogChange.Removal(2, Stage.PRODUCTION, catalog.cesmTas.id())));
        index.refresh();

        assertThat(ids(everything())).containsExactly(id(catalog.cesmPr));
        assertThat(index.appliedSequence()).isEqualTo(2);
    }

    @Test
    void loadedRecordsAreSearchableAfterCommitAndTheAppliedSequenceIsTheSnapshots() {
        index.load(List.of(upsert(7, catalog.cesmTas), upsert(7, catalog.cesmPr)));
        index.load(List.of(upsert(7, catalog.cesmTasFirstFile)));
        index.commit();

        assertThat(index.appliedSequence()).isEqualTo(7);
        assertThat(index.committedSequence()).isEqualTo(7);
        assertThat(ids(everything())).containsExactlyInAnyOrder(
                id(catalog.cesmTas), id(catalog.cesmPr), id(catalog.cesmTasFirstFile));
        assertThat(index.search(everything().build()).hits()).extracting(Hit::record)
                .contains(catalog.cesmTas, catalog.cesmTasFirstFile);
    }

    @Test
    void changesAppliedAfterALoadReplaceAndRemoveLoadedRecords() {
        CatalogRecord renamed = SampleCatalog.cmip6("CMIP", "NCAR", "CESM2", "historical", "r1i1p1f1", "tas", "gn")
                .withTitle("Renamed dataset")
                .build();
        index.load(List.of(upsert(4, catalog.cesmTas), upsert(4, catalog.cesmPr), upsert(4, catalog.ukesmTas)));

        index.apply(List.of(upsert(5, renamed), new CatalogChange.Removal(6, Stage.PRODUCTION, catalog.cesmPr.id())));
        index.refresh();

        assertThat(index.appliedSequence()).isEqualTo(6);
        assertThat(ids(everything())).containsExactlyInAnyOrder(id(catalog.cesmTas), id(catalog.ukesmTas));
        assertThat(index.search(everything().text("Renamed").build()).hits()).extracting(Hit::record)
                .containsExactly(renamed);
    }

    @Test
    void rejectsALoadBelowTheAppliedSequenceOrWithMixedSequences() {
        index.apply(List.of(upsert(3, catalog.cesmTas)));
        index.refresh();

        assertThatThrownBy(() -> index.load(List.of(upsert(2, catalog.cesmPr))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.load(List.of(upsert(4, catalog.cesmPr), upsert(5, catalog.ukesmTas))))
                .isInstanceOf(IllegalArgumentException.class);

        index.commit();
        assertThat(index.appliedSequence()).isEqualTo(3);
        assertThat(ids(everything())).containsExactly(id(catalog.cesmTas));
    }

    @Test
    void rejectsAChangeNotAboveTheAppliedSequenceAndAppliesNoneOfTheBatch() {
        index.apply(List.of(upsert(1, catalog.cesmTas), upsert(2, catalog.cesmPr)));
        index.refresh();

        assertThatThrownBy(() -> index.apply(List.of(upsert(3, catalog.ukesmTas), upsert(2, catalog.cmip5))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.apply(List.of(upsert(1, catalog.ukesmTas))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(index.appliedSequence()).isEqualTo(2);
        assertThat(ids(everything())).containsExactly(id(catalog.cesmPr), id(catalog.cesmTas));
    }

    @Test
    void rejectsOutOfOrderAndDuplicateSequencesWithinABatch() {
        assertThatThrownBy(() -> index.apply(List.of(upsert(2, catalog.cesmTas), upsert(1, catalog.cesmPr))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.apply(List.of(
                upsert(1, catalog.cesmTas),
                new CatalogChange.Removal(1, Stage.PRODUCTION, catalog.cesmTas.id()))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(index.appliedSequence()).isZero();
        assertThat(index.search(everything().build()).total()).isZero();
    }

    @Test
    void acceptsGapsBetweenIncreasingSequencesAndIgnoresAnEmptyBatch() {
        index.apply(List.of(upsert(5, catalog.cesmTas), upsert(9, catalog.cesmPr)));
        index.refresh();
        index.apply(List.of());
        index.refresh();

        assertThat(index.appliedSequence()).isEqualTo(9);
        assertThat(index.search(everything().build()).total()).isEqualTo(2);
    }

    @Test
    void reopenedIndexHoldsExactlyTheCommittedChanges() throws IOException {
        index.apply(List.of(upsert(1, catalog.cesmTas), upsert(2, catalog.cesmPr)));
        index.refresh();
        index.commit();
        index.apply(List.of(
                upsert(3, catalog.ukesmTas),
                new CatalogChange.Removal(4, Stage.PRODUCTION, catalog.cesmTas.id())));
        index.refresh();

        reopen();

        assertThat(index.committedSequence()).isEqualTo(2);
        assertThat(index.appliedSequence()).isEqualTo(2);
        assertThat(index.search(everything().build()).hits())
                .extracting(Hit::record)
                .containsExactly(catalog.cesmPr, catalog.cesmTas);
    }

    @Test
    void reopenedIndexResumesAfterItsCommittedSequence() throws IOException {
        index.apply(List.of(upsert(1, catalog.cesmTas)));
        index.refresh();
        index.commit();
        reopen();

        assertThatThrownBy(() -> index.apply(List.of(upsert(1, catalog.cesmTas))))
                .isInstanceOf(IllegalArgumentException.class);
        index.apply(List.of(upsert(2, catalog.cesmPr)));
        index.refresh();
        index.commit();
        reopen();

        assertThat(index.committedSequence()).isEqualTo(2);
        assertThat(ids(everything())).containsExactly(id(catalog.cesmPr), id(catalog.cesmTas));
    }

    @Test
    void searchesRunWhileAnotherThreadApplies() throws InterruptedException {
        int batches = 40;
        int batchSize = 5;
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (int reader = 0; reader < 2; reader++) {
            readers.add(Thread.ofPlatform().start(() -> {
                long previousTotal = 0;
                try {
                    while (writing.get()) {
                        SearchResult result = index.search(everything().facet("source_id").limit(3).build());
                        assertThat(result.total()).isGreaterThanOrEqualTo(previousTotal);
                        assertThat(result.hits()).hasSize((int) Math.min(3, result.total()));
                        assertThat(result.facets().get("source_id")).as("counts come from the same snapshot as the total")
                                .isEqualTo(result.total() == 0 ? List.of() : List.of(new FacetCount("Model", result.total())));
                        previousTotal = result.total();
                    }
                } catch (Throwable failure) {
                    failures.add(failure);
                }
            }));
        }
        long sequence = 1;
        for (int batch = 0; batch < batches; batch++) {
            List<CatalogChange> changes = new ArrayList<>();
            for (int i = 0; i < batchSize; i++) {
                CatalogRecord record = aDataset("CMIP6.CMIP.X.Model.historical.r" + batch + "i" + i + "p1f1.Amon.tas.gn")
                        .withFacet("source_id", "Model")
                        .build();
                changes.add(upsert(sequence++, record));
            }
            index.apply(changes);
            index.refresh();
        }
        writing.set(false);
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(failures).isEmpty();
        assertThat(index.search(everything().build()).total()).isEqualTo(batches * batchSize);
    }

    @Test
    void bareTermsSearchTitlesAndEveryField() {
        loadCatalog();

        assertThat(ids(datasets().text("precipitation"))).containsExactly(id(catalog.cesmPr));
        assertThat(ids(datasets().text("ssp585"))).containsExactly(id(catalog.cesmScenario));
        assertThat(ids(everything().text("MOHC"))).containsExactly(id(catalog.ukesmTas));
    }

    @Test
    void fieldTermSearchesOneFieldExactly() {
        loadCatalog();

        assertThat(ids(datasets().text("source_id:CESM2"))).containsExactlyInAnyOrder(
                id(catalog.cesmTas), id(catalog.cesmPr), id(catalog.cesmScenario), id(catalog.cesmTasOlder),
                id(catalog.cesmTasReplica));
        assertThat(ids(datasets().text("source_id:cesm2"))).isEmpty();
        assertThat(ids(datasets().text("nominal_resolution:\"250 km\"")))
                .containsExactlyInAnyOrder(id(catalog.ukesmTas), id(catalog.ipslRetracted));
    }

    @Test
    void quotedPhraseMatchesWordsInOrder() {
        loadCatalog();

        assertThat(ids(datasets().text("\"historical precipitation\""))).containsExactly(id(catalog.cesmPr));
        assertThat(ids(datasets().text("\"precipitation historical\""))).isEmpty();
    }

    @Test
    void booleanOperatorsCombineTerms() {
        loadCatalog();

        assertThat(ids(datasets().text("CESM2 AND pr"))).containsExactly(id(catalog.cesmPr));
        assertThat(ids(datasets().text("precipitation OR ssp585")))
                .containsExactlyInAnyOrder(id(catalog.cesmPr), id(catalog.cesmScenario));
        assertThat(ids(datasets().text("experiment_id:historical AND NOT source_id:CESM2")))
                .containsExactlyInAnyOrder(id(catalog.ukesmTas), id(catalog.ipslRetracted));
    }

    @Test
    void wildcardMatchesIdPrefixes() {
        loadCatalog();

        assertThat(ids(datasets().text("id:CMIP6.ScenarioMIP.*"))).containsExactly(id(catalog.cesmScenario));
        assertThat(ids(datasets().text("id:CMIP6.CMIP.NCAR.*"))).containsExactlyInAnyOrder(
                id(catalog.cesmTas), id(catalog.cesmPr), id(catalog.cesmTasOlder), id(catalog.cesmTasReplica));
    }

    @Test
    void syntaxErrorInFreeTextNamesTheQueryParameter() {
        loadCatalog();

        for (String text : List.of("source_id:(CESM2", "\"unterminated phrase", "AND", "title:[a TO")) {
            assertThatThrownBy(() -> index.search(everything().text(text).build()))
                    .as(text)
                    .isInstanceOf(InvalidQueryException.class)
                    .satisfies(failure -> assertThat(((InvalidQueryException) failure).parameter()).isEqualTo("query"));
        }
    }

    @Test
    void valuesOfOneConstraintAreAlternatives() {
        loadCatalog();

        assertThat(ids(datasets().where("source_id", "CESM2", "UKESM1-0-LL"))).containsExactlyInAnyOrder(
                id(catalog.cesmTas), id(catalog.cesmPr), id(catalog.cesmScenario), id(catalog.cesmTasOlder),
                id(catalog.cesmTasReplica), id(catalog.ukesmTas));
    }

    @Test
    void constraintsOnDifferentFieldsMustAllHold() {
        loadCatalog();

        assertThat(ids(datasets().where("source_id", "CESM2").where("variable_id", "pr")))
                .containsExactly(id(catalog.cesmPr));
    }

    @Test
    void negatedValuesAreAllExcluded() {
        loadCatalog();

        assertThat(ids(datasets().whereNot("source_id", "CESM2")))
                .containsExactly(idsOf(catalog.ukesmTas, catalog.cmip5, catalog.ipslRetracted));
        assertThat(ids(datasets().whereNot("source_id", "CESM2", "UKESM1-0-LL")))
                .containsExactly(idsOf(catalog.cmip5, catalog.ipslRetracted));
    }

    @Test
    void positiveAndNegativeValuesOnOneFieldBothApply() {
        loadCatalog();

        assertThat(ids(datasets().constraint(new FieldConstraint("variable_id", List.of("tas", "pr"), List.of("pr")))))
                .containsExactly(idsOf(catalog.cesmTas, catalog.cesmScenario, catalog.ukesmTas, catalog.cesmTasOlder,
                        catalog.cesmTasReplica, catalog.ipslRetracted));
        assertThat(ids(datasets().where("experiment_id", "historical").whereNot("experiment_id", "historical")))
                .isEmpty();
    }

    @Test
    void constraintValuesMatchExactlyAndCaseSensitively() {
        loadCatalog();

        assertThat(ids(datasets().where("source_id", "cesm2"))).isEmpty();
        assertThat(ids(datasets().where("source_id", "CESM"))).isEmpty();
        assertThat(ids(datasets().where("nominal_resolution", "100"))).isEmpty();
        assertThat(ids(datasets().where("nominal_resolution", "100 km"))).containsExactly(idsOf(
                catalog.cesmTas, catalog.cesmPr, catalog.cesmScenario, catalog.cesmTasOlder, catalog.cesmTasReplica));
        assertThat(ids(datasets().where("model", "CESM1(CAM5.1,FV2)"))).containsExactly(id(catalog.cmip5));
    }

    @Test
    void constraintOnAFieldNoRecordHasMatchesNothingAndItsNegationExcludesNothing() {
        loadCatalog();

        assertThat(index.search(datasets().where("driving_model", "CNRM-CM5").build()).total()).isZero();
        assertThat(index.search(datasets().whereNot("driving_model", "CNRM-CM5").build()).total())
                .isEqualTo(catalog.publicDatasets.size());
    }

    @Test
    void constraintsApplyToCoreFields() {
        loadCatalog();

        assertThat(ids(datasets().where("data_node", "esgf.ceda.ac.uk"))).containsExactly(id(catalog.cesmTasReplica));
        assertThat(ids(datasets().where("instance_id", catalog.cesmTasOlder.instanceId())))
                .containsExactly(id(catalog.cesmTasOlder));
        assertThat(ids(everything().type(RecordType.FILE).where("dataset_id", id(catalog.cesmTas))))
                .containsExactly(idsOf(catalog.cesmTasFirstFile, catalog.cesmTasSecondFile));
    }

    @Test
    void constraintsOnChecksumsUrlsSizesCountsAndTimestampsMatchTheirValues() {
        loadCatalog();
        Query.Builder files = everything().type(RecordType.FILE);
        String checksum = catalog.cesmTasSecondFile.checksum().orElseThrow().hex();

        assertThat(ids(files.where("checksum", checksum))).containsExactly(id(catalog.cesmTasSecondFile));
        assertThat(ids(everything().type(RecordType.FILE).where("checksum", checksum.toUpperCase(Locale.ROOT))))
                .as("hex digests compare case-insensitively")
                .containsExactly(id(catalog.cesmTasSecondFile));
        assertThat(ids(everything().type(RecordType.FILE).where("checksum_type", "SHA256")))
                .containsExactly(idsOf(catalog.cesmTasFirstFile, catalog.cesmTasSecondFile));
        assertThat(ids(everything().where("url", catalog.cesmTasSecondFile.urls().get(0).encoded())))
                .containsExactly(id(catalog.cesmTasSecondFile));
        assertThat(ids(everything().type(RecordType.FILE).where("size", "2000", "3000")))
                .containsExactly(id(catalog.cesmTasSecondFile));
        assertThat(ids(everything().type(RecordType.FILE).whereNot("size", "2000")))
                .containsExactly(id(catalog.cesmTasFirstFile));
        assertThat(index.search(datasets().where("number_of_files", "1").build()).total())
                .isEqualTo(catalog.publicDatasets.size());
        assertThat(ids(everything().type(RecordType.FILE).where("timestamp", "2019-03-08T12:00:00Z")))
                .containsExactly(idsOf(catalog.cesmTasFirstFile, catalog.cesmTasSecondFile));
    }

    @Test
    void typeFilterKeepsOneRecordType() {
        loadCatalog();

        assertThat(ids(everything().type(RecordType.FILE)))
                .containsExactly(idsOf(catalog.cesmTasFirstFile, catalog.cesmTasSecondFile));
        assertThat(ids(everything().type(RecordType.DATASET)))
                .containsExactly(idsOf(catalog.publicDatasets.toArray(CatalogRecord[]::new)));
        assertThat(ids(everything().type(RecordType.AGGREGATION))).isEmpty();
    }

    @Test
    void latestReplicaAndRetractedFilterOnTheirFlags() {
        loadCatalog();

        assertThat(ids(datasets().latest(false))).containsExactly(idsOf(catalog.cesmTasOlder, catalog.ipslRetracted));
        assertThat(ids(datasets().latest(true))).containsExactly(idsOf(catalog.cesmTas, catalog.cesmPr,
                catalog.cesmScenario, catalog.ukesmTas, catalog.cmip5, catalog.cesmTasReplica));
        assertThat(ids(datasets().replica(true))).containsExactly(id(catalog.cesmTasReplica));
        assertThat(ids(datasets().replica(false))).hasSize(catalog.publicDatasets.size() - 1)
                .doesNotContain(id(catalog.cesmTasReplica));
        assertThat(ids(datasets().retracted(true))).containsExactly(id(catalog.ipslRetracted));
        assertThat(ids(datasets().retracted(false))).hasSize(catalog.publicDatasets.size() - 1)
                .doesNotContain(id(catalog.ipslRetracted));
    }

    @Test
    void catalogedRangeIsInclusiveAndEitherSideMayBeOpen() {
        loadCatalog();

        assertThat(ids(datasets().cataloged(range("2024-01-11T00:00:00Z", "2024-02-01T00:00:00Z"))))
                .containsExactly(idsOf(catalog.cesmPr, catalog.ukesmTas, catalog.cesmScenario));
        assertThat(ids(datasets().cataloged(range("2024-03-01T00:00:00Z", null))))
                .containsExactly(idsOf(catalog.cesmTasReplica, catalog.ipslRetracted));
        assertThat(ids(datasets().cataloged(range(null, "2023-12-31T00:00:00Z"))))
                .containsExactly(id(catalog.cesmTasOlder));
    }

    @Test
    void coverageKeepsRecordsWhoseTemporalCoverageOverlapsTheRange() {
        loadCatalog();
        List<String> historical = List.of(idsOf(catalog.cesmTas, catalog.cesmPr, catalog.ukesmTas, catalog.cesmTasOlder,
                catalog.cesmTasReplica, catalog.ipslRetracted));

        assertThat(ids(datasets().coverage(overlap("2050-01-01T00:00:00Z", null))))
                .containsExactly(id(catalog.cesmScenario));
        assertThat(ids(datasets().coverage(overlap(null, "1900-01-01T00:00:00Z"))))
                .containsExactlyElementsOf(historical);
        assertThat(ids(datasets().coverage(new CoverageOverlap(
                Optional.of(SampleCatalog.HISTORICAL_STOP), Optional.of(SampleCatalog.SCENARIO_START)))))
                .as("both ends are inclusive, and a record without coverage never overlaps")
                .hasSize(historical.size() + 1)
                .doesNotContain(id(catalog.cmip5));
        assertThat(ids(datasets().coverage(overlap("2015-01-02T00:00:00Z", null))))
                .containsExactly(id(catalog.cesmScenario));
        assertThat(ids(datasets().coverage(overlap("2000-01-01T00:00:00Z", "1990-01-01T00:00:00Z"))))
                .as("a start after the end keeps what covers the whole span between them")
                .containsExactlyElementsOf(historical);
    }

    @Test
    void versionBoundsAreInclusive() {
        loadCatalog();

        assertThat(ids(datasets().minVersion(20190406L)))
                .containsExactly(idsOf(catalog.ukesmTas, catalog.cesmScenario));
        assertThat(ids(datasets().maxVersion(20181001L)))
                .containsExactly(idsOf(catalog.cesmTasOlder, catalog.ipslRetracted, catalog.cmip5));
        assertThat(ids(datasets().minVersion(20190308L).maxVersion(20190308L)))
                .containsExactly(idsOf(catalog.cesmTas, catalog.cesmPr, catalog.cesmTasReplica));
    }

    @Test
    void versionBoundsCompareNumbersNotText() {
        CatalogRecord nine = aDataset("obs4MIPs.NASA-JPL.AIRS.mon.ta").withVersion("9").build();
        CatalogRecord ten = aDataset("obs4MIPs.NASA-JPL.AIRS.mon.ta").withVersion("10").build();
        index.apply(List.of(upsert(1, nine), upsert(2, ten)));
        index.refresh();

        assertThat(ids(everything().minVersion(10L))).containsExactly(id(ten));
        assertThat(ids(everything().maxVersion(9L))).containsExactly(id(nine));
    }

    @Test
    void boundingBoxKeepsRecordsWhoseBoxOverlapsIt() {
        loadCatalog();

        assertThat(ids(datasets().bbox(new GeoBox(100, -10, 120, 10)))).containsExactly(id(catalog.cesmTas));
        assertThat(ids(datasets().bbox(new GeoBox(0, 40, 10, 50))))
                .containsExactly(idsOf(catalog.cesmTas, catalog.ukesmTas));
        assertThat(ids(datasets().bbox(new GeoBox(30, 70, 40, 80))))
                .as("touching edges overlap")
                .containsExactly(idsOf(catalog.cesmTas, catalog.ukesmTas));
    }

    @Test
    void matchAllQueryListsRecordsById() {
        loadCatalog();
        List<String> expected = new ArrayList<>();
        catalog.publicDatasets.forEach(record -> expected.add(id(record)));
        catalog.publicFiles.forEach(record -> expected.add(id(record)));
        expected.sort(Comparator.naturalOrder());

        assertThat(ids(everything())).containsExactlyElementsOf(expected);
    }

    @Test
    void pagesConcatenateToTheWholeOrderedResult() {
        loadCatalog();

        for (Query.Builder query : List.of(
                everything(),
                everything().text("CESM2 OR historical OR tas"),
                everything().sort(SortOrder.NEWEST),
                everything().text("temperature").sort(SortOrder.ID))) {
            List<String> whole = ids(query);
            List<String> paged = new ArrayList<>();
            for (int offset = 0; offset < whole.size() + 3; offset += 3) {
                SearchResult page = index.search(query.offset(offset).limit(3).build());
                assertThat(page.total()).isEqualTo(whole.size());
                assertThat(page.offset()).isEqualTo(offset);
                page.hits().forEach(hit -> paged.add(hit.record().id().value()));
            }
            assertThat(paged).containsExactlyElementsOf(whole).doesNotHaveDuplicates();
        }
    }

    @Test
    void deepPagesInAnyVisitingOrderMatchTheWholeOrderedResult() {
        // Enough records that pages end past the offsets an index may remember page ends from,
        // in several batches (segments), with ties in time and in score for the id to break.
        int records = 2_600;
        long sequence = 0;
        for (int batch = 0; batch < 4; batch++) {
            List<CatalogChange> changes = new ArrayList<>();
            for (int i = batch; i < records; i += 4) {
                String words = i % 3 == 0 ? "warm warm" : i % 3 == 1 ? "warm cold" : "cold";
                CatalogRecord record = aDataset("deep.d" + (i * 7919 % records)).withTitle(words + " " + i).build();
                changes.add(new CatalogChange.Upsert(++sequence, Stage.PRODUCTION, record,
                        CATALOGED.plusSeconds(i % 10), JSON.write(record)));
            }
            index.apply(changes);
            index.refresh();
        }

        for (Query.Builder query : List.of(
                everything().sort(SortOrder.ID),
                everything().sort(SortOrder.NEWEST),
                everything().text("warm OR cold"),
                everything().text("warm").sort(SortOrder.NEWEST))) {
            List<String> whole = ids(query.limit(records));
            List<String> visited = new ArrayList<>();
            // Forward through every page, then jumps: between remembered ends, before the first
            // one, to the last page, and back to pages asked for before.
            List<Integer> offsets = new ArrayList<>();
            for (int offset = 0; offset < whole.size(); offset += 250) {
                offsets.add(offset);
            }
            int size = whole.size();
            offsets.addAll(List.of(size * 7 / 10, size / 2, 999, size * 3 / 4 + 1, size - 3, size * 7 / 10, size / 2 - 1));
            for (int offset : offsets) {
                SearchResult page = index.search(query.offset(offset).limit(250).build());
                assertThat(page.total()).as("total at offset %d", offset).isEqualTo(whole.size());
                List<String> ids = page.hits().stream().map(hit -> hit.record().id().value()).toList();
                assertThat(ids).as("page at offset %d", offset)
                        .containsExactlyElementsOf(whole.subList(offset, Math.min(whole.size(), offset + 250)));
                visited.addAll(ids);
            }
            assertThat(visited).containsAll(whole);
        }
    }

    @Test
    void relevanceOrdersByScoreThenId() {
        loadCatalog();

        List<Hit> hits = index.search(everything().text("CESM2 OR historical OR tas").limit(100).build()).hits();

        assertThat(hits).hasSizeGreaterThan(5);
        for (int i = 1; i < hits.size(); i++) {
            Hit previous = hits.get(i - 1);
            Hit current = hits.get(i);
            assertThat(previous.score()).isGreaterThanOrEqualTo(current.score());
            if (previous.score() == current.score()) {
                assertThat(previous.record().id()).isLessThan(current.record().id());
            }
        }
    }

    @Test
    void equalScoresAreOrderedById() {
        loadCatalog();

        // An exact field term scores every match alike; the extra word lifts one record above them.
        List<Hit> hits = index.search(everything().text("source_id:CESM2 OR precipitation").build()).hits();

        assertThat(hits.get(0).record()).isEqualTo(catalog.cesmPr);
        assertThat(hits.subList(1, hits.size())).extracting(hit -> hit.record().id().value()).containsExactly(idsOf(
                catalog.cesmTas, catalog.cesmScenario, catalog.cesmTasOlder, catalog.cesmTasReplica,
                catalog.cesmTasFirstFile, catalog.cesmTasSecondFile));
        assertThat(hits.subList(1, hits.size())).extracting(Hit::score).containsOnly(hits.get(1).score());
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    }

    @Test
    void newestOrdersByCatalogedTimeDescendingThenId() {
        loadCatalog();

        assertThat(ids(datasets().sort(SortOrder.NEWEST))).containsExactly(
                id(catalog.ipslRetracted), id(catalog.cesmTasReplica), id(catalog.cmip5), id(catalog.cesmScenario),
                id(catalog.ukesmTas), id(catalog.cesmPr), id(catalog.cesmTas), id(catalog.cesmTasOlder));
        assertThat(ids(everything().type(RecordType.FILE).sort(SortOrder.NEWEST)))
                .containsExactly(idsOf(catalog.cesmTasFirstFile, catalog.cesmTasSecondFile));
    }

    @Test
    void idOrderIgnoresScores() {
        loadCatalog();

        assertThat(ids(datasets().text("precipitation OR ssp585 OR UKESM1-0-LL").sort(SortOrder.ID)))
                .containsExactly(idsOf(catalog.cesmPr, catalog.cesmScenario, catalog.ukesmTas));
    }

    @Test
    void everySortOrderGivesHitsTheirScores() {
        loadCatalog();

        for (SortOrder sort : SortOrder.values()) {
            SearchResult result = index.search(datasets().text("CESM2 OR precipitation").sort(sort).limit(100).build());
            float best = result.hits().stream().map(Hit::score).max(Float::compare).orElseThrow();
            assertThat(result.hits()).as(sort.name()).allSatisfy(hit -> assertThat(hit.score()).isPositive());
            assertThat(result.maxScore()).as(sort.name()).isCloseTo(best, SAME_SCORE);
        }
    }

    @Test
    void maxScoreIsTheBestScoreOfAllMatchesWhateverThePage() {
        loadCatalog();
        Query.Builder query = everything().text("CESM2 OR precipitation");
        float best = index.search(query.limit(100).build()).hits().get(0).score();

        assertThat(index.search(query.offset(3).limit(2).build()).maxScore()).isCloseTo(best, SAME_SCORE);
        assertThat(index.search(query.offset(0).limit(0).build()).maxScore()).isCloseTo(best, SAME_SCORE);
        assertThat(index.search(query.offset(0).limit(2).sort(SortOrder.NEWEST).build()).maxScore())
                .isCloseTo(best, SAME_SCORE);
        assertThat(index.search(everything().build()).maxScore()).isPositive();
        SearchResult none = index.search(everything().text("nonexistentword").build());
        assertThat(none.total()).isZero();
        assertThat(none.maxScore()).isZero();
    }

    @Test
    void offsetPastTheEndGivesAnEmptyPageAndTheTotal() {
        loadCatalog();

        SearchResult result = index.search(everything().offset(50).build());

        assertThat(result.hits()).isEmpty();
        assertThat(result.offset()).isEqualTo(50);
        assertThat(result.total()).isEqualTo(catalog.publicDatasets.size() + catalog.publicFiles.size());
    }

    @Test
    void limitZeroGivesOnlyTotalAndFacetCounts() {
        loadCatalog();

        SearchResult result = index.search(everything().limit(0).facet("source_id").build());

        assertThat(result.hits()).isEmpty();
        assertThat(result.total()).isEqualTo(10);
        assertThat(result.facets().get("source_id")).containsExactly(
                new FacetCount("CESM2", 7), new FacetCount("IPSL-CM6A-LR", 1), new FacetCount("UKESM1-0-LL", 1));
    }

    @Test
    void facetCountsListValuesLexicallyWithPositiveCounts() {
        loadCatalog();

        SearchResult result = index.search(datasets().facet("source_id").facet("realm").facet("data_node").build());

        assertThat(result.facets().get("source_id")).containsExactly(
                new FacetCount("CESM2", 5), new FacetCount("IPSL-CM6A-LR", 1), new FacetCount("UKESM1-0-LL", 1));
        assertThat(result.facets().get("realm")).as("each value of a multi-valued field counts")
                .containsExactly(new FacetCount("atmos", 7), new FacetCount("land", 1));
        assertThat(result.facets().get("data_node"))
                .containsExactly(new FacetCount("esgf-data.example.org", 7), new FacetCount("esgf.ceda.ac.uk", 1));
    }

    @Test
    void lexicalOrderComparesCharactersNotNumbersOrCase() {
        index.apply(List.of(
                upsert(1, aDataset("a.one").withFacet("ensemble", "b", "B", "a", "A", "10", "9").build()),
                upsert(2, aDataset("a.two").withFacet("ensemble", "a").build())));
        index.refresh();

        assertThat(index.search(everything().facet("ensemble").build()).facets().get("ensemble")).containsExactly(
                new FacetCount("10", 1), new FacetCount("9", 1), new FacetCount("A", 1), new FacetCount("B", 1),
                new FacetCount("a", 2), new FacetCount("b", 1));
    }

    @Test
    void everyRequestedFacetIsPresentEvenWithoutValues() {
        loadCatalog();

        SearchResult result = index.search(datasets().facet("driving_model").facet("source_id").build());
        SearchResult nothing = index.search(datasets().text("nonexistentword").facet("source_id").build());

        assertThat(result.facets()).containsOnlyKeys("driving_model", "source_id");
        assertThat(result.facets().get("driving_model")).isEmpty();
        assertThat(nothing.facets()).containsOnlyKeys("source_id");
        assertThat(nothing.facets().get("source_id")).isEmpty();
    }

    @Test
    void facetCountsRespectEveryPartOfTheQuery() {
        loadCatalog();

        SearchResult result = index.search(datasets()
                .text("tas")
                .where("experiment_id", "historical")
                .latest(true)
                .facet("source_id")
                .build());
        SearchResult constrainedFacet = index.search(datasets().where("source_id", "CESM2").facet("source_id").build());

        assertThat(result.facets().get("source_id"))
                .containsExactly(new FacetCount("CESM2", 2), new FacetCount("UKESM1-0-LL", 1));
        assertThat(constrainedFacet.facets().get("source_id")).containsExactly(new FacetCount("CESM2", 5));
    }

    @Test
    void publicScopeNeverShowsOrCountsRestrictedRecords() {
        loadCatalog();

        SearchResult all = index.search(everything().limit(100).facet("source_id").facet("member_id").build());

        assertThat(all.total()).isEqualTo(10);
        assertThat(all.hits()).extracting(Hit::record)
                .doesNotContain(catalog.cesmEarlyAccess, catalog.hadgemInternal, catalog.cesmEarlyAccessFile);
        assertThat(all.facets().get("source_id")).extracting(FacetCount::value).doesNotContain("HadGEM3-GC31-LL");
        assertThat(all.facets().get("source_id")).contains(new FacetCount("CESM2", 7));
        assertThat(all.facets().get("member_id")).extracting(FacetCount::value)
                .doesNotContain("r2i1p1f1", "r1i1p1f3");
        SearchResult probe = index.search(everything().text("HadGEM3").facet("source_id").build());
        assertThat(probe.total()).isZero();
        assertThat(probe.facets().get("source_id")).isEmpty();
        assertThat(index.search(everything().where("source_id", "HadGEM3-GC31-LL").build()).total()).isZero();
        assertThat(index.search(everything().access(AccessScope.groups(Set.of())).build()).total()).isEqualTo(10);
    }

    @Test
    void groupScopeAddsTheRecordsOfItsGroupsOnly() {
        loadCatalog();

        SearchResult ncar = index.search(everything().access(AccessScope.groups(Set.of("ncar-early")))
                .limit(100).facet("source_id").build());
        SearchResult both = index.search(everything().access(AccessScope.groups(Set.of("ncar-early", "mohc-internal")))
                .limit(100).build());

        assertThat(ncar.total()).isEqualTo(12);
        assertThat(ncar.hits()).extracting(Hit::record)
                .contains(catalog.cesmEarlyAccess, catalog.cesmEarlyAccessFile)
                .doesNotContain(catalog.hadgemInternal);
        assertThat(ncar.facets().get("source_id")).contains(new FacetCount("CESM2", 9))
                .extracting(FacetCount::value).doesNotContain("HadGEM3-GC31-LL");
        assertThat(both.total()).isEqualTo(13);
        assertThat(index.search(everything().access(AccessScope.groups(Set.of("unknown"))).build()).total())
                .isEqualTo(10);
    }

    @Test
    void allScopeSeesEveryRecord() {
        loadCatalog();

        SearchResult result = index.search(everything().access(AccessScope.ALL).facet("source_id").build());

        assertThat(result.total()).isEqualTo(13);
        assertThat(result.facets().get("source_id")).contains(new FacetCount("HadGEM3-GC31-LL", 1));
    }

    @Test
    void countByTypeCountsEveryAccessGroupOfOneStage() {
        loadCatalog();
        index.apply(List.of(new CatalogChange.Upsert(100, Stage.STAGING, catalog.cesmTas, CATALOGED,
                JSON.write(catalog.cesmTas))));
        index.refresh();

        assertThat(index.countByType(Stage.PRODUCTION)).containsOnly(
                Map.entry(RecordType.DATASET, 10L), Map.entry(RecordType.FILE, 3L), Map.entry(RecordType.AGGREGATION, 0L));
        assertThat(index.countByType(Stage.STAGING)).containsOnly(
                Map.entry(RecordType.DATASET, 1L), Map.entry(RecordType.FILE, 0L), Map.entry(RecordType.AGGREGATION, 0L));
    }

    private void loadCatalog() {
        index.apply(catalog.productionUpserts(1));
        index.refresh();
    }

    private void reopen() throws IOException {
        index.close();
        index = openIndex(directory);
    }

    private static CatalogChange.Upsert upsert(long sequence, CatalogRecord record) {
        return new CatalogChange.Upsert(sequence, Stage.PRODUCTION, record, CATALOGED, JSON.write(record));
    }

    /** Everything the public may see in production, every type, one large page. */
    private static Query.Builder everything() {
        return Query.builder().limit(100);
    }

    private static Query.Builder datasets() {
        return everything().type(RecordType.DATASET);
    }

    private List<String> ids(Query.Builder query) {
        return index.search(query.build()).hits().stream().map(hit -> hit.record().id().value()).toList();
    }

    private static String id(CatalogRecord record) {
        return record.id().value();
    }

    /** Ids in ascending order, the order of a query without free text. */
    private static String[] idsOf(CatalogRecord... records) {
        return Arrays.stream(records).map(SearchIndexContract::id).sorted().toArray(String[]::new);
    }

    private static TimeRange range(String from, String to) {
        return new TimeRange(Optional.ofNullable(from).map(Instant::parse), Optional.ofNullable(to).map(Instant::parse));
    }

    private static CoverageOverlap overlap(String start, String end) {
        return new CoverageOverlap(Optional.ofNullable(start).map(Instant::parse), Optional.ofNullable(end).map(Instant::parse));
    }
}
