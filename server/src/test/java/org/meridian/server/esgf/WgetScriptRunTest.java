package org.meridian.server.esgf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.server.testing.QueryStrings.uri;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.Checksum;
import org.meridian.catalog.RecordBuilder;
import org.meridian.server.catalog.SearchConfiguration;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.testing.IdentityTestConfiguration;
import org.meridian.server.testing.TemporaryIndex;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestConstructor;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Runs generated download scripts for real: bash, curl or wget, sha256sum and md5sum, against a
 * small HTTP server on the loopback interface. Each test catalogs its own dataset whose files
 * point at that server, asks the wget endpoint for the script, and runs it in a temporary directory.
 */
@WebMvcTest(controllers = WgetController.class)
@Import(WgetScriptRunTest.Catalog.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class WgetScriptRunTest {
    private static final byte[] FIRST = "first file's bytes\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SECOND = "second file, verified with MD5\n".getBytes(StandardCharsets.UTF_8);
    /** Downloads of a few bytes over loopback take milliseconds; this only bounds a hung script. */
    private static final long TIMEOUT_SECONDS = 60;

    private static HttpServer server;
    private static final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private static final AtomicInteger requests = new AtomicInteger();
    private static final List<String> requestedPaths = new CopyOnWriteArrayList<>();

    private final MockMvcTester mvc;
    private final TemporaryIndex index;

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MeridianProperties.class)
    @Import({SearchConfiguration.class, IdentityTestConfiguration.class})
    static class Catalog {
        @Bean
        TemporaryIndex searchIndex() {
            return TemporaryIndex.empty();
        }
    }

    /** A file to serve and catalog; {@code corrupted} publishes the checksum of other bytes. */
    private record Served(String name, byte[] bytes, Checksum.Algorithm algorithm, boolean corrupted) {
    }

    private record Run(int exitCode, String output) {
    }

    WgetScriptRunTest(MockMvcTester mvc, TemporaryIndex index) {
        this.mvc = mvc;
        this.index = index;
    }

    @BeforeAll
    static void startFileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/thredds/fileServer/", exchange -> {
            requests.incrementAndGet();
            requestedPaths.add(exchange.getRequestURI().getPath());
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopFileServer() {
        server.stop(0);
    }

    @Test
    void downloadsAndVerifiesEveryFileThenSkipsThemWhenRunAgain(TestInfo test, @TempDir Path directory) {
        CatalogRecord dataset = catalog(test, new Served("one.nc", FIRST, Checksum.Algorithm.SHA256, false),
                new Served("two.nc", SECOND, Checksum.Algorithm.MD5, false));
        Path script = script(dataset, directory, "download_structure=source_id");

        Run first = run(script, directory, Optional.empty());
        int requestsAfterFirstRun = requests.get();
        Run second = run(script, directory, Optional.empty());

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("Downloading with curl", "Done: 2 downloaded, 0 already present, 0 failed.");
        assertThat(directory.resolve("MODEL/one.nc")).hasBinaryContent(FIRST);
        assertThat(directory.resolve("MODEL/two.nc")).hasBinaryContent(SECOND);
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("Done: 0 downloaded, 2 already present, 0 failed.");
        assertThat(requests.get()).isEqualTo(requestsAfterFirstRun);
    }

    @Test
    void failsWhenAFileDoesNotMatchItsChecksumAndKeepsOnlyTheGoodOnes(TestInfo test, @TempDir Path directory) {
        CatalogRecord dataset = catalog(test, new Served("good.nc", FIRST, Checksum.Algorithm.SHA256, false),
                new Served("bad.nc", SECOND, Checksum.Algorithm.SHA256, true));
        Path script = script(dataset, directory);

        Run run = run(script, directory, Optional.empty());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("FAILED checksum of bad.nc", "Done: 1 downloaded, 0 already present, 1 failed.");
        assertThat(directory.resolve("good.nc")).hasBinaryContent(FIRST);
        assertThat(directory.resolve("bad.nc")).doesNotExist();
        assertThat(directory.resolve("bad.nc.part")).doesNotExist();
    }

    @Test
    void replacesALocalCopyThatDoesNotMatch(TestInfo test, @TempDir Path directory) throws IOException {
        CatalogRecord dataset = catalog(test, new Served("one.nc", FIRST, Checksum.Algorithm.SHA256, false));
        Path script = script(dataset, directory);
        Files.writeString(directory.resolve("one.nc"), "truncated");

        Run run = run(script, directory, Optional.empty());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(directory.resolve("one.nc")).hasBinaryContent(FIRST);
    }

    @Test
    void usesWgetWhereCurlIsNotInstalled(TestInfo test, @TempDir Path directory, @TempDir Path tools) throws IOException {
        for (String tool : List.of("wget", "sha256sum", "md5sum", "mkdir", "mv", "rm")) {
            Files.createSymbolicLink(tools.resolve(tool), installed(tool));
        }
        CatalogRecord dataset = catalog(test, new Served("one.nc", FIRST, Checksum.Algorithm.SHA256, false),
                new Served("two.nc", SECOND, Checksum.Algorithm.MD5, false));
        Path script = script(dataset, directory);

        Run run = run(script, directory, Optional.of(tools));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Downloading with wget", "Done: 2 downloaded");
        assertThat(directory.resolve("one.nc")).hasBinaryContent(FIRST);
    }

    @Test
    void aDryRunListsTheFilesAndDownloadsNothing(TestInfo test, @TempDir Path directory) {
        CatalogRecord dataset = catalog(test, new Served("one.nc", FIRST, Checksum.Algorithm.SHA256, false),
                new Served("two.nc", SECOND, Checksum.Algorithm.MD5, false));
        Path script = script(dataset, directory);
        int requestsBefore = requests.get();

        Run run = run(script, directory, Optional.empty(), "-n");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Would download one.nc from http://127.0.0.1:", "Would download two.nc from ",
                "Dry run: 2 file(s) listed, nothing downloaded.");
        assertThat(directory.resolve("one.nc")).doesNotExist();
        assertThat(requests.get()).isEqualTo(requestsBefore);
    }

    @Test
    void helpAndUnknownArgumentsDownloadNothing(TestInfo test, @TempDir Path directory) {
        CatalogRecord dataset = catalog(test, new Served("one.nc", FIRST, Checksum.Algorithm.SHA256, false));
        // distrib=true gives the script a warning to say (only this node's files are listed).
        Path script = script(dataset, directory, "distrib=true");
        int requestsBefore = requests.get();

        Run help = run(script, directory, Optional.empty(), "-h");
        Run dryRun = run(script, directory, Optional.empty(), "-n");
        Run unknown = run(script, directory, Optional.empty(), "-x");
        Run argument = run(script, directory, Optional.empty(), "files");

        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: bash ", "-n  dry run", "-i  insecure").doesNotContain("Warning");
        assertThat(dryRun.output()).contains("Warning: Only this node's files are listed");
        assertThat(unknown.exitCode()).as(unknown.output()).isEqualTo(2);
        assertThat(unknown.output()).contains("Unknown option -x; run the script with -h to list its options.");
        assertThat(argument.exitCode()).as(argument.output()).isEqualTo(2);
        assertThat(argument.output()).contains("Unexpected argument 'files'");
        assertThat(directory.resolve("one.nc")).doesNotExist();
        assertThat(requests.get()).isEqualTo(requestsBefore);
    }

    @Test
    void insecureModeStillDownloadsAndVerifies(TestInfo test, @TempDir Path directory) {
        CatalogRecord dataset = catalog(test, new Served("one.nc", FIRST, Checksum.Algorithm.SHA256, false));
        Path script = script(dataset, directory);

        Run run = run(script, directory, Optional.empty(), "-i", "-s");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Done: 1 downloaded, 0 already present, 0 failed.");
        assertThat(directory.resolve("one.nc")).hasBinaryContent(FIRST);
    }

    @Test
    void takesACatalogedUrlLiterallyNeverAsAPatternOfSeveralUrls(TestInfo test, @TempDir Path directory) {
        CatalogRecord dataset = catalog(test, new Served("one.nc", FIRST, Checksum.Algorithm.SHA256, false));
        String pattern = "/thredds/fileServer/" + dataset.masterId() + "/part[1-3].nc";
        index.add(RecordBuilder.aFile(dataset, "part.nc")
                .withUrl("http://127.0.0.1:" + server.getAddress().getPort() + pattern, "application/netcdf", "HTTPServer")
                .build());
        Path script = script(dataset, directory);

        Run run = run(script, directory, Optional.empty());

        assertThat(run.output()).contains("FAILED to download part.nc");
        assertThat(requestedPaths).as("what curl asked the server for")
                .noneMatch(path -> path.matches(".*/part[1-3]\\.nc"));
        assertThat(directory.resolve("one.nc")).hasBinaryContent(FIRST);
    }

    /** Catalogs a dataset named after the test, with the given files served by the loopback server. */
    private CatalogRecord catalog(TestInfo test, Served... files) {
        CatalogRecord dataset = RecordBuilder.aDataset("CMIP6.TEST." + test.getTestMethod().orElseThrow().getName())
                .withFacet("source_id", "MODEL").build();
        index.add(dataset);
        for (Served file : files) {
            String path = "/thredds/fileServer/" + dataset.masterId() + "/" + file.name();
            served.put(path, file.bytes());
            byte[] published = file.corrupted() ? "other bytes".getBytes(StandardCharsets.UTF_8) : file.bytes();
            index.add(RecordBuilder.aFile(dataset, file.name())
                    .withChecksum(new Checksum(file.algorithm(), digest(file.algorithm(), published)))
                    .withSize(file.bytes().length)
                    .withUrl("http://127.0.0.1:" + server.getAddress().getPort() + path, "application/netcdf", "HTTPServer")
                    .build());
        }
        return dataset;
    }

    private Path script(CatalogRecord dataset, Path directory, String... options) {
        String[] parameters = new String[options.length + 1];
        parameters[0] = "dataset_id=" + dataset.id().value();
        System.arraycopy(options, 0, parameters, 1, options.length);
        MvcTestResult result = mvc.get().uri(uri("/esg-search/wget", parameters)).exchange();
        assertThat(result).hasStatusOk();
        try {
            Path script = directory.resolve("wget.sh");
            Files.write(script, result.getResponse().getContentAsByteArray());
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the script with bash in {@code directory}; with {@code tools}, that is the whole PATH. */
    private static Run run(Path script, Path directory, Optional<Path> tools, String... arguments) {
        try {
            Path output = Files.createTempFile("wget-script", ".log");
            List<String> command = new ArrayList<>(List.of(installed("bash").toString(), script.toString()));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            tools.ifPresent(path -> builder.environment().put("PATH", path.toString()));
            Process process = builder.start();
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String text = Files.readString(output);
            Files.delete(output);
            if (!finished) {
                throw new AssertionError("the script did not finish within " + TIMEOUT_SECONDS + " s:\n" + text);
            }
            return new Run(process.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the script ran", e);
        }
    }

    /** The tool's path on this machine; the test needs bash, curl, wget, sha256sum and md5sum. */
    private static Path installed(String tool) {
        for (String directory : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(tool + " is not installed, but running download scripts needs it");
    }

    private static String digest(Checksum.Algorithm algorithm, byte[] bytes) {
        String name = switch (algorithm) {
            case SHA256 -> "SHA-256";
            case MD5 -> "MD5";
        };
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(name).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides " + name, e);
        }
    }
}
