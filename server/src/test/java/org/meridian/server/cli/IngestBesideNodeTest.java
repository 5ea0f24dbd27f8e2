package org.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.server.catalog.CatalogStore;
import org.meridian.server.ops.DataDirectoryLock;
import org.meridian.server.system.Databases;
import org.meridian.server.testing.MeridianProcesses;

/**
 * {@code meridian ingest} beside a node that is killed: the ingest stops after the batch in flight
 * instead of carrying on as the host of the node's database (through which a restarted node would
 * then reach its own database until the ingest ended), and what it acknowledged is kept.
 */
class IngestBesideNodeTest {
    private static final int RECORDS = 30_000;

    @TempDir
    Path directory;

    @Test
    void anIngestBesideAKilledNodeStopsAndKeepsWhatItAcknowledged() throws Exception {
        Path dataDir = directory.resolve("data");
        Path file = directory.resolve("records.jsonl");
        RecordJson json = new RecordJson();
        Files.write(file, IntStream.range(0, RECORDS).mapToObj(i -> json.write(aDataset("CMIP6.beside.d%06d".formatted(i)).build()))
                .toList());

        Process node = MeridianProcesses.meridian("serve", "--port", "0", "--data-dir", dataDir.toString())
                .redirectOutput(directory.resolve("node.out").toFile())
                .redirectError(directory.resolve("node.err").toFile())
                .start();
        Process ingest = null;
        try {
            awaitNodeServing(node, dataDir);
            ingest = MeridianProcesses.meridian("ingest", "--data-dir", dataDir.toString(), "--batch-size", "500", "--progress", "LINES",
                    file.toString())
                    .redirectError(directory.resolve("ingest.err").toFile())
                    .start();
            long acknowledged = MeridianProcesses.followCommits(ingest, committed -> {
                if (committed >= 2_000 && node.isAlive()) {
                    node.destroyForcibly();
                    awaitEnd(node);
                }
                return true;
            });
            assertThat(ingest.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String errors = Files.readString(directory.resolve("ingest.err"));

            assertThat(ingest.exitValue()).as(errors).isNotZero();
            // Between batches it finds the node gone; a kill during a batch's write fails that batch instead.
            assertThat(errors).containsAnyOf("ingest interrupted: the node serving " + dataDir.toAbsolutePath() + " stopped",
                    "ingest interrupted: the catalog could not store a batch")
                    .contains("run the same command again to load the rest");
            try (HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 1)) {
                long stored = new CatalogStore(dataSource, json, Clock.systemUTC()).count(Stage.PRODUCTION);
                // It stopped within a batch or two of the node, far from the end of the file.
                assertThat(stored).isGreaterThanOrEqualTo(acknowledged).isLessThan(RECORDS);
                assertThat(acknowledged).isLessThan(RECORDS / 2);
            }
        } finally {
            node.destroyForcibly();
            if (ingest != null) {
                ingest.destroyForcibly();
            }
        }
    }

    private static void awaitEnd(Process process) {
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A node records where it answers in the data directory's lock file once it serves. */
    private void awaitNodeServing(Process node, Path dataDir) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (DataDirectoryLock.holderAddress(dataDir).isEmpty()) {
            if (!node.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("the node did not start: " + Files.readString(directory.resolve("node.err")));
            }
            Thread.sleep(100);
        }
    }
}
