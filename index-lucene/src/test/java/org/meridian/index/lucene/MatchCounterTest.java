package org.meridian.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CheckedIntConsumer;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdStream;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.search.FacetCount;

/**
 * Facet counting against a brute-force count over the same documents, across segments with and
 * without deletions, for queries Lucene delivers as ranges, streams and single documents.
 */
class MatchCounterTest {
    private static final List<String> COLORS = List.of("red", "Green", "blue", "ümber", "10", "9");
    private static final List<String> TAGS = List.of("a", "b", "c", "d");

    private final RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(20261123L);
    private final List<Sample> samples = new ArrayList<>();
    private Directory directory;
    private DirectoryReader reader;
    private IndexSearcher searcher;

    /** One indexed document as the test remembers it. */
    private record Sample(String key, String color, Set<String> tags, String group, String word, boolean deleted) {
    }

    @BeforeEach
    void indexThreeSegments() throws IOException {
        directory = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int segment = 0; segment < 3; segment++) {
                for (int i = 0; i < 700; i++) {
                    Sample sample = sample(segment + "-" + i);
                    writer.addDocument(document(sample));
                    samples.add(sample);
                }
                writer.commit();
            }
            // Delete in the first two segments only, so the last one stays free of deletions.
            for (int i = 0; i < samples.size(); i++) {
                Sample sample = samples.get(i);
                if (!sample.key().startsWith("2-") && random.nextInt(7) == 0) {
                    writer.deleteDocuments(new Term("key", sample.key()));
                    samples.set(i, new Sample(sample.key(), sample.color(), sample.tags(), sample.group(), sample.word(), true));
                }
            }
            writer.commit();
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    @AfterEach
    void close() throws IOException {
        reader.close();
        directory.close();
    }

    @Test
    void countsEveryMatchOfAMatchAllQuery() throws IOException {
        assertCountsMatch(new MatchAllDocsQuery(), sample -> true);
    }

    @Test
    void countsTheMatchesOfADenseFilter() throws IOException {
        assertCountsMatch(new ConstantScoreQuery(new TermQuery(new Term("group", "common"))),
                sample -> sample.group().equals("common"));
    }

    @Test
    void countsTheMatchesOfASparseFilter() throws IOException {
        assertCountsMatch(new ConstantScoreQuery(new TermQuery(new Term("group", "rare"))),
                sample -> sample.group().equals("rare"));
    }

