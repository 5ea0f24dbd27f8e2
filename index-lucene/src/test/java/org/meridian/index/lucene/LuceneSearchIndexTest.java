package org.meridian.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.meridian.catalog.RecordBuilder.aDataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchIndexContract;

/** The SearchIndex contract, plus how the Lucene index keeps its sequence and directory. */
class LuceneSearchIndexTest extends SearchIndexContract {

    @Override
    protected SearchIndex openIndex(Path directory) {
        return LuceneSearchIndex.open(directory);
    }

    @Test
    void storesTheAppliedSequenceInTheSameLuceneCommitAsTheDocuments(@TempDir Path path) throws IOException {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(path)) {
            index.apply(List.of(upsert(4, "a.one"), upsert(7, "a.two")));
            index.commit();
            index.apply(List.of(upsert(9, "a.three")));
        }

        try (Directory directory = FSDirectory.open(path); DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexCommit commit = reader.getIndexCommit();
            assertThat(commit.getUserData()).containsEntry(LuceneSearchIndex.SEQUENCE_KEY, "7");
            assertThat(reader.numDocs()).isEqualTo(2);
            assertThat(DirectoryReader.listCommits(directory)).hasSize(1);
        }
    }

    @Test
    void anIndexOfDocumentsInAnOlderFormIsOutdatedUntilRebuilt(@TempDir Path path) throws IOException {
        // What an index committed before the form was recorded looks like: documents and a sequence.
        try (LuceneSearchIndex index = LuceneSearchIndex.open(path)) {
            index.apply(List.of(upsert(3, "a.one")));
            index.commit();
        }
        try (Directory directory = FSDirectory.open(path);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            writer.setLiveCommitData(Map.of(LuceneSearchIndex.SEQUENCE_KEY, "3").entrySet());
            writer.commit();
        }

        try (LuceneSearchIndex index = LuceneSearchIndex.open(path)) {
            assertThat(index.outdated()).isTrue();
            index.apply(List.of(upsert(4, "a.two")));
            index.commit();
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.open(path)) {
            assertThat(index.outdated()).as("new documents beside old ones leave it outdated").isTrue();
            assertThat(index.committedSequence()).isEqualTo(4);
        }
    }

    @Test
    void aNewIndexHoldsDocumentsInTheCurrentForm(@TempDir Path path) throws IOException {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(path)) {
            assertThat(index.outdated()).isFalse();
            index.apply(List.of(upsert(1, "a.one")));
            index.commit();
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.open(path)) {
            assertThat(index.outdated()).isFalse();
        }
    }

    @Test
    void aSecondIndexCannotOpenTheSameDirectory(@TempDir Path path) throws IOException {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(path)) {
            assertThatThrownBy(() -> LuceneSearchIndex.open(path))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(path.toString());
            assertThat(index.appliedSequence()).isZero();
        }
    }

    @Test
    void closingTwiceIsHarmless(@TempDir Path path) throws IOException {
        LuceneSearchIndex index = LuceneSearchIndex.open(path);
        index.close();
        index.close();

        try (LuceneSearchIndex reopened = LuceneSearchIndex.open(path)) {
            assertThat(reopened.committedSequence()).isZero();
        }
    }

    private static CatalogChange.Upsert upsert(long sequence, String masterId) {
        CatalogRecord record = aDataset(masterId).build();
        return new CatalogChange.Upsert(sequence, Stage.PRODUCTION, record, Instant.parse("2024-05-01T00:00:00Z"),
                new RecordJson().write(record));
    }
}
