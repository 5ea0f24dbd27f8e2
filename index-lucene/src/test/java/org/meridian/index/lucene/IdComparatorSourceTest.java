package org.meridian.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Id order and id tie-breaks across segments, against sorting the same ids in memory. */
class IdComparatorSourceTest {
    private final RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(7L);
    private final List<Entry> entries = new ArrayList<>();
    private Directory directory;
    private DirectoryReader reader;
    private IndexSearcher searcher;

    /** A document's id and a coarse time that many documents share. */
    private record Entry(String id, long time) {
    }

    @BeforeEach
    void indexIdsInRandomOrderOverSeveralSegments() throws IOException {
        directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
            for (int i = 0; i < 600; i++) {
                // Ids share long prefixes, like DRS ids; some contain characters beyond ASCII.
                String id = "CMIP6.CMIP.Inst" + random.nextInt(30) + (random.nextInt(10) == 0 ? ".ä" : ".") + i + "|node";
                Entry entry = new Entry(id, i / 20);
                Document document = new Document();
                document.add(new SortedDocValuesField(IndexFields.ID, new BytesRef(id)));
                document.add(new LongField("time", entry.time(), Field.Store.NO));
                document.add(new StoredField("stored_id", id));
                writer.addDocument(document);
                entries.add(entry);
                if (i % 97 == 96) {
                    writer.commit();
                }
            }
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
        assertThat(reader.leaves()).hasSizeGreaterThan(3);
    }

    @AfterEach
    void close() throws IOException {
        reader.close();
        directory.close();
    }

    @Test
    void ordersByIdForEveryPageSize() throws IOException {
        Sort byId = new Sort(new SortField(IndexFields.ID, new IdComparatorSource()));
        List<String> expected = entries.stream().map(Entry::id).sorted(IdComparatorSourceTest::byBytes).toList();

        for (int size : List.of(1, 3, 50, 599, 600)) {
            assertThat(ids(searcher.search(new MatchAllDocsQuery(), size, byId))).as("top %d", size)
                    .containsExactlyElementsOf(expected.subList(0, size));
        }
    }

    @Test
    void breaksTiesOfANewestFirstOrderById() throws IOException {
        Sort newestThenId = new Sort(LongField.newSortField("time", true, SortedNumericSelector.Type.MAX),
                new SortField(IndexFields.ID, new IdComparatorSource()));
        List<String> expected = entries.stream()
                .sorted(Comparator.comparingLong(Entry::time).reversed()
                        .thenComparing(Entry::id, IdComparatorSourceTest::byBytes))
                .map(Entry::id)
                .toList();

        for (int size : List.of(1, 7, 45, 600)) {
            assertThat(ids(searcher.search(new MatchAllDocsQuery(), size, newestThenId))).as("top %d", size)
                    .containsExactlyElementsOf(expected.subList(0, size));
        }
    }

    @Test
    void continuesAfterAGivenIdWhenPagingBySearchAfter() throws IOException {
        Sort byId = new Sort(new SortField(IndexFields.ID, new IdComparatorSource()));
        List<String> expected = entries.stream().map(Entry::id).sorted(IdComparatorSourceTest::byBytes).toList();

        List<String> paged = new ArrayList<>();
        FieldDoc after = null;
        while (paged.size() < expected.size()) {
            TopDocs page = after == null
                    ? searcher.search(new MatchAllDocsQuery(), 64, byId)
                    : searcher.searchAfter(after, new MatchAllDocsQuery(), 64, byId);
            paged.addAll(ids(page));
            after = (FieldDoc) page.scoreDocs[page.scoreDocs.length - 1];
        }

        assertThat(paged).containsExactlyElementsOf(expected);
    }

    private List<String> ids(TopDocs top) throws IOException {
        StoredFields stored = searcher.storedFields();
        List<String> ids = new ArrayList<>();
        for (ScoreDoc doc : top.scoreDocs) {
            ids.add(stored.document(doc.doc).get("stored_id"));
        }
        return ids;
    }

    /** Lucene orders terms by UTF-8 bytes, that is by code point. */
    private static int byBytes(String left, String right) {
        return new BytesRef(left).compareTo(new BytesRef(right));
    }
}
