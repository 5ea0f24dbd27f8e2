package org.meridian.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.server.catalog.CatalogStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A booted node on a temporary data directory: health, metrics, and the write → search path. */
// The node runs on a temporary data directory that JUnit deletes after the class; the cached
// context must close first or its indexer outlives its files.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NodeOperationsTest {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("meridian.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    CatalogStore store;

    @Autowired
    SearchIndex index;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void aWriteFromAnotherWriterBecomesSearchableAndMetricsShowIt() throws Exception {
        CatalogRecord dataset = aDataset("CMIP6.ops.node").build();
        // Written to the store only, as `meridian ingest` beside a running node does.
        store.upsert(Stage.PRODUCTION, List.of(dataset, aFile(dataset, "x.nc").build()));

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (index.appliedSequence() < store.headSequence() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        index.search(Query.all());
        HttpResponse<String> metrics = get("/actuator/prometheus");

        assertThat(index.appliedSequence()).isEqualTo(store.headSequence());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("meridian_records{type=\"Dataset\"} 1.0")
                .contains("meridian_records{type=\"File\"} 1.0")
                .contains("meridian_index_lag 0.0")
                .contains("meridian_search_seconds_bucket")
                .contains("meridian_ingest_records_total");
    }
}
