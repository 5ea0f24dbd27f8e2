package org.meridian.catalog.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.assertj.core.groups.Tuple;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.GeoBox;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.vocabulary.Cmip6Vocabulary;

class SampleCatalogGeneratorTest {
    private static final int DATASETS = 2_000;
    private static Cmip6Vocabulary vocabulary;
    private static List<CatalogRecord> catalog;
    private static final RecordJson JSON = new RecordJson();

    @BeforeAll
    static void generate() {
        vocabulary = Cmip6Vocabulary.load();
        catalog = new SampleCatalogGenerator(vocabulary, DATASETS, 42).records().toList();
    }

    private static List<CatalogRecord> ofType(RecordType type) {
        return catalog.stream().filter(record -> record.type() == type).toList();
    }

    @Test
    void vocabulariesHaveTheirPublishedSizes() {
        assertThat(vocabulary.values("activity_id")).hasSize(24);
        assertThat(vocabulary.experiments()).hasSize(322);
        assertThat(vocabulary.sources()).hasSize(132);
        assertThat(vocabulary.values("institution_id")).hasSize(49);
        assertThat(vocabulary.values("table_id")).hasSize(43);
        assertThat(vocabulary.values("nominal_resolution")).hasSize(15);
        assertThat(vocabulary.variables()).hasSize(63);
        assertThat(vocabulary.allows("experiment_id", "historical")).isTrue();
        assertThat(vocabulary.allows("experiment_id", "historic")).isFalse();
    }

    @Test
    void producesExactlyTheRequestedDatasetsDeterministically() {
        List<String> again = new SampleCatalogGenerator(vocabulary, DATASETS, 42).records().map(JSON::write).toList();
        List<String> otherSeed = new SampleCatalogGenerator(vocabulary, DATASETS, 43).records().limit(50).map(JSON::write).toList();

        assertThat(ofType(RecordType.DATASET)).hasSize(DATASETS);
        assertThat(again).isEqualTo(catalog.stream().map(JSON::write).toList());
        assertThat(otherSeed).isNotEqualTo(again.subList(0, 50));
    }

    @Test
    void withoutFilesYieldsTheSameDatasets() {
        List<CatalogRecord> datasetsOnly = new SampleCatalogGenerator(vocabulary, DATASETS, 42).withoutFiles().records().toList();

        assertThat(datasetsOnly).isEqualTo(ofType(RecordType.DATASET));
    }

    @Test
    void facetValuesComeFromTheVocabularies() {
        for (CatalogRecord record : catalog) {
            for (String facet : List.of("activity_id", "experiment_id", "source_id", "institution_id", "table_id",
                    "frequency", "grid_label", "nominal_resolution", "sub_experiment_id")) {
                assertThat(record.attribute(facet)).as(facet + " of " + record.id())
                        .isNotEmpty().allSatisfy(value -> assertThat(vocabulary.allows(facet, value)).as(value).isTrue());
            }
            assertThat(record.attribute("realm")).allSatisfy(realm -> assertThat(vocabulary.allows("realm", realm)).as(realm).isTrue());
            Cmip6Vocabulary.Source source = vocabulary.sources().get(record.firstAttribute("source_id").orElseThrow());
            Cmip6Vocabulary.Experiment experiment = vocabulary.experiments().get(record.firstAttribute("experiment_id").orElseThrow());
            assertThat(experiment.activities()).contains(record.firstAttribute("activity_id").orElseThrow());
            assertThat(source.institutions()).contains(record.firstAttribute("institution_id").orElseThrow());
        }
    }

    @Test
    void everyMasterHasExactlyOneLatestOriginalUnlessAllRetracted() {
        Map<String, List<CatalogRecord>> originals = ofType(RecordType.DATASET).stream().filter(record -> !record.replica())
                .collect(Collectors.groupingBy(CatalogRecord::masterId));
        assertThat(originals.size()).isGreaterThan(1_000);
        originals.forEach((master, versions) -> {
            long latest = versions.stream().filter(CatalogRecord::latest).count();
            boolean allRetracted = versions.stream().allMatch(CatalogRecord::retracted);
            assertThat(latest).as(master).isEqualTo(allRetracted ? 0 : 1);
        });
    }

    @Test
    void retractedDatasetsAreNotLatestAndHaveNoFiles() {
        List<CatalogRecord> retracted = ofType(RecordType.DATASET).stream().filter(CatalogRecord::retracted).toList();
        Set<String> withParts = catalog.stream().filter(record -> record.type() != RecordType.DATASET)
                .map(record -> record.datasetId().orElseThrow().value()).collect(Collectors.toSet());

        assertThat(retracted).isNotEmpty().allSatisfy(record -> {
            assertThat(record.latest()).isFalse();
            assertThat(withParts).doesNotContain(record.id().value());
        });
    }

    @Test
    void datasetsAgreeWithTheirFiles() {
        Map<String, List<CatalogRecord>> files = ofType(RecordType.FILE).stream()
                .collect(Collectors.groupingBy(file -> file.datasetId().orElseThrow().value()));
        Set<String> datasetIds = new HashSet<>();
        for (CatalogRecord dataset : ofType(RecordType.DATASET)) {
            datasetIds.add(dataset.id().value());
            if (dataset.retracted()) {
                continue;
            }
            List<CatalogRecord> own = files.getOrDefault(dataset.id().value(), List.of());
            assertThat(own).hasSize(dataset.numberOfFiles().orElseThrow()).hasSizeBetween(1, 40);
            assertThat(own.stream().mapToLong(CatalogRecord::size).sum()).isEqualTo(dataset.size());
            assertThat(own).allSatisfy(file -> {
                assertThat(file.checksum()).isPresent();
                assertThat(file.urls()).extracting(url -> url.service()).containsExactly("HTTPServer", "OPENDAP");
                assertThat(file.firstAttribute("tracking_id")).hasValueSatisfying(id -> assertThat(id).startsWith("hdl:21.14100/"));
                assertThat(file.title()).endsWith(".nc").startsWith(dataset.firstAttribute("variable_id").orElseThrow() + "_");
            });
        }
        assertThat(files.keySet()).allSatisfy(id -> assertThat(datasetIds).contains(id));
        double average = (double) ofType(RecordType.FILE).size() / ofType(RecordType.DATASET).size();
        assertThat(average).isBetween(3.0, 8.0);
        assertThat(ofType(RecordType.AGGREGATION)).isNotEmpty();
    }

