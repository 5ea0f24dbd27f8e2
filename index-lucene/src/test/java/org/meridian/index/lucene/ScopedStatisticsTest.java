package org.meridian.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.AccessScope;

/**
 * Scoped statistics equal those of an index that was sent only the changes to the records a
 * caller may see: per term, the documents and occurrences; per field, the documents.
 */
class ScopedStatisticsTest {
    private static final Instant CATALOGED = Instant.parse("2024-05-01T00:00:00Z");
    private static final RecordJson JSON = new RecordJson();
    private static final String URL = "https://example.org/data/quokka.nc";
    private static final List<Term> TERMS = List.of(new Term(IndexFields.TEXT, "quokkaword"),
            new Term(IndexFields.TEXT, "wombatword"), new Term(IndexFields.TEXT, "koalaword"),
            new Term(IndexFields.TEXT, "cmip6"), new Term("experiment_id", "historical"),
            new Term("experiment_id", "ssp585"), new Term(IndexFields.URL, URL),
            new Term(IndexFields.PRESENT, IndexFields.URL), new Term(IndexFields.CHECKSUM, "0".repeat(64)),
            new Term(IndexFields.TITLE, "quokkaword wombatword"), new Term(IndexFields.ACCESS_GROUP, "x"));
    private static final List<String> FIELDS = List.of(IndexFields.TEXT, "experiment_id", "project", IndexFields.URL,
            IndexFields.PRESENT, IndexFields.CHECKSUM, IndexFields.TITLE, IndexFields.ID, IndexFields.ACCESS_GROUP);

    private final RecordDocuments documents = new RecordDocuments(JSON);

    /** Batches of changes, each its own segment; later ones replace records of earlier ones. */
    private final List<List<CatalogChange.Upsert>> history = history();

    @Test
    void statisticsAreThoseOfTheVisibleDocumentsAlone() throws IOException {
        for (Stage stage : Stage.values()) {
            for (AccessScope access : List.of(AccessScope.PUBLIC, AccessScope.groups(Set.of("x")),
                    AccessScope.groups(Set.of("y", "z")), AccessScope.ALL)) {
                String scope = stage + " " + access;
                try (Directory all = index(history, change -> true);
                        Directory visible = index(history, change -> change.stage() == stage
                                && access.permits(change.record().accessGroup()));
                        DirectoryReader allReader = DirectoryReader.open(all);
                        DirectoryReader visibleReader = DirectoryReader.open(visible)) {
                    IndexSearcher whole = new IndexSearcher(allReader);
                    IndexSearcher expected = new IndexSearcher(visibleReader);
                    ScopedStatistics scoped = ScopedStatistics.of(whole, stage, access,
                            new ScopedStatistics.Cache()).orElseThrow();

                    for (Term term : TERMS) {
                        TermStates visibleTerm = TermStates.build(expected, term, true);
                        TermStatistics actual = scoped.termStatistics(term);
                        if (visibleTerm.docFreq() == 0) {
                            assertThat(actual.docFreq()).as(scope + " " + term + ", held by no visible document")
                                    .isEqualTo(1);
                        } else {
                            assertThat(actual).as(scope + " " + term)
                                    .isEqualTo(new TermStatistics(term.bytes(), visibleTerm.docFreq(),
                                            visibleTerm.totalTermFreq()));
                        }
                    }
                    for (String field : FIELDS) {
                        CollectionStatistics visibleField = expected.collectionStatistics(field);
                        CollectionStatistics actual = scoped.collectionStatistics(whole.collectionStatistics(field));
                        assertThat(actual.docCount()).as(scope + " " + field)
                                .isEqualTo(visibleField == null ? 1 : visibleField.docCount());
                        assertThat(actual.maxDoc()).as(scope + " " + field).isEqualTo(visibleReader.maxDoc());
                    }
                }
            }
        }
    }

    @Test
    void visibleAndHiddenDocumentsTogetherAreEveryDocumentOnce() throws IOException {
        try (Directory all = index(history, change -> true); DirectoryReader reader = DirectoryReader.open(all)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            for (Stage stage : Stage.values()) {
                for (AccessScope access : List.of(AccessScope.PUBLIC, AccessScope.groups(Set.of("x")), AccessScope.ALL)) {
                    org.apache.lucene.search.Query visible = QueryTranslator.visible(stage, access);
                    org.apache.lucene.search.Query hidden = QueryTranslator.hidden(stage, access);

                    assertThat(searcher.count(visible) + searcher.count(hidden)).isEqualTo(reader.numDocs());
                    assertThat(searcher.count(new BooleanQuery.Builder().add(visible, Occur.FILTER)
                            .add(hidden, Occur.FILTER).build())).isZero();
                }
            }
        }
    }

