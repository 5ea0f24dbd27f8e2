package org.meridian.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.index.lucene.LuceneSearchIndex;

/**
 * The index's share of the write path alone: applies the records of a JSON-lines file to a new
 * Lucene index in batches of 5,000, as the indexer does, refreshing once a second and committing
 * at the end. Parsing happens first and is not timed, so the figure is what Lucene costs.
 * Run: {@code java -Xmx1g -cp bench/target/benchmarks.jar org.meridian.bench.IndexingThroughput DIR FILE [LINES]}.
 */
public final class IndexingThroughput {
    private IndexingThroughput() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: IndexingThroughput INDEX_DIR FILE [LINES]");
            System.exit(2);
        }
        Path directory = Path.of(args[0]);
        long limit = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        RecordJson json = new RecordJson();
        Instant cataloged = Instant.parse("2026-01-01T00:00:00Z");
        List<CatalogChange.Upsert> changes = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(Path.of(args[1]))) {
            String line;
            long sequence = 0;
            while (sequence < limit && (line = reader.readLine()) != null) {
                changes.add(new CatalogChange.Upsert(++sequence, Stage.PRODUCTION, json.read(line), cataloged, line));
            }
        }
        long cpuBefore = processCpuNanos();
        long threadCpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long started = System.nanoTime();
        long lastRefresh = started;
        try (SearchIndex index = LuceneSearchIndex.open(directory)) {
            for (int from = 0; from < changes.size(); from += 5_000) {
                index.apply(changes.subList(from, Math.min(changes.size(), from + 5_000)));
                if (System.nanoTime() - lastRefresh > 1_000_000_000L) {
                    index.refresh();
                    lastRefresh = System.nanoTime();
                }
            }
            index.commit();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = (processCpuNanos() - cpuBefore) / 1e9;
        double threadCpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpuBefore) / 1e9;
        System.out.printf(Locale.ROOT, "indexing: %,d records in %.1f s, %,.0f records/s; CPU %.1f s in all "
                        + "(%.0f µs per record), %.1f s on the applying thread (%.0f µs per record)%n",
                changes.size(), seconds, changes.size() / seconds, cpu, cpu * 1e6 / changes.size(),
                threadCpu, threadCpu * 1e6 / changes.size());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
