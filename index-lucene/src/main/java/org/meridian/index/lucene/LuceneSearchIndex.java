package org.meridian.index.lucene;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.InvalidQueryException;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchResult;

/**
 * The embedded {@link SearchIndex}: one Lucene index in a directory, holding one document per
 * (stage, record id), searched near-real-time.
 *
 * <p>{@link #apply} writes through one {@link IndexWriter}; {@link #refresh} opens a new
 * near-real-time searcher on what it holds. Each refresh writes the buffered documents out as a
 * segment, so a bulk load that refreshed per batch spent about a quarter of its indexing time
 * there and left many small segments to merge; the caller chooses how often. {@link #commit}
 * stores the applied sequence in the commit's user data ({@value #SEQUENCE_KEY}), so documents
 * and sequence become durable in the same atomic commit; on open, the applied sequence starts
 * from the committed one.
 *
 * <p>{@link #close} does <em>not</em> commit: it rolls back to the last commit, as a crash would.
 * Durable points are then only the caller's explicit commits, each recorded with its sequence,
 * and shutdown behaves like the crash the design already recovers from: whatever was applied
 * since the last commit is replayed from the change log. Callers commit explicitly, then close.
 *
 * <p>Any number of threads may search while one applies; {@code apply}, {@code refresh},
 * {@code commit} and {@code close} are serialised. {@code load} runs on as many threads as the caller uses.
 */
public final class LuceneSearchIndex implements SearchIndex {
    /** Commit user-data key of the last applied change sequence. */
    public static final String SEQUENCE_KEY = "meridian.sequence";
    /**
     * Commit user-data key of the form of the oldest documents in the index: {@link #DOCUMENT_FORM}
     * when every document was written by {@link RecordDocuments} as it is now. Indexes committed
     * before the key existed have none.
     */
    static final String DOCUMENT_FORM_KEY = "meridian.documents";
    /**
     * The form {@link RecordDocuments} writes; raise it whenever a change means older documents
     * no longer match every query (2: checksums, URLs, sizes, counts and timestamps indexed;
     * 3: type, version, index node and checksum in the text).
     */
    static final String DOCUMENT_FORM = "3";

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final SlicedSearchers searcherFactory;
    private final RecordDocuments documents;
    private final QueryExecutor executor;
    private final Object writeLock = new Object();
    private volatile long appliedSequence;
    private volatile long searchableSequence;
    private volatile long committedSequence;
    /** The form of the oldest documents: it stays older until the index is rebuilt. */
    private final String documentForm;
    private boolean closed;

