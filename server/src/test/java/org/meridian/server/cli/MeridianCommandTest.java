package org.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.meridian.catalog.RecordJson;
import org.meridian.server.audit.AuditEntry;
import org.meridian.server.audit.AuditEvent;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.AuditQuery;
import org.meridian.server.audit.Outcome;
import org.meridian.server.ops.DataDirectoryLock;
import org.meridian.server.system.Databases;

class MeridianCommandTest {
    @TempDir
    Path directory;

    private Path records(int count) throws IOException {
        RecordJson json = new RecordJson();
        List<String> lines = IntStream.range(0, count).mapToObj(i -> json.write(aDataset("CMIP6.cli" + i).build())).toList();
        return Files.write(directory.resolve("records.jsonl"), lines);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "serve", "generate", "ingest", "reindex", "config", "config show", "scenario",
            "scenario run", "scenario validate", "scenario optimize", "scenario import-tyche"})
    void everyCommandHasHelp(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");

        CommandLineRun run = CommandLineRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: meridian " + command);
    }

    @Test
    void anUnknownCommandIsCalledOneAndTheNearestIsSuggested() {
        CommandLineRun bogus = CommandLineRun.of("bogus");
        CommandLineRun misspelt = CommandLineRun.of("admin", "create-usr");

        assertThat(bogus.exitCode()).isEqualTo(2);
        assertThat(bogus.errorLines()).containsExactly("meridian: unknown command 'bogus' (see 'meridian --help')");
        assertThat(misspelt.errorLines()).containsExactly(
                "meridian: unknown command 'create-usr' (did you mean create-user?) (see 'meridian admin --help')");
    }

    @Test
    void anUnknownOptionIsOneLineAndExitCodeTwo() {
        CommandLineRun run = CommandLineRun.of("ingest", "--colour", "red", "x.jsonl");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("meridian: Unknown option: '--colour'").contains("meridian ingest --help");
    }

    @Test
    void aPortNoSocketCanHaveIsAUsageErrorBeforeAnythingStarts() {
        CommandLineRun run = CommandLineRun.of("serve", "--port", "-5");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().startsWith("meridian: --port must lie in 0..65535, got -5");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(CommandLineRun.of().exitCode()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "audit", "config", "scenario"})
    void aGroupWithoutItsCommandIsAUsageErrorPointingToItsHelp(String group) {
        CommandLineRun run = CommandLineRun.of(group);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).last().asString().endsWith("(see 'meridian " + group + " --help')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"audit verify", "audit export", "reindex"})
    void aCheckOfADataDirectoryWithNoCatalogIsRefusedAndCreatesNothing(String command) {
        Path mistyped = directory.resolve("no-such-data");
        List<String> arguments = new ArrayList<>(List.of(command.split(" ")));
        arguments.addAll(List.of("--data-dir", mistyped.toString()));

        CommandLineRun run = CommandLineRun.of(arguments.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString().contains("no Meridian catalog in " + mistyped);
        assertThat(mistyped).doesNotExist();
    }

    @Test
    void ingestLoadsAFileAndReindexRebuildsIt() throws IOException {
        Path dataDir = directory.resolve("data");

        CommandLineRun ingest = CommandLineRun.of("ingest", "--data-dir", dataDir.toString(), "--progress", "LINES",
                "--batch-size", "4", records(10).toString());
        CommandLineRun again = CommandLineRun.of("ingest", "--data-dir", dataDir.toString(), records(10).toString());
        CommandLineRun reindex = CommandLineRun.of("reindex", "--data-dir", dataDir.toString());

        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out().lines()).containsExactly(
                "committed 4 records through " + directory.resolve("records.jsonl") + ":4",
                "committed 8 records through " + directory.resolve("records.jsonl") + ":8",
                "committed 10 records through " + directory.resolve("records.jsonl") + ":10");
        assertThat(ingest.err()).contains("Loaded 10 records (10 new or changed, 0 unchanged)");
        assertThat(again.err()).contains("Loaded 10 records (0 new or changed, 10 unchanged)");
        assertThat(reindex.exitCode()).as(reindex.err()).isZero();
        assertThat(reindex.err()).contains("Reindexed 10 records");
        assertThat(auditEvents(dataDir)).extracting(entry -> entry.action() + " " + entry.outcome() + " " + entry.details())
                .containsExactly(
                        "index.rebuild SUCCESS {by=this command, records=10}",
                        "catalog.ingest SUCCESS {changed=0, files=" + directory.resolve("records.jsonl")
                                + ", records=10, unchanged=10}",
                        "catalog.ingest.start SUCCESS {files=" + directory.resolve("records.jsonl") + "}",
                        "catalog.ingest SUCCESS {changed=10, files=" + directory.resolve("records.jsonl")
                                + ", records=10, unchanged=0}",
                        "catalog.ingest.start SUCCESS {files=" + directory.resolve("records.jsonl") + "}");
    }

    @Test
    void ingestLoadsRecordsOfAGroupNoOrganisationHasAndSaysWhoCanSeeThem() throws IOException {
        Path dataDir = directory.resolve("data");
        RecordJson json = new RecordJson();
        Path file = Files.write(directory.resolve("restricted.jsonl"), List.of(
                json.write(aDataset("CMIP6.restricted").withAccessGroup("embargo-2027").build()),
                json.write(aDataset("CMIP6.open").build())));

        CommandLineRun ingest = CommandLineRun.of("ingest", "--data-dir", dataDir.toString(), file.toString());

        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.errorLines()).last().asString().isEqualTo("warning: records restricted to access group"
                + " embargo-2027, which no organisation on this node has: only node administrators see them until"
                + " an organisation of that id exists (/admin/organisations)");
    }

    @Test
    void anIngestOrReindexBesideAnotherCommandWaitsForNothingAndSaysSo() throws IOException {
        Path dataDir = directory.resolve("data");
        Path file = records(3);
        CommandLineRun.of("ingest", "--data-dir", dataDir.toString(), "--progress", "NONE", file.toString());
        // Another command holds the directory: it records no address, as a node does.
        try (DataDirectoryLock otherCommand = DataDirectoryLock.acquire(dataDir)) {
            CommandLineRun reindex = CommandLineRun.of("reindex", "--data-dir", dataDir.toString());
            CommandLineRun ingest = CommandLineRun.of("ingest", "--data-dir", dataDir.toString(), file.toString());

            assertThat(List.of(reindex, ingest)).allSatisfy(run -> {
                assertThat(run.exitCode()).isEqualTo(1);
                assertThat(run.errorLines()).last().asString().endsWith("is in use by another Meridian command"
                        + " (an ingest or a reindex) or a node still starting; wait for it and run this again");
            });
        }
    }

    @Test
    void anAddressAKilledNodeLeftIsClearedByTheNextHolderSoACommandIsNotTakenForANode() throws IOException {
        Path dataDir = directory.resolve("data");
        Path file = records(3);
        CommandLineRun.of("ingest", "--data-dir", dataDir.toString(), "--progress", "NONE", file.toString());
        // What a node killed with SIGKILL leaves: its address, and no lock.
        Files.writeString(dataDir.resolve("node.lock"), "http://localhost:1");

        try (DataDirectoryLock command = DataDirectoryLock.acquire(dataDir)) {
            assertThat(DataDirectoryLock.holderAddress(dataDir)).isEmpty();
            CommandLineRun reindex = CommandLineRun.of("reindex", "--data-dir", dataDir.toString());

            assertThat(reindex.errorLines()).last().asString().endsWith("is in use by another Meridian command"
                    + " (an ingest or a reindex) or a node still starting; wait for it and run this again");
        }
    }

    /** The data directory's audit events, newest first. */
    private static List<AuditEntry> auditEvents(Path dataDir) {
        try (HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 1)) {
            return new AuditLog(dataSource, Clock.systemUTC()).find(AuditQuery.newest(20)).stream()
                    .map(AuditEvent::entry).toList();
        }
    }

    @Test
    void aBadLineFailsWithItsLineNumberInOneLine() throws IOException {
        Path file = records(3);
        Files.writeString(file, Files.readString(file) + "{\"id\": \"broken\"\n");

        CommandLineRun run = CommandLineRun.of("ingest", "--data-dir", directory.resolve("data").toString(),
                "--progress", "NONE", "--batch-size", "2", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString()
                .isEqualTo("meridian: ingest stopped at " + file + ":4: not valid JSON: unexpected end of input"
                        + " (2 records before it are committed; fix the line and run the same command again)");
        assertThat(auditEvents(directory.resolve("data"))).hasSize(2).last()
                .extracting(AuditEntry::action).isEqualTo("catalog.ingest.start");
        assertThat(auditEvents(directory.resolve("data"))).first().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(entry.target()).isEqualTo("production");
            assertThat(entry.details()).containsEntry("committed_records", "2")
                    .containsEntry("reason", file + ":4: not valid JSON: unexpected end of input");
        });
    }

    @Test
    void anOutputFileInADirectoryThatDoesNotExistIsSaidInWords() {
        Path nowhere = directory.resolve("no-such-dir");

        CommandLineRun generate = CommandLineRun.of("generate", "--datasets", "2", "--out", nowhere.resolve("x.jsonl").toString());
        CommandLineRun export = CommandLineRun.of("audit", "export", "--data-dir", directory.resolve("data").toString(),
                "--out", nowhere.resolve("audit.jsonl").toString());

        assertThat(generate.exitCode()).isEqualTo(1);
        assertThat(generate.errorLines()).singleElement().asString().startsWith("meridian: no such directory: " + nowhere);
        assertThat(export.exitCode()).isNotZero();
        assertThat(export.errorLines()).singleElement().asString().contains("no such directory: " + nowhere);
        assertThat(CommandLineRun.of("audit", "export", "--out", directory.toString()).errorLines())
                .containsExactly("meridian: --out: " + directory + " is a directory; name a file in it");
        // A failed export leaves nothing behind, not even the file it was writing aside.
        Path out = directory.resolve("audit.jsonl");
        assertThat(CommandLineRun.of("audit", "export", "--data-dir", directory.resolve("nothing-here").toString(),
                "--out", out.toString()).errorLines()).singleElement().asString().contains("no Meridian catalog in");
        assertThat(directory.resolve("audit.jsonl.partial")).doesNotExist();
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingFileIsNamedWithoutALineNumberAndNoCatalogIsBegun() {
        Path missing = directory.resolve("nope.jsonl");

        CommandLineRun run = CommandLineRun.of("ingest", "--data-dir", directory.resolve("data").toString(),
                "--progress", "NONE", missing.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).containsExactly("meridian: ingest stopped at " + missing
                + ": no such file (nothing is loaded; fix the path or the file and run the same command again)");
        assertThat(directory.resolve("data")).doesNotExist();
    }

    @Test
    void aMissingConfigFileIsNamed() {
        CommandLineRun run = CommandLineRun.of("config", "show", "--config", directory.resolve("nope.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString().contains("--config: no such file");
    }

    @Test
    void configShowPrintsEachValueWithItsOrigin() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), """
                meridian:
                  node:
                    hostname: index.example.org
                """);

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("meridian\\.node\\.hostname = index\\.example\\.org +# .*meridian\\.yaml.*")
                .containsPattern("meridian\\.indexer\\.batch-size = 5000 +# built-in default")
                .containsPattern("server\\.port = 8080 +# built-in default");
    }

    @Test
    void configShowListsTheOtherSpringBootSettingsTheOperatorChoseAndNotMeridiansDefaults() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), """
                logging:
                  level:
                    org.meridian.server: DEBUG
                management:
                  endpoints:
                    web:
                      exposure:
                        include: [health, prometheus]
                server:
                  compression:
                    enabled: false
                  ssl:
                    key-store-password: not-for-the-screen
                """);

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("logging.level.org.meridian.server = DEBUG    # " + config + ":3:26")
                .contains("management.endpoints.web.exposure.include = health,prometheus    # " + config + ":8:19")
                .contains("server.compression.enabled = false    # " + config + ":11:14")
                .contains("server.ssl.key-store-password = ******    # " + config + ":13:25")
                .doesNotContain("not-for-the-screen")
                // Meridian's own defaults for Spring are not the operator's choice, nor is where the files are.
                .doesNotContain("server.tomcat.relaxed-query-chars").doesNotContain("spring.config.location");
    }

    @Test
    void configShowNamesASettingAsWrittenOnceAndKeepsItsValueWhole() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.properties"), """
                server.tomcat.maxParameterCount=3000
                logging.level.org.hibernate.SQL=DEBUG
                logging.pattern.console=%d %-5level %logger{36}, %msg%n
                management.otlp.metrics.export.headers.Authorization=Bearer not-for-the-screen
                """);

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("server.tomcat.maxParameterCount = 3000    # " + config + ":1:33")
                .contains("logging.level.org.hibernate.SQL = DEBUG    # ")
                .contains("logging.pattern.console = %d %-5level %logger{36}, %msg%n    # ")
                .contains("management.otlp.metrics.export.headers.Authorization = ******    # ")
                .doesNotContain("not-for-the-screen")
                // The built-in max-parameter-count is the same setting: listed once, under the operator's name.
                .doesNotContainPattern("(?m)^server\\.tomcat\\.max-parameter-count");
    }

    @Test
    void anInvalidSettingNamesTheParameterAndItsOrigin() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), """
                meridian:
                  indexer:
                    batch-size: -5
                """);

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("meridian.indexer.batch-size").contains("-5").contains("meridian.yaml");
        assertThat(run.out()).as("Spring's own report of the failure").isEmpty();
    }

    @Test
    void aConfigFileThatIsNotValidYamlIsNamedWithTheLine() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), """
                meridian:
                  search:
                    facets: [project, source_id
                """);

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("meridian: " + config + ": not valid YAML: while parsing a flow sequence (line 3, column 13)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aConfigFileThatIsNotUtf8IsNamed() throws IOException {
        Path config = Files.write(directory.resolve("meridian.properties"),
                new byte[] {'m', 'e', 'r', 'i', 'd', 'i', 'a', 'n', '.', 'x', '=', (byte) 0xE9, '\n'});

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).containsExactly("meridian: " + config + ": cannot be read: it is not UTF-8 text");
    }

    @Test
    void aPropertiesFileTheJdkCannotReadIsNamed() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.properties"), "meridian.node.hostname=\\uZZZZ\n");

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("meridian: " + config + ": not a valid properties file: ");
    }

    @Test
    void aMisspeltSectionIsRefusedNotIgnored() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), """
                meridain:
                  data-dir: /srv/meridian
                """);

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString().isEqualTo("meridian: " + config
                + ": 'meridain' is not a section Meridian reads (it reads debug, info, logging, management, meridian, server, spring, trace)");
    }

    @Test
    void anEnvironmentWithoutItsFileIsRefused() throws IOException {
        Path config = Files.writeString(directory.resolve("node.yaml"), "meridian:\n  data-dir: /srv/meridian\n");

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString(), "--environment", "prod");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString()
                .isEqualTo("meridian: --environment prod: no " + directory.resolve("node-prod.yaml"));
    }

    @Test
    void aServerSettingOfTheWrongTypeIsNamed() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), "server:\n  port: abc\n");

        CommandLineRun run = CommandLineRun.of("serve", "--config", config.toString(),
                "--data-dir", directory.resolve("data").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("meridian: invalid configuration: server.port = 'abc' from " + config + ":2:9: ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void configShowRefusesAServerSettingTheNodeWouldRefuse() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), "management:\n  server:\n    port: 90x\n");

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("meridian: invalid configuration: management.server.port = '90x' from " + config + ":3:11: ");
    }

    @Test
    void aSettingOfTheWrongTypeSaysWhatItTakesInWords() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"),
                "meridian:\n  indexer:\n    batch-size: lots\n");
        Path durations = Files.writeString(directory.resolve("durations.yaml"),
                "meridian:\n  indexer:\n    refresh-interval: soon\n");

        Path huge = Files.writeString(directory.resolve("huge.yaml"), "meridian:\n  indexer:\n    batch-size: 99999999999\n");

        CommandLineRun number = CommandLineRun.of("config", "show", "--config", config.toString());
        CommandLineRun tooLarge = CommandLineRun.of("config", "show", "--config", huge.toString());
        CommandLineRun duration = CommandLineRun.of("config", "show", "--config", durations.toString());

        assertThat(number.errorLines()).containsExactly("meridian: invalid configuration: meridian.indexer.batch-size = 'lots'"
                + " from " + config + ":3:17: expected a whole number");
        assertThat(tooLarge.errorLines()).singleElement().asString()
                .endsWith("batch-size = '99999999999' from " + huge + ":3:17: out of range: at most 2,147,483,647"
                        + " (and at least -2,147,483,648)");
        assertThat(duration.errorLines()).singleElement().asString()
                .endsWith("refresh-interval = 'soon' from " + durations + ":3:23: expected a duration such as 500ms, 30s, 5m, 12h or 7d");
    }

    @Test
    void aDatabasePoolTooSmallForAnUpgradeIsRefusedBeforeItWaits() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), "meridian:\n  database:\n    pool-size: 1\n");

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.errorLines()).singleElement().asString().isEqualTo("meridian: invalid configuration:"
                + " meridian.database.pool-size must be at least 2: a schema upgrade at start holds two connections"
                + " (got '1' from " + config + ":3:16)");
    }

    @Test
    void aNodeThatCannotStartSaysWhyInOneLineAndNothingElse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            CommandLineRun run = CommandLineRun.of("serve", "--data-dir", directory.resolve("data").toString(),
                    "--port", Integer.toString(taken.getLocalPort()));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.errorLines()).singleElement().asString().isEqualTo("meridian: port " + taken.getLocalPort()
                    + " is already in use; choose another with --port");
            assertThat(run.out()).as("Spring's own report of the failure").isEmpty();
        }
    }

    private static final String SINGLE_SIGN_ON = """
            meridian:
              identity:
                sso:
                  trusted-issuers: [https://login.uni.example/realms/research]
                  providers:
                    - id: uni
                      name: University login
                      issuer-uri: %s
                      client-id: meridian
                      %s
                      group-mappings:
                        - group: climate-publishers
                          organisation: ipsl
                          role: publisher
            """;

    @Test
    void configShowListsEachIdentityProvidersSettings() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), SINGLE_SIGN_ON.formatted(
                "https://login.uni.example/realms/research", "client-secret-env: MERIDIAN_SSO_UNI_SECRET"));

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("meridian\\.identity\\.sso\\.providers\\[0]\\.client-secret-env = MERIDIAN_SSO_UNI_SECRET +# .*meridian\\.yaml.*")
                .containsPattern("meridian\\.identity\\.sso\\.providers\\[0]\\.group-mappings\\[0]\\.role = publisher")
                .containsPattern("meridian\\.identity\\.min-password-length = 12 ")
                .containsPattern("meridian\\.identity\\.sso\\.providers\\[0]\\.group-claim = groups +# built-in default");
    }

    @Test
    void aClientSecretWrittenInTheConfigFileIsRefused() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), SINGLE_SIGN_ON.formatted(
                "https://login.uni.example/realms/research",
                "client-secret-env: MERIDIAN_SSO_UNI_SECRET\n          client-secret: hunter2-but-longer"));

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("meridian.identity.sso.providers[0].client-secret is not a setting")
                .contains("meridian.yaml").contains("name that variable with client-secret-env")
                .doesNotContain("hunter2");
    }

    @Test
    void aDatabasePasswordVariableThatIsNotSetStopsTheCommandNamingIt() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), """
                meridian:
                  database:
                    url: jdbc:postgresql://localhost:1/meridian
                    user: meridian
                    password-env: MERIDIAN_TEST_PASSWORD_THAT_IS_NEVER_SET
                """);

        CommandLineRun run = CommandLineRun.of("admin", "setup-link", "--config", config.toString(),
                "--username", "nobody");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString().contains("meridian.database.password-env")
                .contains("MERIDIAN_TEST_PASSWORD_THAT_IS_NEVER_SET is not set");
    }

    @Test
    void aDatabaseThatCannotBeReachedIsNamedWithItsSetting() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), """
                meridian:
                  database:
                    url: jdbc:postgresql://localhost:1/meridian
                """);

        CommandLineRun run = CommandLineRun.of("admin", "setup-link", "--config", config.toString(),
                "--data-dir", directory.resolve("data").toString(), "--username", "nobody");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString().startsWith("meridian: invalid configuration:"
                + " meridian.database.url: cannot connect to jdbc:postgresql://localhost:1/meridian: ");
    }

    @Test
    void aClientSecretInsteadOfItsVariableIsRefused() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), SINGLE_SIGN_ON.formatted(
                "https://login.uni.example/realms/research", "client-secret: hunter2-but-longer"));

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("meridian.identity.sso.providers[0].client-secret-env must name the environment variable")
                .contains("never read from configuration files")
                .doesNotContain("hunter2");
    }

    @Test
    void aProviderWhoseIssuerIsNotTrustedIsRefused() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), SINGLE_SIGN_ON.formatted(
                "https://login.elsewhere.example", "client-secret-env: MERIDIAN_SSO_UNI_SECRET"));

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("meridian.identity.sso.providers[0].issuer-uri")
                .contains("'https://login.elsewhere.example' is not one of meridian.identity.sso.trusted-issuers");
    }

    @Test
    void aBadGroupMappingNamesItsParameter() throws IOException {
        Path config = Files.writeString(directory.resolve("meridian.yaml"), SINGLE_SIGN_ON.formatted(
                "https://login.uni.example/realms/research", "client-secret-env: MERIDIAN_SSO_UNI_SECRET")
                .replace("role: publisher", "role: emperor"));

        CommandLineRun run = CommandLineRun.of("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("meridian.identity.sso.providers[0].group-mappings[0].role").contains("emperor");
    }

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/scenarios");

    @Test
    void scenarioRunPrintsTheDocumentedJson() {
        CommandLineRun run = CommandLineRun.of("scenario", "run", EXAMPLES.resolve("simple-electrolysis.yaml").toString(),
                "--samples", "2000", "--seed", "7", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("{\"samples\":2000,\"elapsed_ms\":")
                .contains("\"results\":[{\"technology\":\"Simple electrolysis\",\"scenario\":\"Base Electrolysis\",\"variable\":\"Cost\",\"index\":\"Cost\",\"mean\":")
                .contains("\"p10\":").contains("\"p50\":").contains("\"p90\":");
        assertThat(CommandLineRun.of("scenario", "run", EXAMPLES.resolve("simple-electrolysis.yaml").toString(),
                "--samples", "2000", "--seed", "7", "--format", "JSON").out().replaceAll("\"elapsed_ms\":\\d+", ""))
                .as("same seed, same results").isEqualTo(run.out().replaceAll("\"elapsed_ms\":\\d+", ""));
    }

    @Test
    void scenarioRunTableKeepsItsColumnsWhateverTheNamesLength() {
        CommandLineRun run = CommandLineRun.of("scenario", "run", EXAMPLES.resolve("simple-electrolysis.yaml").toString(),
                "--samples", "500", "--seed", "7");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> rows = run.out().lines().filter(line -> !line.contains("samples per scenario")).toList();
        assertThat(rows).hasSizeGreaterThan(2).anyMatch(row -> row.startsWith("Moderate Progress on Electrolysis "));
        // Every row, the heading included, puts its last column's right edge in the same place.
        assertThat(rows.stream().map(String::length).distinct()).hasSize(1);
    }

    @Test
    void scenarioValidateNamesTheUnknownVariableWithItsPlace() throws IOException {
        String model = Files.readString(EXAMPLES.resolve("simple-electrolysis.yaml"));
        int at = model.indexOf("moles");
        Path broken = Files.writeString(directory.resolve("broken.yaml"), model.substring(0, at) + "molez" + model.substring(at + 5));

        CommandLineRun run = CommandLineRun.of("scenario", "validate", broken.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("molez").containsPattern("line \\d+");
        assertThat(CommandLineRun.of("scenario", "validate", EXAMPLES.resolve("tutorial-basic.yaml").toString()).exitCode()).isZero();
    }

    @Test
    void scenarioOptimizeReportsAFeasibleSplitWithinTheBudget() {
        CommandLineRun run = CommandLineRun.of("scenario", "optimize", EXAMPLES.resolve("pv-residential-simple.yaml").toString(),
                "--metric", "LCOE", "--statistic", "mean", "--budget-max", "3e6", "--samples", "2000");

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("mean of LCOE").contains("feasible").contains("total");
    }
}
