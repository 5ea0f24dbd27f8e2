package org.meridian.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.catalog.CatalogStorage;
import org.meridian.server.catalog.WriteResult;
import org.meridian.server.identity.Caller;
import org.meridian.server.identity.NewUser;
import org.meridian.server.identity.NodeRole;
import org.meridian.server.identity.OrgRole;
import org.meridian.server.identity.TokenScope;
import org.meridian.server.testing.BootedNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole node on PostgreSQL instead of the embedded H2 file: the same migrations, the change
 * log's row lock, ownership checks, the audit chain, ingest and a rebuild of the index from the
 * stored records. PostgreSQL runs on loopback from binaries Maven provides (no Docker here).
 */
class PostgresNodeTest extends BootedNode {
    private static EmbeddedPostgres postgres;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Closed after the node, which keeps using it until its context is closed.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // The JVM is exiting; the temporary cluster goes with it.
            }
        }));
        registry.add("meridian.database.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("meridian.database.user", () -> "postgres");
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    AuditLog audit;

    @Autowired
    CatalogStorage storage;

    private final HttpClient http = HttpClient.newHttpClient();
    private final RecordJson json = new RecordJson();

    @Test
    void theNodeRunsOnPostgresWithEveryMigrationApplied() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForList("SELECT script FROM flyway_schema_history WHERE success ORDER BY installed_rank",
                String.class)).isNotEmpty().allSatisfy(script -> assertThat(script).startsWith("V"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success", Integer.class))
                .isZero();
    }

    @Test
    void aPublisherWritesOverHttpAndTheRecordIsSearchableAndAudited() throws Exception {
        var root = identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "t",
                new NewUser("root", Optional.empty(), Optional.empty(), Set.of(NodeRole.NODE_ADMIN)), Optional.empty());
        identity.createOrganisation(Caller.of(root), "t", "ipsl", "IPSL");
        identity.createUser(Caller.of(root), Actor.user("root"), "t",
                new NewUser("pierre", Optional.empty(), Optional.empty(), Set.of()), Optional.empty());
        identity.grantRole(Caller.of(root), "t", "pierre", "ipsl", OrgRole.PUBLISHER);
        String token = identity.createTokenAtCommandLine("pierre", "t", Set.of(TokenScope.READ, TokenScope.PUBLISH),
                Duration.ofDays(1)).secret();
        CatalogRecord dataset = aDataset("CMIP6.ScenarioMIP.IPSL.postgres").withAccessGroup("ipsl").build();
        CatalogRecord file = aFile(dataset, "tas.nc").withAccessGroup("ipsl").build();

        HttpResponse<String> written = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/records"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + json.write(dataset) + "," + json.write(file) + "]"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        awaitIndexed();
        assertThat(get("/api/v1/search?query=postgres", token).body()).contains(dataset.id().value());
        assertThat(get("/api/v1/search?query=postgres").body()).as("restricted to ipsl")
                .doesNotContain(dataset.id().value());
        assertThat(audit.verify().isIntact()).isTrue();
    }

    @Test
    void concurrentWritersGetGapFreeSequencesAndARebuiltIndexEqualsTheCatalog() throws Exception {
        long before = store.headSequence();
        List<Future<WriteResult>> writes = new ArrayList<>();
        try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
            for (int writer = 0; writer < 4; writer++) {
                int number = writer;
                writes.add(writers.submit(() -> store.upsert(Stage.PRODUCTION, IntStream.range(0, 50)
                        .mapToObj(i -> aDataset("CMIP6.CMIP.pg.w" + number + ".d" + i).build()).toList())));
            }
        }
        List<Long> sequences = new ArrayList<>();
        for (Future<WriteResult> write : writes) {
            write.get().changes().stream().map(CatalogChange::sequence).forEach(sequences::add);
        }

        assertThat(sequences).hasSize(200).doesNotHaveDuplicates();
        assertThat(sequences.stream().sorted().collect(Collectors.toList()))
                .isEqualTo(IntStream.rangeClosed(1, 200).mapToObj(i -> before + i).toList());
        storage.indexer().rebuild(progress -> {
        });
        assertThat(index.countByType(Stage.PRODUCTION)).isEqualTo(store.countByType(Stage.PRODUCTION));
        assertThat(index.countByType(Stage.PRODUCTION).get(RecordType.DATASET)).isGreaterThanOrEqualTo(200);
    }

    private void awaitIndexed() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (index.searchableSequence() < store.headSequence() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