    private LuceneSearchIndex(Path path, Directory directory, IndexWriter writer, SearcherManager searchers,
            SlicedSearchers searcherFactory, RecordDocuments documents, QueryExecutor executor, long committedSequence,
            String documentForm) {
        this.path = requireNonNull(path, "path is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.searchers = requireNonNull(searchers, "searchers is null");
        this.searcherFactory = requireNonNull(searcherFactory, "searcherFactory is null");
        this.documents = requireNonNull(documents, "documents is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.committedSequence = committedSequence;
        this.documentForm = requireNonNull(documentForm, "documentForm is null");
        this.appliedSequence = committedSequence;
        this.searchableSequence = committedSequence;
    }

    /**
     * Opens the index in {@code path}, creating the directory and an empty index if needed. Only
     * one open index may use a directory at a time (Lucene's write lock enforces it).
     *
     * @throws UncheckedIOException if the directory cannot be created, read or locked
     */
    public static LuceneSearchIndex open(Path path) {
        return open(path, Clock.systemUTC());
    }

    /** {@link #open(Path)}, with {@code clock} saying what {@code NOW} means in date math within queries. */
    public static LuceneSearchIndex open(Path path, Clock clock) {
        return open(path, clock, Runtime.getRuntime().availableProcessors(), SlicedSearchers.DEFAULT_MIN_DOCS_PER_SLICE);
    }

    /** {@link #open(Path, Clock)}, cutting a search into up to {@code slices} slices of at least {@code minDocsPerSlice} documents. */
    static LuceneSearchIndex open(Path path, Clock clock, int slices, int minDocsPerSlice) {
        requireNonNull(path, "path is null");
        requireNonNull(clock, "clock is null");
        Analyzer analyzer = new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(IndexFields.TEXT, new TextAnalyzer()));
        RecordDocuments documents = new RecordDocuments(new RecordJson());
        SlicedSearchers searcherFactory = new SlicedSearchers(slices, minDocsPerSlice);
        QueryExecutor executor = new QueryExecutor(new QueryTranslator(analyzer, clock), documents, searcherFactory);
        Directory directory = null;
        IndexWriter writer = null;
        SearcherManager searchers = null;
        boolean opened = false;
        try {
            Files.createDirectories(path);
            directory = FSDirectory.open(path);
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCommitOnClose(false)
                    // Bulk loads arrive in batches of thousands; a larger buffer means fewer, larger
                    // segments and far less merging (the heap holds it comfortably at -Xmx1g).
                    .setRAMBufferSizeMB(128));
            searchers = new SearcherManager(writer, searcherFactory);
            LuceneSearchIndex index = new LuceneSearchIndex(path, directory, writer, searchers, searcherFactory,
                    documents, executor,
                    sequenceOf(writer, path), documentFormOf(writer));
            opened = true;
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + path + ": " + e.getMessage(), e);
        } finally {
            if (!opened) {
                IOUtils.closeWhileHandlingException(searchers, writer, directory);
                searcherFactory.close();
            }
        }
    }

    @Override
    public boolean outdated() {
        return !documentForm.equals(DOCUMENT_FORM);
    }

    @Override
    public long appliedSequence() {
        return appliedSequence;
    }

    @Override
    public long searchableSequence() {
        return searchableSequence;
    }

    @Override
    public long committedSequence() {
        return committedSequence;
    }

    @Override
    public void apply(List<? extends CatalogChange> changes) {
        requireNonNull(changes, "changes is null");
        synchronized (writeLock) {
            long last = lastOfIncreasing(changes, appliedSequence);
            if (changes.isEmpty()) {
                return;
            }
            // Build every document before the writer sees any, so a record that cannot be
            // turned into one fails the batch without half of it applied.
            List<Document> upserted = new ArrayList<>();
            for (CatalogChange change : changes) {
                if (change instanceof CatalogChange.Upsert upsert) {
                    upserted.add(documents.document(upsert));
                }
            }
            try {
                int next = 0;
                for (CatalogChange change : changes) {
                    Term key = new Term(IndexFields.KEY, IndexFields.key(change.stage(), change.id()));
                    switch (change) {
                        case CatalogChange.Upsert upsert -> writer.updateDocument(key, upserted.get(next++));
                        case CatalogChange.Removal removal -> writer.deleteDocuments(key);
                    }
                }
            } catch (IOException e) {
                // The sequence stays where it was; changes are idempotent, so replaying the batch
                // from the log repairs whatever part of it reached the writer.
                throw new UncheckedIOException("cannot apply changes to the search index in " + path, e);
            }
            appliedSequence = last;
        }
    }

    /**
     * Adds each document without looking for an older version of it (the records are new to this
     * index) and without refreshing the searcher, which is what makes a bulk build fast: the
     * writer may take documents from several threads at once, each filling its own segment.
     */
    @Override
    public void load(List<CatalogChange.Upsert> records) {
        requireNonNull(records, "records is null");
        if (records.isEmpty()) {
            return;
        }
        long sequence = records.get(0).sequence();
        for (CatalogChange.Upsert upsert : records) {
            if (upsert.sequence() != sequence) {
                throw new IllegalArgumentException("loaded records must carry one snapshot sequence, got "
                        + sequence + " and " + upsert.sequence());
            }
        }
        synchronized (writeLock) {
            if (sequence < appliedSequence) {
                throw new IllegalArgumentException("cannot load records as of change " + sequence
                        + ": the index has applied changes up to " + appliedSequence);
            }
            appliedSequence = sequence;
        }
        try {
            for (CatalogChange.Upsert upsert : records) {
                writer.addDocument(documents.document(upsert));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load records into the search index in " + path, e);
        }
    }

    @Override
    public void refresh() {
        synchronized (writeLock) {
            long sequence = appliedSequence;
            try {
                searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot refresh the searcher on the index in " + path, e);
            }
            searchableSequence = sequence;
        }
    }

    @Override
    public void commit() {
        synchronized (writeLock) {
            long sequence = appliedSequence;
            writer.setLiveCommitData(Map.of(SEQUENCE_KEY, Long.toString(sequence), DOCUMENT_FORM_KEY, documentForm)
                    .entrySet());
            try {
                writer.commit();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot commit the search index in " + path, e);
            }
            committedSequence = sequence;
            refresh();
        }
    }

    @Override
    public SearchResult search(Query query) {
        requireNonNull(query, "query is null");
        IndexSearcher searcher = acquire();
        try {
            return executor.execute(searcher, query);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException("query", "query expands to more than " + IndexSearcher.getMaxClauseCount()
                    + " clauses; use fewer terms or a longer prefix before a wildcard");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index in " + path, e);
        } finally {
            release(searcher);
        }
    }

    @Override
    public Map<RecordType, Long> countByType(Stage stage) {
        requireNonNull(stage, "stage is null");
        IndexSearcher searcher = acquire();
        try {
            EnumMap<RecordType, Long> counts = new EnumMap<>(RecordType.class);
            for (RecordType type : RecordType.values()) {
                counts.put(type, (long) searcher.count(new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(IndexFields.STAGE, stage.name())), Occur.FILTER)
                        .add(new TermQuery(new Term(IndexFields.TYPE, type.label())), Occur.FILTER)
                        .build()));
            }
            return Collections.unmodifiableMap(counts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the records in the index in " + path, e);
        } finally {
            release(searcher);
        }
    }

    /** Closes without committing: changes applied since the last {@link #commit} are dropped. */
    @Override
    public void close() throws IOException {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            // The writer is configured not to commit on close, so closing it rolls back.
            try {
                IOUtils.close(searchers, writer, directory);
            } finally {
                searcherFactory.close();
            }
        }
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a searcher on the index in " + path, e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release a searcher on the index in " + path, e);
        }
    }

    /** The last sequence of a batch, after checking each is above the one before it. */
    private static long lastOfIncreasing(List<? extends CatalogChange> changes, long applied) {
        long previous = applied;
        for (CatalogChange change : changes) {
            requireNonNull(change, "change is null");
            if (change.sequence() <= previous) {
                throw new IllegalArgumentException("change " + change.sequence() + " does not follow " + previous
                        + ": changes must be applied once each, in increasing sequence order, above the applied sequence "
                        + applied);
            }
            previous = change.sequence();
        }
        return previous;
    }

    /** The committed form; an index holding no documents takes the current one. */
    private static String documentFormOf(IndexWriter writer) {
        if (writer.getDocStats().maxDoc == 0) {
            return DOCUMENT_FORM;
        }
        return committed(writer, DOCUMENT_FORM_KEY).orElse("1");
    }

    private static long sequenceOf(IndexWriter writer, Path path) {
        return committed(writer, SEQUENCE_KEY).map(value -> {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("the index in " + path + " records a malformed sequence '"
                        + value + "'; rebuild it from the change log", e);
            }
        }).orElse(0L);
    }

    /** The value of {@code key} in the user data of the writer's last commit, if any. */
    private static Optional<String> committed(IndexWriter writer, String key) {
        Iterable<Map.Entry<String, String>> commitData = writer.getLiveCommitData();
        if (commitData != null) {
            for (Map.Entry<String, String> entry : commitData) {
                if (key.equals(entry.getKey())) {
                    return Optional.of(entry.getValue());
                }
            }
        }
        return Optional.empty();
    }
}