    @Test
    void everyRecordIdIsUnique() {
        Set<String> ids = new HashSet<>();

        assertThat(catalog).allSatisfy(record -> assertThat(ids.add(record.id().value())).as(record.id().value()).isTrue());
    }

    @Test
    void datasetsCountTheirAggregationsAndCoverTheGlobe() {
        Map<String, Long> aggregations = ofType(RecordType.AGGREGATION).stream()
                .collect(Collectors.groupingBy(record -> record.datasetId().orElseThrow().value(), Collectors.counting()));

        assertThat(aggregations).isNotEmpty();
        assertThat(ofType(RecordType.DATASET)).allSatisfy(dataset -> {
            assertThat(dataset.numberOfAggregations()).as(dataset.id().value())
                    .contains(aggregations.getOrDefault(dataset.id().value(), 0L).intValue());
            assertThat(dataset.geoBox()).contains(new GeoBox(0, -90, 360, 90));
        });
    }

    @Test
    void datasetsListTheirServicesAndFixedFieldsCoverNoTime() {
        List<CatalogRecord> fixed = catalog.stream()
                .filter(record -> record.attributes().getOrDefault("frequency", List.of()).contains("fx")).toList();

        assertThat(ofType(RecordType.DATASET)).allSatisfy(dataset ->
                assertThat(dataset.attributes()).containsEntry("access", List.of("HTTPServer", "OPENDAP")));
        assertThat(fixed).isNotEmpty().allSatisfy(record -> {
            assertThat(record.datetimeStart()).as(record.id().value()).isEmpty();
            assertThat(record.datetimeStop()).as(record.id().value()).isEmpty();
        });
        assertThat(ofType(RecordType.DATASET)).filteredOn(dataset -> !fixed.contains(dataset))
                .allSatisfy(dataset -> assertThat(dataset.datetimeStart()).isPresent());
    }

    @Test
    void aReplicaHoldsExactlyTheFilesOfItsOriginal() {
        Map<String, List<CatalogRecord>> filesByDataset = ofType(RecordType.FILE).stream()
                .collect(Collectors.groupingBy(file -> file.datasetId().orElseThrow().value()));
        Map<String, CatalogRecord> originals = ofType(RecordType.DATASET).stream().filter(record -> !record.replica())
                .collect(Collectors.toMap(CatalogRecord::instanceId, record -> record));
        List<CatalogRecord> replicas = ofType(RecordType.DATASET).stream().filter(CatalogRecord::replica).toList();

        assertThat(replicas).isNotEmpty().allSatisfy(replica -> {
            CatalogRecord original = originals.get(replica.instanceId());
            assertThat(replica.size()).isEqualTo(original.size());
            assertThat(replica.numberOfFiles()).isEqualTo(original.numberOfFiles());
            assertThat(replica.timestamp()).isEqualTo(original.timestamp());
            assertThat(filesByDataset.get(replica.id().value()))
                    .extracting(CatalogRecord::instanceId, CatalogRecord::size, CatalogRecord::checksum,
                            file -> file.attribute("tracking_id"))
                    .containsExactlyElementsOf(filesByDataset.get(original.id().value()).stream()
                            .map(file -> Tuple.tuple(file.instanceId(), file.size(), file.checksum(),
                                    file.attribute("tracking_id")))
                            .toList());
        });
    }

    @Test
    void replicasShareTheInstanceOfAnOriginalOnAnotherNode() {
        Map<String, String> originalNodes = new HashMap<>();
        ofType(RecordType.DATASET).stream().filter(record -> !record.replica())
                .forEach(record -> originalNodes.put(record.instanceId(), record.dataNode()));
        List<CatalogRecord> replicas = ofType(RecordType.DATASET).stream().filter(CatalogRecord::replica).toList();

        assertThat(replicas).hasSizeGreaterThan(DATASETS / 20).allSatisfy(replica -> {
            assertThat(originalNodes).containsKey(replica.instanceId());
            assertThat(replica.dataNode()).isNotEqualTo(originalNodes.get(replica.instanceId()));
        });
    }

    @Test
    void aFewExperimentsHoldMostDatasetsAndSomeAreRestricted() {
        Map<String, Long> byExperiment = ofType(RecordType.DATASET).stream()
                .collect(Collectors.groupingBy(record -> record.firstAttribute("experiment_id").orElseThrow(), Collectors.counting()));
        long topFive = byExperiment.values().stream().sorted((a, b) -> Long.compare(b, a)).limit(5).mapToLong(Long::longValue).sum();
        long restricted = ofType(RecordType.DATASET).stream().filter(record -> record.accessGroup().isPresent()).count();

        assertThat(topFive).isGreaterThan(DATASETS / 2);
        assertThat(byExperiment.size()).isGreaterThan(20);
        assertThat(restricted).isBetween((long) (DATASETS * 0.005), (long) (DATASETS * 0.05));
    }

    @Test
    void everyRecordRoundTripsThroughItsJson() {
        assertThat(catalog).allSatisfy(record -> assertThat(JSON.read(JSON.write(record))).isEqualTo(record));
    }
}
