package org.meridian.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.AccessScope;
import org.meridian.catalog.search.Hit;
import org.meridian.catalog.search.Query;

/**
 * A caller's relevance scores are those of an index holding only what they may see: records
 * they may not see (restricted to other groups, or in the other stage) change no score and no
 * order, however many of them hold the words searched for.
 *
 * <p>Every record here has the same number of words in the text, so the average text length,
 * which is taken over every record (see {@link ScopedStatistics}), is the same with or without the
 * hidden ones, and scores can be compared exactly.
 */
class ScopedScoringTest {
    private static final RecordJson JSON = new RecordJson();
    private static final Instant CATALOGED = Instant.parse("2024-05-01T00:00:00Z");
    /** Far below what one more document holding a word changes (the review saw 5.67 become 4.64). */
    private static final Offset<Float> SAME_SCORE = Offset.offset(1e-5f);
    private static final List<String> WORDS = List.of("quokkaword", "wombatword", "koalaword");

    private LuceneSearchIndex index;
    private long sequence;

    @BeforeEach
    void openIndex(@TempDir Path directory) {
        index = LuceneSearchIndex.open(directory);
    }

    @AfterEach
    void closeIndex() throws IOException {
        index.close();
    }

    @Test
    void restrictedRecordsChangeNoScoreTheAnonymousSee() {
        add(Stage.PRODUCTION, record("cmip6.test.open1", "quokkaword wombatword", null),
                record("cmip6.test.open2", "koalaword wombatword", null));
        Map<String, Float> before = scores(Stage.PRODUCTION, AccessScope.PUBLIC);

        addFive(Stage.PRODUCTION, "secret");

        assertThat(scores(Stage.PRODUCTION, AccessScope.PUBLIC)).hasSameSizeAs(before)
                .allSatisfy((key, score) -> assertThat(score).as(key).isCloseTo(before.get(key), SAME_SCORE));
    }

    @Test
    void recordsOfAnotherGroupChangeNoScoreAMemberSees() {
        add(Stage.PRODUCTION, record("cmip6.test.open1", "quokkaword wombatword", null),
                record("cmip6.test.ours1", "koalaword wombatword", "ours"));
        AccessScope member = AccessScope.groups(Set.of("ours"));
        Map<String, Float> before = scores(Stage.PRODUCTION, member);

        addFive(Stage.PRODUCTION, "theirs");

        assertThat(scores(Stage.PRODUCTION, member)).hasSameSizeAs(before)
                .allSatisfy((key, score) -> assertThat(score).as(key).isCloseTo(before.get(key), SAME_SCORE));
    }

    @Test
    void stagedRecordsChangeNoScoreInProduction() {
        add(Stage.PRODUCTION, record("cmip6.test.open1", "quokkaword wombatword", null),
                record("cmip6.test.open2", "koalaword wombatword", null));
        Map<String, Float> before = scores(Stage.PRODUCTION, AccessScope.ALL);

        addFive(Stage.STAGING, null);

        assertThat(scores(Stage.PRODUCTION, AccessScope.ALL)).hasSameSizeAs(before)
                .allSatisfy((key, score) -> assertThat(score).as(key).isCloseTo(before.get(key), SAME_SCORE));
    }

    @Test
    void productionRecordsChangeNoScoreInStaging() {
        // Here the hidden records outnumber the visible ones, which are then counted directly.
        add(Stage.STAGING, record("cmip6.test.open1", "quokkaword wombatword", null),
                record("cmip6.test.open2", "koalaword wombatword", null));
        Map<String, Float> before = scores(Stage.STAGING, AccessScope.PUBLIC);

        addFive(Stage.PRODUCTION, null);
        addFive(Stage.PRODUCTION, "secret");

        assertThat(scores(Stage.STAGING, AccessScope.PUBLIC)).hasSameSizeAs(before)
                .allSatisfy((key, score) -> assertThat(score).as(key).isCloseTo(before.get(key), SAME_SCORE));
    }