    @Test
    void countsTheMatchesOfAScoredDisjunctionAndTracksTheBestScore() throws IOException {
        Query query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term("text", "alpha")), Occur.SHOULD)
                .add(new TermQuery(new Term("text", "beta")), Occur.SHOULD)
                .build();

        MatchCounter.Counts counts = assertCountsMatch(query, MatchCounterTest::scoredMatch);

        assertThat(counts.maxScore()).isPositive().isEqualTo(searcher.search(query, 1).scoreDocs[0].score);
    }

    @Test
    void listsValuesInCodePointOrderAndKeepsEveryRequestedField() throws IOException {
        MatchCounter.Counts counts = searcher.search(new MatchAllDocsQuery(),
                new MatchCounter(List.of("color", "nothing", "color"), false));

        assertThat(counts.facets()).containsOnlyKeys("color", "nothing");
        assertThat(counts.facets().get("color")).extracting(FacetCount::value)
                .containsExactly("10", "9", "Green", "blue", "red", "ümber");
        assertThat(counts.facets().get("nothing")).isEmpty();
        assertThat(counts.maxScore()).as("scores were not asked for").isZero();
    }

    @Test
    void mixingRangesStreamsAndSingleDocumentsCountsEachMatchOnce() throws IOException {
        // The last segment has no deletions, so any document id in it is a match candidate.
        LeafReaderContext segment = reader.leaves().get(2);
        int base = 1400;
        MatchCounter counter = new MatchCounter(List.of("color", "tag"), false);
        MatchCounter.SliceCounter slice = counter.newCollector();
        LeafCollector leaf = slice.getLeafCollector(segment);
        List<Integer> collected = new ArrayList<>();

        leaf.collectRange(0, 5);
        addRange(collected, 0, 5);
        leaf.collect(7);
        collected.add(7);
        leaf.collect(streamOf(9, 10, 15, 40));
        collected.addAll(List.of(9, 10, 15, 40));
        leaf.collectRange(41, 60);
        addRange(collected, 41, 60);
        leaf.collect(61);
        collected.add(61);
        leaf.collect(streamOf(62, 100, 101));
        collected.addAll(List.of(62, 100, 101));
        leaf.collectRange(300, 700);
        addRange(collected, 300, 700);
        leaf.finish();
        MatchCounter.Counts counts = counter.reduce(List.of(slice));

        List<Sample> expected = collected.stream().map(doc -> samples.get(base + doc)).toList();
        assertThat(counts.total()).isEqualTo(expected.size());
        assertThat(counts.facets().get("color")).containsExactlyElementsOf(expectedCounts(expected, "color"));
        assertThat(counts.facets().get("tag")).containsExactlyElementsOf(expectedCounts(expected, "tag"));
    }

    private MatchCounter.Counts assertCountsMatch(Query query, Predicate<Sample> matches) throws IOException {
        boolean scores = query instanceof BooleanQuery;
        MatchCounter.Counts counts = searcher.search(query, new MatchCounter(List.of("color", "tag"), scores));

        List<Sample> expected = samples.stream().filter(sample -> !sample.deleted()).filter(matches).toList();
        assertThat(expected).as("the query matches something").isNotEmpty();
        assertThat(counts.total()).isEqualTo(expected.size());
        assertThat(counts.facets().get("color")).containsExactlyElementsOf(expectedCounts(expected, "color"));
        assertThat(counts.facets().get("tag")).containsExactlyElementsOf(expectedCounts(expected, "tag"));
        return counts;
    }

    private static List<FacetCount> expectedCounts(List<Sample> matches, String field) {
        TreeMap<BytesRef, Long> counts = new TreeMap<>();
        for (Sample sample : matches) {
            Set<String> values = field.equals("color")
                    ? (sample.color() == null ? Set.of() : Set.of(sample.color()))
                    : sample.tags();
            values.forEach(value -> counts.merge(new BytesRef(value), 1L, Long::sum));
        }
        List<FacetCount> expected = new ArrayList<>();
        for (Map.Entry<BytesRef, Long> entry : counts.entrySet()) {
            expected.add(new FacetCount(entry.getKey().utf8ToString(), entry.getValue()));
        }
        return expected;
    }

    private static boolean scoredMatch(Sample sample) {
        return sample.word().equals("alpha") || sample.word().equals("beta");
    }

    private Sample sample(String key) {
        // Every fifth document lacks a color; tags vary from none to all four.
        String color = random.nextInt(5) == 0 ? null : COLORS.get(random.nextInt(COLORS.size()));
        Set<String> tags = new TreeSet<>();
        int tagCount = random.nextInt(4);
        for (int i = 0; i < tagCount; i++) {
            tags.add(TAGS.get(random.nextInt(TAGS.size())));
        }
        String group = random.nextInt(50) == 0 ? "rare" : random.nextInt(10) == 0 ? "other" : "common";
        String word = List.of("alpha", "beta", "gamma").get(random.nextInt(3));
        return new Sample(key, color, tags, group, word, false);
    }

    private static Document document(Sample sample) {
        Document document = new Document();
        document.add(new StringField("key", sample.key(), Field.Store.NO));
        document.add(new StringField("group", sample.group(), Field.Store.NO));
        document.add(new TextField("text", sample.word(), Field.Store.NO));
        if (sample.color() != null) {
            document.add(new SortedSetDocValuesField("color", new BytesRef(sample.color())));
        }
        sample.tags().forEach(tag -> document.add(new SortedSetDocValuesField("tag", new BytesRef(tag))));
        return document;
    }

    private static void addRange(List<Integer> collected, int from, int to) {
        for (int doc = from; doc < to; doc++) {
            collected.add(doc);
        }
    }

    /** Documents handed over in bulk, as Lucene's dense conjunctions do. */
    private static DocIdStream streamOf(int... docs) {
        return new DocIdStream() {
            private int next;

            @Override
            public void forEach(int upTo, CheckedIntConsumer<IOException> consumer) throws IOException {
                while (next < docs.length && docs[next] < upTo) {
                    consumer.accept(docs[next++]);
                }
            }

            @Override
            public int count(int upTo) throws IOException {
                int count = 0;
                while (next < docs.length && docs[next] < upTo) {
                    next++;
                    count++;
                }
                return count;
            }

            @Override
            public int intoArray(int upTo, int[] array) {
                int count = 0;
                while (next < docs.length && docs[next] < upTo && count < array.length) {
                    array[count++] = docs[next++];
                }
                return count;
            }

            @Override
            public boolean mayHaveRemaining() {
                return next < docs.length;
            }
        };
    }
}
