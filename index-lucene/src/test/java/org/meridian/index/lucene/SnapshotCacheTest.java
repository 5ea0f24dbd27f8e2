package org.meridian.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotCacheTest {
    private final SnapshotCache<QueryExecutor.CountsKey, MatchCounter.Counts> cache = new SnapshotCache<>(4);
    private final Directory directory = new ByteBuffersDirectory();
    private IndexWriter writer;
    private DirectoryReader reader;
    private int countings;

    @BeforeEach
    void openReader() throws IOException {
        writer = new IndexWriter(directory, new IndexWriterConfig());
        addDocument();
        reader = DirectoryReader.open(writer);
    }

    @AfterEach
    void close() throws IOException {
        reader.close();
        writer.close();
        directory.close();
    }

    @Test
    void countsARepeatedQueryOncePerReader() throws IOException {
        MatchCounter.Counts first = cache.get(reader, key("a"), this::count);
        MatchCounter.Counts second = cache.get(reader, key("a"), this::count);

        assertThat(second).isSameAs(first);
        assertThat(countings).isEqualTo(1);
    }

    @Test
    void countsAgainForAnotherQueryOrOtherFacets() throws IOException {
        cache.get(reader, key("a"), this::count);
        cache.get(reader, key("b"), this::count);
        cache.get(reader, new QueryExecutor.CountsKey(query("a"), List.of("source_id", "realm"), false), this::count);
        cache.get(reader, new QueryExecutor.CountsKey(query("a"), List.of("source_id"), true), this::count);

        assertThat(countings).isEqualTo(4);
    }

    @Test
    void countsAgainOnceTheIndexChanged() throws IOException {
        cache.get(reader, key("a"), this::count);
        addDocument();
        DirectoryReader newer = DirectoryReader.openIfChanged(reader, writer);
        assertThat(newer).isNotNull();
        reader.close();
        reader = newer;

        cache.get(reader, key("a"), this::count);

        assertThat(countings).isEqualTo(2);
    }

    @Test
    void forgetsTheLeastRecentlyUsedBeyondItsCapacity() throws IOException {
        cache.get(reader, key("first"), this::count);
        for (int i = 0; i < cache.capacity(); i++) {
            cache.get(reader, key("other" + i), this::count);
        }
        int before = countings;

        cache.get(reader, key("other" + (cache.capacity() - 1)), this::count);
        cache.get(reader, key("first"), this::count);

        assertThat(countings - before).as("only the evicted entry is counted again").isEqualTo(1);
    }

    private MatchCounter.Counts count() {
        countings++;
        return new MatchCounter.Counts(countings, 0, Map.of());
    }

    private void addDocument() throws IOException {
        Document document = new Document();
        document.add(new StringField("field", "value", Field.Store.NO));
        writer.addDocument(document);
    }

    private static QueryExecutor.CountsKey key(String value) {
        return new QueryExecutor.CountsKey(query(value), List.of("source_id"), false);
    }

    private static TermQuery query(String value) {
        return new TermQuery(new Term("field", value));
    }
}
