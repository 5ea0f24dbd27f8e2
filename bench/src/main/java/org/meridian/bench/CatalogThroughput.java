package org.meridian.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;
import org.meridian.index.lucene.LuceneSearchIndex;
import org.meridian.server.catalog.CatalogIndexer;
import org.meridian.server.catalog.CatalogStorage;
import org.meridian.server.system.Databases;

/**
 * One-shot throughput measurements of the catalog's write paths, through exactly the code the
 * node runs (H2 file database + change log + Lucene index):
 * <ul>
 *   <li>{@code ingest DATA_DIR FILE}: bulk load a JSON-lines file and wait until every record is
 *       searchable and committed; prints records/s end to end.</li>
 *   <li>{@code ingest-store DATA_DIR FILE}: the same load with the indexer stopped, so it measures
 *       the database and change log alone (parsing, canonical JSON, hashing, inserts: the part a
 *       single writer does); the index then catches up from the log, which is timed too.</li>
 *   <li>{@code reindex DATA_DIR}: rebuild the whole index from the catalog; prints the time.</li>
 * </ul>
 * The indexer refreshes as a serving node does, once a second; {@code -Drefresh=PT30S} measures
 * a load that nobody searches meanwhile, as {@code meridian ingest} without a node runs.
 * Run: {@code java -Xmx1g -cp bench/target/benchmarks.jar org.meridian.bench.CatalogThroughput ingest /tmp/d file.jsonl}.
 */
public final class CatalogThroughput {
    private CatalogThroughput() {
    }

    public static void main(String[] args) {
        boolean load = args.length == 3 && (args[0].equals("ingest") || args[0].equals("ingest-store"));
        if (!load && !(args.length == 2 && args[0].equals("reindex"))) {
            System.err.println("usage: CatalogThroughput ingest DATA_DIR FILE | ingest-store DATA_DIR FILE | reindex DATA_DIR");
            System.exit(2);
        }
        Path dataDir = Path.of(args[1]);
        try (HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 4)) {
            Databases.migrate(dataSource);
            try (CatalogStorage storage = CatalogStorage.open(dataSource, dataDir, LuceneSearchIndex::open,
                    new CatalogIndexer.Settings(5_000, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.parse(System.getProperty("refresh", "PT1S"))),
                    Clock.systemUTC(), new SimpleMeterRegistry())) {
                if (args[0].equals("ingest")) {
                    ingest(storage, Path.of(args[2]));
                } else if (args[0].equals("ingest-store")) {
                    ingestStoreOnly(storage, Path.of(args[2]));
                } else {
                    reindex(storage);
                }
            }
        }
    }

    /** Loads {@code file} with the indexer running, as a node does, then until all is searchable. */
    private static void ingest(CatalogStorage storage, Path file) {
        storage.indexer().start();
        Load load = Load.of(storage, file);
        System.out.printf(Locale.ROOT, "ingest: %,d records; database+log %s; searchable and committed after %.1f s: "
                        + "%,.0f records/s end to end%n",
                load.records, load.writing(), load.seconds(load.started, load.indexed),
                load.rate(load.started, load.indexed));
        System.out.println("ingest: index holds " + storage.index().countByType(Stage.PRODUCTION));
    }

    /** Loads {@code file} with the indexer stopped: the written batches stay in the log until catchUp. */
    private static void ingestStoreOnly(CatalogStorage storage, Path file) {
        Load load = Load.of(storage, file);
        System.out.printf(Locale.ROOT, "ingest-store: %,d records; database+log alone %s; "
                        + "then indexed from the log in %.1f s (%,.0f records/s)%n",
                load.records, load.writing(), load.seconds(load.written, load.indexed),
                load.rate(load.written, load.indexed));
    }

    /** When a load started, when its last batch was written, and when the index had it all. */
    private record Load(long records, long started, long written, long indexed) {
        static Load of(CatalogStorage storage, Path file) {
            long started = System.nanoTime();
            var summary = storage.ingest().load(List.of(file), Stage.PRODUCTION, progress -> {
            });
            long written = System.nanoTime();
            storage.indexer().catchUp();
            return new Load(summary.records(), started, written, System.nanoTime());
        }

        double seconds(long from, long to) {
            return (to - from) / 1e9;
        }

        double rate(long from, long to) {
            return records / seconds(from, to);
        }

        /** How long writing took and at what rate. */
        String writing() {
            return String.format(Locale.ROOT, "%.1f s (%,.0f records/s)", seconds(started, written), rate(started, written));
        }
    }

    private static void reindex(CatalogStorage storage) {
        long records = storage.store().countByType(Stage.PRODUCTION).values().stream().mapToLong(Long::longValue).sum();
        long started = System.nanoTime();
        storage.indexer().rebuild(progress -> {
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "reindex: %,d records (%,d changes) in %.1f s, %,.0f records/s; datasets %,d%n",
                records, storage.indexer().appliedSequence(), seconds, records / seconds,
                storage.index().countByType(Stage.PRODUCTION).get(RecordType.DATASET));
    }
}