    @Test
    void replacedAndRemovedHiddenRecordsChangeNoScoreEither(@TempDir Path publicDirectory) throws IOException {
        // Lucene counts deleted documents until their segment merges, which the removed record's
        // segment has not. The public records outnumber the hidden ones, so these are subtracted.
        List<CatalogChange> changes = new ArrayList<>(List.of(
                upsert(Stage.PRODUCTION, record("cmip6.test.open1", "quokkaword wombatword", null)),
                upsert(Stage.PRODUCTION, record("cmip6.test.open2", "koalaword wombatword", null))));
        for (int i = 1; i <= 8; i++) {
            changes.add(upsert(Stage.PRODUCTION, record("cmip6.test.other" + i, "emuword wombatword", null)));
        }
        int visible = changes.size();
        for (int i = 1; i <= 5; i++) {
            changes.add(upsert(Stage.PRODUCTION, record("cmip6.test.hidden" + i, "quokkaword koalaword", "secret")));
        }
        index.apply(changes);
        index.refresh();
        addFive(Stage.PRODUCTION, "secret");
        CatalogRecord removed = record("cmip6.test.hidden1", "quokkaword koalaword", "secret");
        index.apply(List.of(new CatalogChange.Removal(++sequence, Stage.PRODUCTION, removed.id())));
        index.refresh();

        try (LuceneSearchIndex visibleOnly = LuceneSearchIndex.open(publicDirectory)) {
            visibleOnly.apply(changes.subList(0, visible));
            visibleOnly.refresh();
            Map<String, Float> expected = scores(visibleOnly, Stage.PRODUCTION, AccessScope.PUBLIC);

            assertThat(scores(Stage.PRODUCTION, AccessScope.PUBLIC)).hasSameSizeAs(expected)
                    .allSatisfy((key, score) -> assertThat(score).as(key).isCloseTo(expected.get(key), SAME_SCORE));
        }
    }

    @Test
    void hiddenRecordsHoldingOneOfTwoWordsDoNotReorderTwoPublicOnes() {
        // Alike but for one word each, so they tie and the id decides, unless a word's rarity counts hidden records.
        add(Stage.PRODUCTION, record("cmip6.test.open1", "quokkaword otherword", null),
                record("cmip6.test.open2", "wombatword otherword", null));

        addFive(Stage.PRODUCTION, "secret");

        List<Hit> hits = index.search(Query.builder().text("quokkaword wombatword").limit(10).build()).hits();
        assertThat(hits).extracting(hit -> hit.record().masterId())
                .containsExactly("cmip6.test.open1", "cmip6.test.open2");
        assertThat(hits.get(0).score()).isCloseTo(hits.get(1).score(), SAME_SCORE);
    }

    @Test
    void aCallerWhoSeesEverythingScoresAsTheWholeIndex(@TempDir Path publicDirectory) throws IOException {
        add(Stage.PRODUCTION, record("cmip6.test.open1", "quokkaword wombatword", null),
                record("cmip6.test.open2", "koalaword wombatword", null));
        addFive(Stage.PRODUCTION, "secret");

        // The same records, every one public: what an unscoped index scores them.
        try (LuceneSearchIndex whole = LuceneSearchIndex.open(publicDirectory)) {
            List<CatalogChange> changes = new ArrayList<>();
            changes.add(upsert(Stage.PRODUCTION, record("cmip6.test.open1", "quokkaword wombatword", null)));
            changes.add(upsert(Stage.PRODUCTION, record("cmip6.test.open2", "koalaword wombatword", null)));
            for (int i = 1; i <= 5; i++) {
                changes.add(upsert(Stage.PRODUCTION, record("cmip6.test.hidden" + i, "quokkaword koalaword", null)));
            }
            whole.apply(changes);
            whole.refresh();
            Map<String, Float> expected = scores(whole, Stage.PRODUCTION, AccessScope.PUBLIC);

            assertThat(scores(index, Stage.PRODUCTION, AccessScope.ALL)).hasSameSizeAs(expected)
                    .allSatisfy((key, score) -> assertThat(score).as(key).isCloseTo(expected.get(key), SAME_SCORE));
        }
    }

