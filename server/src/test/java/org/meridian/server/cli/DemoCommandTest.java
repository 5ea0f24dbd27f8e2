package org.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.catalog.sample.SampleCatalogGenerator;
import org.meridian.catalog.vocabulary.Cmip6Vocabulary;
import org.meridian.server.catalog.CatalogStore;
import org.meridian.server.identity.IdentityStore;
import org.meridian.server.system.Databases;
import org.meridian.server.testing.MeridianProcesses;

/**
 * The README's first command, as a process: {@code meridian demo} on a fresh data directory serves
 * the sample catalog it loads, with the organisation its restricted records belong to, and a
 * second start on the same directory loads nothing again.
 */
class DemoCommandTest {
    private static final Pattern BROWSER_URL = Pattern.compile("\\s*Search in the browser\\s+http://localhost:(\\d+)/");
    // With seed 42, 3 of these 80 datasets are restricted (60 would restrict none).
    private static final int DATASETS = 80;

    @TempDir
    Path directory;

    @Test
    @Timeout(300)
    void aDemoOnAFreshDataDirectoryServesItsSampleAndASecondStartKeepsIt() throws Exception {
        Path dataDir = directory.resolve("data");

        DemoRun first = DemoRun.start(dataDir, directory.resolve("first.err"));
        try {
            first.awaitStandardError("Sample catalog loaded");
            // Anonymous callers see the public datasets, once indexed; the sample restricts a few.
            URI search = URI.create("http://localhost:" + first.port()
                    + "/esg-search/search?format=application/solr%2Bjson&limit=0&type=Dataset");
            long publicDatasets = new SampleCatalogGenerator(Cmip6Vocabulary.load(), DATASETS, 42).withoutFiles().records()
                    .filter(CatalogRecord::isPublic).count();
            assertThat(publicDatasets).as("the sample restricts some of these datasets").isLessThan(DATASETS);
            first.await(() -> numFound(search) == publicDatasets ? publicDatasets : null,
                    "exactly the sample's " + publicDatasets + " public datasets searchable");
        } finally {
            first.stop();
        }
        assertThat(first.output()).anyMatch(line -> line.startsWith("Created organisation " + SampleCatalogGenerator.RESTRICTED_GROUP));

        DemoRun second = DemoRun.start(dataDir, directory.resolve("second.err"));
        try {
            second.awaitStandardOutput("Sample catalog already loaded");
        } finally {
            second.stop();
        }
        assertThat(second.output()).noneMatch(line -> line.startsWith("Created organisation"));

        // Other flags would load a second, different sample over the first.
        CommandLineRun otherSample = CommandLineRun.of("demo", "--port", "0", "--data-dir", dataDir.toString(),
                "--datasets", "70", "--seed", "42");
        assertThat(otherSample.exitCode()).isNotZero();
        assertThat(otherSample.errorLines()).singleElement().asString()
                .contains("holds the demo catalog made with --datasets " + DATASETS + " --seed 42;");

        try (HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 1)) {
            assertThat(new IdentityStore(dataSource).findOrganisation(SampleCatalogGenerator.RESTRICTED_GROUP)).isPresent();
            // The datasets with their files and aggregations, loaded once.
            long records = new CatalogStore(dataSource, new RecordJson(), Clock.systemUTC()).count(Stage.PRODUCTION);
            assertThat(records).isGreaterThan(DATASETS);
        }
    }

    @Test
    // Run in this JVM: were the refusal lost, a node would start here; the timeout then fails the test
    // from a thread of its own, and the one-dataset sample keeps such a node small.
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDemoRefusesADataDirectoryHoldingAnotherCatalog() {
        Path dataDir = directory.resolve("node-data");
        try (HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 2)) {
            Databases.migrate(dataSource);
            new CatalogStore(dataSource, new RecordJson(), Clock.systemUTC())
                    .upsert(Stage.PRODUCTION, List.of(aDataset("CMIP6.node.own").build()));
        }

        CommandLineRun run = CommandLineRun.of("demo", "--port", "0", "--data-dir", dataDir.toString(), "--datasets", "1");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.errorLines()).singleElement().asString().contains("holds a catalog that is not the demo's (records or accounts other commands made);");
        assertThat(dataDir.resolve("demo-catalog.loading")).doesNotExist();
    }

    @Test
    void aDemoBoundBeyondLoopbackWarnsThatItServesPlainHttpToOtherMachines() {
        assertThat(DemoCommand.plainHttpExposure("127.0.0.1")).isEmpty();
        assertThat(DemoCommand.plainHttpExposure("::1")).isEmpty();
        assertThat(DemoCommand.plainHttpExposure("localhost")).isEmpty();
        assertThat(DemoCommand.plainHttpExposure("0.0.0.0")).hasValueSatisfying(warning ->
                assertThat(warning).startsWith("warning: --bind 0.0.0.0 lets other machines reach this demo over plain HTTP"));
    }

    private static Integer numFound(URI search) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(search).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Matcher found = Pattern.compile("\"numFound\":(\\d+)").matcher(response.body());
            assertThat(found.find()).as(response.body()).isTrue();
            return Integer.parseInt(found.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A demo process, its standard output collected line by line and its standard error in a file. */
    private record DemoRun(Process process, Thread reader, List<String> output, Path errors, int port) {
        static DemoRun start(Path dataDir, Path errors) throws IOException, InterruptedException {
            Process process = MeridianProcesses.meridian("demo", "--port", "0", "--data-dir", dataDir.toString(),
                    "--datasets", Integer.toString(DATASETS))
                    .redirectError(errors.toFile())
                    .start();
            List<String> output = new ArrayList<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        synchronized (output) {
                            output.add(line);
                        }
                    }
                } catch (IOException e) {
                    // The process ended; what it printed is kept.
                }
            });
            DemoRun run = new DemoRun(process, reader, output, errors, 0);
            boolean started = false;
            try {
                String browserLine = run.await(() -> run.output().stream().filter(line -> BROWSER_URL.matcher(line).matches())
                        .findFirst().orElse(null), "the demo's URLs");
                Matcher matcher = BROWSER_URL.matcher(browserLine);
                assertThat(matcher.matches()).isTrue();
                started = true;
                return new DemoRun(process, reader, output, errors, Integer.parseInt(matcher.group(1)));
            } finally {
                if (!started) {
                    // However the wait ended, a demo left running would hold its port and data directory.
                    process.destroyForcibly();
                }
            }
        }

        @Override
        public List<String> output() {
            synchronized (output) {
                return List.copyOf(output);
            }
        }

        void awaitStandardOutput(String text) throws IOException, InterruptedException {
            await(() -> output().stream().anyMatch(line -> line.contains(text)) ? text : null, "'" + text + "' on standard output");
        }

        void awaitStandardError(String text) throws IOException, InterruptedException {
            await(() -> readErrors().contains(text) ? text : null, "'" + text + "' on standard error");
        }

        private String readErrors() {
            try {
                return Files.readString(errors, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        <T> T await(Supplier<T> condition, String what) throws IOException, InterruptedException {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (Instant.now().isBefore(deadline)) {
                T value = condition.get();
                if (value != null) {
                    return value;
                }
                if (!process.isAlive()) {
                    throw new AssertionError("the demo ended (exit " + process.exitValue() + ") before " + what + ": "
                            + output() + " " + Files.readString(errors, StandardCharsets.UTF_8));
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no " + what + " within 90 s: " + output() + " " + readErrors());
        }

        /** Stops the demo as Ctrl-C would, and waits for it and for the last of what it printed. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the demo did not stop within 60 s of SIGTERM");
            }
            reader.join(Duration.ofSeconds(10));
        }
    }
}
