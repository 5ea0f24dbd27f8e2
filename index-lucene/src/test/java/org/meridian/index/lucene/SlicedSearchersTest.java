package org.meridian.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.AccessScope;

class SlicedSearchersTest {

    @Test
    void cutsALargeSegmentIntoOneSlicePerCoreAndLeavesASmallIndexWhole(@TempDir Path path) throws Exception {
        try (Directory directory = FSDirectory.open(path)) {
            writeOneSegment(directory, 90);
            try (DirectoryReader reader = DirectoryReader.open(directory);
                    SlicedSearchers large = new SlicedSearchers(3, 10);
                    SlicedSearchers small = new SlicedSearchers(3, 100)) {
                assertThat(reader.leaves()).hasSize(1);

                IndexSearcher sliced = large.newSearcher(reader, null);
                assertThat(sliced.getSlices()).hasSize(3);
                assertThat(Arrays.stream(sliced.getSlices()).mapToInt(slice -> slice.getMaxDocs())).containsOnly(30);
                assertThat(sliced.count(MatchAllDocsQuery.INSTANCE)).isEqualTo(90);

                assertThat(small.newSearcher(reader, null).getSlices()).hasSize(1);
            }
        }
    }

    @Test
    void cutsSegmentsOfUnequalSizeIntoEqualSlices(@TempDir Path path) throws Exception {
        try (Directory directory = FSDirectory.open(path)) {
            writeOneSegment(directory, 70);
            writeOneSegment(directory, 20);
            try (DirectoryReader reader = DirectoryReader.open(directory);
                    SlicedSearchers searchers = new SlicedSearchers(3, 10)) {
                assertThat(reader.leaves()).extracting(leaf -> leaf.reader().maxDoc()).containsExactly(70, 20);

                IndexSearcher searcher = searchers.newSearcher(reader, null);

                assertThat(searcher.getSlices()).extracting(IndexSearcher.LeafSlice::getMaxDocs).containsExactly(30, 30, 30);
                assertThat(searcher.getSlices()[2].partitions).hasSize(2);
                assertThat(searcher.count(MatchAllDocsQuery.INSTANCE)).isEqualTo(90);
            }
        }
    }

    @Test
    void aSearcherTakenBeforeClosingStillSearchesOnItsOwnThread(@TempDir Path path) throws Exception {
        try (Directory directory = FSDirectory.open(path)) {
            writeOneSegment(directory, 90);
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                SlicedSearchers searchers = new SlicedSearchers(3, 10);
                IndexSearcher searcher = searchers.newSearcher(reader, null);

                searchers.close();

                assertThat(searcher.getSlices()).hasSize(3);
                // Collecting hits (unlike counting, which can read index statistics) runs every slice.
                assertThat(searcher.search(MatchAllDocsQuery.INSTANCE, 100).scoreDocs).hasSize(90);
            }
        }
    }

    @Test
    void aScoringSearcherSearchesAlikeButCountsOnlyTheScope(@TempDir Path path) throws Exception {
        try (Directory directory = FSDirectory.open(path)) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
                for (int i = 0; i < 90; i++) {
                    Document document = new Document();
                    document.add(new StringField(IndexFields.STAGE, (i % 10 == 0 ? Stage.STAGING : Stage.PRODUCTION).name(),
                            Field.Store.NO));
                    document.add(new StringField(IndexFields.RESTRICTED, "false", Field.Store.NO));
                    document.add(new StringField("word", "common", Field.Store.NO));
                    writer.addDocument(document);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory);
                    SlicedSearchers searchers = new SlicedSearchers(3, 10)) {
                IndexSearcher searcher = searchers.newSearcher(reader, null);
                ScopedStatistics production = ScopedStatistics.of(searcher, Stage.PRODUCTION, AccessScope.ALL,
                        new ScopedStatistics.Cache()).orElseThrow();

                IndexSearcher scoring = searchers.scoring(searcher, production);

                assertThat(scoring.getSlices()).isSameAs(searcher.getSlices());
                assertThat(scoring.getQueryCache()).isSameAs(searcher.getQueryCache());
                assertThat(scoring.search(MatchAllDocsQuery.INSTANCE, 100).scoreDocs).hasSize(90);
                // Lucene hands the searcher the whole index's frequency, 90; the staged tenth is not counted.
                assertThat(scoring.termStatistics(new Term("word", "common"), 90, 90).docFreq()).isEqualTo(81);
                assertThat(scoring.collectionStatistics("word").docCount()).isEqualTo(81);
            }
        }
    }

    /** Adds a segment of {@code documents} documents. */
    private static void writeOneSegment(Directory directory, int documents) throws IOException {
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND))) {
            for (int i = 0; i < documents; i++) {
                Document document = new Document();
                document.add(new StringField("id", "d" + i, Field.Store.NO));
                writer.addDocument(document);
            }
            writer.commit();
        }
    }
}