    @Test
    void fuzzyTermsScoreAsInAnIndexOfTheVisibleRecordsAlone(@TempDir Path publicDirectory) throws IOException {
        List<CatalogChange> visible = List.of(
                upsert(Stage.PRODUCTION, record("cmip6.test.open1", "quokkaword wombatword", null)),
                upsert(Stage.PRODUCTION, record("cmip6.test.open2", "quokkawort wombatword", null)),
                upsert(Stage.PRODUCTION, record("cmip6.test.open3", "quokkawort emuword", null)));
        index.apply(visible);
        // Hidden neighbours of the word, one edit away like the visible ones.
        add(Stage.PRODUCTION, record("cmip6.test.hidden1", "quokkawurd koalaword", "secret"),
                record("cmip6.test.hidden2", "quokkaword koalaword", "secret"));

        try (LuceneSearchIndex visibleOnly = LuceneSearchIndex.open(publicDirectory)) {
            visibleOnly.apply(visible);
            visibleOnly.refresh();
            Query fuzzy = Query.builder().text("quokkaword~").limit(10).build();
            Map<String, Float> expected = new LinkedHashMap<>();
            visibleOnly.search(fuzzy).hits().forEach(hit -> expected.put(hit.record().masterId(), hit.score()));

            assertThat(index.search(fuzzy).hits()).hasSize(expected.size()).allSatisfy(hit ->
                    assertThat(hit.score()).as(hit.record().masterId())
                            .isCloseTo(expected.get(hit.record().masterId()), SAME_SCORE));
        }
    }

    @Test
    void wordsOnlyHiddenRecordsHoldMatchNothingVisibleAndBreakNoQuery() {
        add(Stage.PRODUCTION, record("cmip6.test.open1", "quokkaword wombatword", null));
        add(Stage.PRODUCTION, aDataset("cmip6.test.hidden1").withTitle("secretword koalaword").withAccessGroup("secret")
                .withFacet("secret_only", "yes").withUrl("https://example.org/secret.nc", "application/netcdf", "HTTPServer")
                .build());

        for (String text : List.of("secretword", "secretword wombatword", "\"secretword koalaword\"", "secret_only:yes",
                "access_group:secret", "url:\"https://example.org/secret.nc\"", "_restricted:true", "secretwrd~")) {
            List<Hit> hits = index.search(Query.builder().text(text).limit(10).build()).hits();
            assertThat(hits).as(text).allSatisfy(hit -> assertThat(hit.record().masterId()).isEqualTo("cmip6.test.open1"));
        }
    }

    /** Five restricted (or, for a null group, public) records holding two of the words. */
    private void addFive(Stage stage, String group) {
        CatalogRecord[] records = new CatalogRecord[5];
        for (int i = 0; i < records.length; i++) {
            records[i] = record("cmip6.test.hidden" + (i + 1), "quokkaword koalaword", group);
        }
        add(stage, records);
    }

    private void add(Stage stage, CatalogRecord... records) {
        List<CatalogChange> changes = new ArrayList<>();
        for (CatalogRecord record : records) {
            changes.add(upsert(stage, record));
        }
        index.apply(changes);
        index.refresh();
    }

    private CatalogChange.Upsert upsert(Stage stage, CatalogRecord record) {
        return new CatalogChange.Upsert(++sequence, stage, record, CATALOGED, JSON.write(record));
    }

    private static CatalogRecord record(String masterId, String title, String group) {
        var builder = aDataset(masterId).withTitle(title);
        return (group == null ? builder : builder.withAccessGroup(group)).build();
    }

    private Map<String, Float> scores(Stage stage, AccessScope access) {
        return scores(index, stage, access);
    }

    /** The score of every hit of each word alone, by word and master id. */
    private static Map<String, Float> scores(LuceneSearchIndex index, Stage stage, AccessScope access) {
        Map<String, Float> scores = new LinkedHashMap<>();
        for (String word : WORDS) {
            Query query = Query.builder().text(word).stage(stage).access(access).limit(100).build();
            for (Hit hit : index.search(query).hits()) {
                scores.put(word + " " + hit.record().masterId(), hit.score());
            }
        }
        assertThat(scores).as("every search finds something to compare").isNotEmpty();
        return scores;
    }
}
