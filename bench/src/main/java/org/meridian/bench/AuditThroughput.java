package org.meridian.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditEntry;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.Outcome;
import org.meridian.server.audit.Verification;
import org.meridian.server.system.Databases;

/**
 * The audit log's append rate (one event per transaction, as privileged requests write them, and
 * in batches, as bulk operations do) and the time {@code meridian audit verify} takes, on the H2
 * file database the node uses.
 * Run: {@code java -cp bench/target/benchmarks.jar org.meridian.bench.AuditThroughput DATA_DIR EVENTS}.
 */
public final class AuditThroughput {
    private static final int SINGLE_APPENDS = 5_000;
    private static final int BATCH = 1_000;

    private AuditThroughput() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: AuditThroughput DATA_DIR EVENTS");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        long events = Long.parseLong(args[1]);
        try (HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 4)) {
            Databases.migrate(dataSource);
            AuditLog log = new AuditLog(dataSource, Clock.systemUTC());
            long started = System.nanoTime();
            for (int i = 0; i < SINGLE_APPENDS; i++) {
                log.append(entry(i));
            }
            double single = SINGLE_APPENDS / seconds(started);
            started = System.nanoTime();
            long appended = SINGLE_APPENDS;
            while (appended < events) {
                List<AuditEntry> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH && appended + i < events; i++) {
                    batch.add(entry(appended + i));
                }
                log.appendAll(batch);
                appended += batch.size();
            }
            double batched = (appended - SINGLE_APPENDS) / seconds(started);
            started = System.nanoTime();
            Verification verification = log.verify();
            double verify = seconds(started);
            System.out.printf(Locale.ROOT, "audit append, one event per transaction: %,.0f events/s%n", single);
            System.out.printf(Locale.ROOT, "audit append, %d per transaction:       %,.0f events/s%n", BATCH, batched);
            System.out.printf(Locale.ROOT, "audit verify of %,d events:            %.1f s (%s)%n", verification.checked(),
                    verify, verification.isIntact() ? "intact" : "BROKEN at " + verification.firstBad());
        }
    }

    private static AuditEntry entry(long i) {
        return AuditEntry.of(Actor.user("user" + (i % 50)), "record.write", "CMIP6.bench.dataset." + i, Outcome.SUCCESS,
                "req-" + i, Map.of("stage", "production", "records", "1"));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
