package org.meridian.server.catalog;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordFormatException;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;
import org.meridian.server.system.Failures;
import org.meridian.server.system.StrictUtf8;

/**
 * Loads records from JSON-lines files (one ESGF-style document per line) into a stage.
 *
 * <p>Lines are read in batches (of the batch size, or fewer when they reach
 * {@value #MAX_BATCH_CHARACTERS} characters); a batch is parsed completely before anything of it is written,
 * then written in one transaction and handed to the indexer. A bad line stops the load with its
 * file, line number and reason, leaving the catalog exactly as it was after the previous batch.
 * Records identical to what the catalog holds are skipped, so loading a file twice is harmless.
 */
public final class CatalogIngest {
    /** Longest accepted line; the database column holds a document of at most this size. */
    static final int MAX_LINE_CHARACTERS = 1_000_000;

    /**
     * A batch read from a file also ends once its lines reach this many characters, whatever the
     * batch size. H2 writes a transaction's pages to disk early once its changes pass ~19 MB of
     * estimated memory (MVStore's auto-commit buffer, not settable through the JDBC URL), and
     * writes them again at commit: 5,000 dataset records of ~2 KB each passed it, and the file
     * was written twice over (0.92 GB instead of 0.46 GB for 98k records, 8k instead of 10k
     * records/s). About 1 MB of records per transaction stays well below it, also once the
     * catalog is large and each record dirties several index pages; and a file of huge lines
     * cannot fill the heap with one batch.
     */
    static final int MAX_BATCH_CHARACTERS = 1 << 20;

    /**
     * A load starts with a batch of at most this many records and doubles each batch up to the
     * batch size: a node that serves while it loads (the demo) answers its first searches once the
     * first small batch is indexed, not after thousands of records; later batches are full-size.
     */
    static final int FIRST_BATCH_RECORDS = 500;

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    /** Told after every committed batch. */
    public interface Listener {
        void committed(Progress progress);
    }

    /**
     * Where a load stands.
     *
     * @param line last line of {@code file} that is committed (for in-process loads, the record count)
     * @param done work done out of {@code total}: bytes over all files, or datasets for in-process loads
     * @param complete whether this is the load's last report: every record is committed
     */
    public record Progress(Path file, long line, long records, long changed, long done, long total, Duration elapsed,
            boolean complete) {
    }

    /**
     * What a completed load did.
     *
     * @param accessGroups the access groups the loaded records are restricted to, sorted
     */
    public record Summary(long records, long changed, long unchanged, Duration elapsed, SortedSet<String> accessGroups) {
        public Summary {
            accessGroups = Collections.unmodifiableSortedSet(new TreeSet<>(accessGroups));
        }

        public double recordsPerSecond() {
            double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
            return records / seconds;
        }
    }

    private final CatalogStore store;
    private final RestrictedDatasets restrictedDatasets;
    private final Consumer<WriteResult> written;
    private final RecordJson json;
    private final int batchSize;
    private final Clock clock;