    @Test
    void aCallerWhoMaySeeEveryDocumentHasNoScopedStatistics() throws IOException {
        List<List<CatalogChange.Upsert>> productionOnly = history.stream()
                .map(batch -> batch.stream().filter(change -> change.stage() == Stage.PRODUCTION).toList())
                .toList();
        try (Directory all = index(productionOnly, change -> true); DirectoryReader reader = DirectoryReader.open(all)) {
            IndexSearcher searcher = new IndexSearcher(reader);

            assertThat(ScopedStatistics.of(searcher, Stage.PRODUCTION, AccessScope.ALL,
                    new ScopedStatistics.Cache())).isEmpty();
            assertThat(ScopedStatistics.of(searcher, Stage.PRODUCTION, AccessScope.PUBLIC,
                    new ScopedStatistics.Cache())).isPresent();
        }
    }

    /**
     * Public, restricted and staged datasets and files holding the same words, some with URLs and
     * checksums, in three segments; the later two replace records of the first, one of them
     * public before and restricted after, which leaves deleted documents of every kind behind.
     * Each segment keeps a record of each stage that is never replaced: Lucene drops a segment
     * whose documents are all deleted, which would make the two indexes differ in what they count.
     */
    private static List<List<CatalogChange.Upsert>> history() {
        CatalogRecord open = aDataset("cmip6.test.open").withTitle("quokkaword wombatword")
                .withFacet("experiment_id", "historical").withUrl(URL, "application/netcdf", "HTTPServer").build();
        CatalogRecord other = aDataset("cmip6.test.other").withTitle("koalaword wombatword wombatword")
                .withFacet("experiment_id", "historical", "ssp585").build();
        CatalogRecord otherRestricted = aDataset("cmip6.test.other").withTitle("koalaword wombatword wombatword")
                .withFacet("experiment_id", "historical", "ssp585").withAccessGroup("x").build();
        CatalogRecord groupX = aDataset("cmip6.test.groupx").withTitle("quokkaword quokkaword").withAccessGroup("x")
                .withFacet("experiment_id", "ssp585").withUrl(URL, "application/netcdf", "HTTPServer").build();
        CatalogRecord groupY = aDataset("cmip6.test.groupy").withTitle("quokkaword koalaword").withAccessGroup("y")
                .withUrl(URL, "application/netcdf", "OPENDAP").build();
        CatalogRecord openFile = aFile(open, "quokka.nc").build();
        CatalogRecord groupYFile = aFile(groupY, "secret.nc").withAccessGroup("y").build();
        CatalogRecord staged = aDataset("cmip6.test.staged").withTitle("quokkaword wombatword koalaword")
                .withFacet("experiment_id", "ssp585").withUrl(URL, "application/netcdf", "HTTPServer").build();
        return List.of(
                List.of(upsert(Stage.PRODUCTION, open), upsert(Stage.PRODUCTION, other), upsert(Stage.PRODUCTION, groupX),
                        upsert(Stage.PRODUCTION, groupY), upsert(Stage.PRODUCTION, openFile),
                        upsert(Stage.PRODUCTION, groupYFile), upsert(Stage.STAGING, staged), kept(Stage.PRODUCTION, 1),
                        kept(Stage.STAGING, 1)),
                List.of(upsert(Stage.PRODUCTION, groupX), upsert(Stage.PRODUCTION, other), upsert(Stage.STAGING, staged),
                        upsert(Stage.STAGING, open), kept(Stage.PRODUCTION, 2), kept(Stage.STAGING, 2)),
                List.of(upsert(Stage.PRODUCTION, groupY), upsert(Stage.PRODUCTION, groupYFile),
                        upsert(Stage.PRODUCTION, otherRestricted), upsert(Stage.STAGING, groupX),
                        kept(Stage.PRODUCTION, 3), kept(Stage.STAGING, 3)));
    }

    /** A public record that is never replaced. */
    private static CatalogChange.Upsert kept(Stage stage, int number) {
        return upsert(stage, aDataset("cmip6.test.kept" + number).withTitle("emuword wombatword").build());
    }

    private static CatalogChange.Upsert upsert(Stage stage, CatalogRecord record) {
        return new CatalogChange.Upsert(1, stage, record, CATALOGED, JSON.write(record));
    }

    /**
     * An index of the changes {@code sent} lets through, a segment per batch, never merged, so
     * both indexes keep the deleted documents their changes leave.
     */
    private Directory index(List<List<CatalogChange.Upsert>> batches,
            Predicate<CatalogChange.Upsert> sent) throws IOException {
        Directory directory = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(new PerFieldAnalyzerWrapper(new KeywordAnalyzer(),
                Map.of(IndexFields.TEXT, new TextAnalyzer()))).setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (List<CatalogChange.Upsert> batch : batches) {
                List<CatalogChange.Upsert> changes = new ArrayList<>(batch.stream().filter(sent).toList());
                for (CatalogChange.Upsert change : changes) {
                    writer.updateDocument(new Term(IndexFields.KEY, IndexFields.key(change.stage(), change.record().id())),
                            documents.document(change));
                }
                writer.commit();
            }
        }
        return directory;
    }
}