    /**
     * @param written told of each committed batch, normally the indexer's {@link CatalogIndexer#offer}
     *     (a load beside a serving node passes nothing on: the node reads the log)
     */
    public CatalogIngest(CatalogStore store, Consumer<WriteResult> written, RecordJson json, int batchSize, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.restrictedDatasets = new RestrictedDatasets(store);
        this.written = requireNonNull(written, "written is null");
        this.json = requireNonNull(json, "json is null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Loads every file in order.
     *
     * @throws IngestFailedException at the first bad line, or a file that cannot be read
     */
    public Summary load(List<Path> files, Stage stage, Listener listener) {
        Instant started = clock.instant();
        Counts counts = new Counts(totalBytes(files), firstBatchLimit());
        for (int i = 0; i < files.size(); i++) {
            loadFile(files.get(i), stage, listener, counts, started, i == files.size() - 1);
        }
        return new Summary(counts.records, counts.changed, counts.records - counts.changed,
                Duration.between(started, clock.instant()), counts.accessGroups);
    }

    /**
     * The size of all {@code files}; also how a command checks them before it opens anything.
     *
     * @throws IngestFailedException naming the first file that does not exist or cannot be read
     */
    public static long totalBytes(List<Path> files) {
        long total = 0;
        for (Path file : files) {
            try {
                if (Files.isDirectory(file)) {
                    throw new IngestFailedException(file, 0, "is a directory, not a file of records", 0);
                }
                total += Files.size(file);
            } catch (NoSuchFileException e) {
                throw new IngestFailedException(file, 0, "no such file", 0);
            } catch (IOException e) {
                throw new IngestFailedException(file, 0, "cannot read: " + e.getMessage(), 0);
            }
        }
        return total;
    }

    /**
     * Loads records produced in-process (the demo's generated catalog), in batches, reporting
     * progress in datasets seen out of {@code expectedDatasets}.
     */
    public Summary loadRecords(String source, Iterator<CatalogRecord> records, long expectedDatasets, Stage stage,
            Listener listener) {
        Instant started = clock.instant();
        Counts counts = new Counts(expectedDatasets, firstBatchLimit());
        Path name = Path.of(source);
        List<CatalogRecord> batch = new ArrayList<>(batchSize);
        long datasets = 0;
        while (records.hasNext()) {
            CatalogRecord record = records.next();
            if (record.type() == RecordType.DATASET) {
                datasets++;
            }
            batch.add(record);
            if (batch.size() == counts.batchLimit || !records.hasNext()) {
                // In-process records have no lines; a refused one is named by its place in the load.
                long first = counts.records + 1;
                write(name, stage, batch, position -> first + position, counts);
                listener.committed(counts.progress(name, counts.records, datasets, started, clock, !records.hasNext()));
                batch.clear();
                counts.batchLimit = nextBatchLimit(counts.batchLimit);
            }
        }
        return new Summary(counts.records, counts.changed, counts.records - counts.changed,
                Duration.between(started, clock.instant()), counts.accessGroups);
    }

    private void loadFile(Path file, Stage stage, Listener listener, Counts counts, Instant started, boolean lastFile) {
        try (CountingInput input = new CountingInput(Files.newInputStream(file));
                // Strict: the default decoder stored bytes that are not UTF-8 as U+FFFD and reported success.
                BufferedReader reader = new BufferedReader(new InputStreamReader(input, StrictUtf8.decoder()), 1 << 16)) {
            List<CatalogRecord> batch = new ArrayList<>(batchSize);
            List<Long> batchLines = new ArrayList<>(batchSize);
            long batchCharacters = 0;
            long lineNumber = 0;
            String line;
            while ((line = nextLine(reader, file, lineNumber, counts)) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith(BYTE_ORDER_MARK)) {
                    // Some editors on Windows start UTF-8 files with one; it is not part of the record.
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                batch.add(parse(file, lineNumber, line, counts));
                batchLines.add(lineNumber);
                batchCharacters += line.length();
                if (batch.size() == counts.batchLimit || batchCharacters >= MAX_BATCH_CHARACTERS) {
                    write(file, stage, batch, batchLines::get, counts);
                    listener.committed(counts.progress(file, lineNumber, counts.bytesBefore + input.count(), started, clock,
                            false));
                    batch.clear();
                    batchLines.clear();
                    batchCharacters = 0;
                    counts.batchLimit = nextBatchLimit(counts.batchLimit);
                }
            }
            if (!batch.isEmpty()) {
                write(file, stage, batch, batchLines::get, counts);
            }
            counts.bytesBefore += input.count();
            listener.committed(counts.progress(file, lineNumber, counts.bytesBefore, started, clock, lastFile));
        } catch (IOException e) {
            throw new IngestFailedException(file, 0, "cannot read: " + e.getMessage(), counts.records);
        }
    }

    /**
     * The next line, or null at the end. The reader decodes ahead of the lines it returns, so bytes
     * that are not UTF-8 are found somewhere after {@code linesRead}: every line returned before
     * lies wholly before them.
     */
    private static String nextLine(BufferedReader reader, Path file, long linesRead, Counts counts) throws IOException {
        try {
            return reader.readLine();
        } catch (CharacterCodingException e) {
            throw new IngestFailedException(file, linesRead + 1, "not valid UTF-8 at this line or a later one"
                    + " (the lines before it were read)", counts.records);
        }
    }

    private CatalogRecord parse(Path file, long lineNumber, String line, Counts counts) {
        if (line.length() > MAX_LINE_CHARACTERS) {
            throw new IngestFailedException(file, lineNumber,
                    "record is longer than " + MAX_LINE_CHARACTERS + " characters", counts.records);
        }
        try {
            return json.read(line);
        } catch (RecordFormatException e) {
            throw new IngestFailedException(file, lineNumber, e.getMessage(), counts.records);
        }
    }

    private int firstBatchLimit() {
        return Math.min(batchSize, FIRST_BATCH_RECORDS);
    }

    private int nextBatchLimit(int limit) {
        return (int) Math.min(batchSize, 2L * limit);
    }

    /** @param lineOf the line of the record at a position of the batch */
    private void write(Path source, Stage stage, List<CatalogRecord> batch, IntFunction<Long> lineOf, Counts counts) {
        restrictedDatasets.check(stage, batch).ifPresent(violation -> {
            throw new IngestFailedException(source, lineOf.apply(violation.position()), violation.message(),
                    counts.records);
        });
        WriteResult result;
        try {
            result = store.upsert(stage, batch);
        } catch (RuntimeException e) {
            // The batch is rolled back; what the operator needs is how far the load got.
            throw new IngestInterruptedException("the catalog could not store a batch: " + Failures.rootMessage(e),
                    counts.records, e);
        }
        written.accept(result);
        counts.records += batch.size();
        counts.changed += result.changes().size();
        batch.forEach(record -> record.accessGroup().ifPresent(counts.accessGroups::add));
    }

    private static final class Counts {
        private final long total;
        private long records;
        private long changed;
        private long bytesBefore;
        /** Records the next batch holds at most; grows from the first batch's, once per load, not per file. */
        private int batchLimit;
        private final SortedSet<String> accessGroups = new TreeSet<>();

        private Counts(long total, int firstBatchLimit) {
            this.total = total;
            this.batchLimit = firstBatchLimit;
        }

        private Progress progress(Path file, long line, long done, Instant started, Clock clock, boolean complete) {
            return new Progress(file, line, records, changed, done, total, Duration.between(started, clock.instant()),
                    complete);
        }
    }

    /** Counts bytes consumed from a stream, for progress by file size. */
    private static final class CountingInput extends java.io.FilterInputStream {
        private long count;

        private CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                count++;
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }

        long count() {
            return count;
        }
    }
}
