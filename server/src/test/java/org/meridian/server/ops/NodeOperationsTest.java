package org.meridian.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.search.Query;
import org.meridian.server.identity.NodeRole;
import org.meridian.server.testing.BootedNode;

/** A booted node on a temporary data directory: health, metrics, and the write → search path. */
class NodeOperationsTest extends BootedNode {

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void theNodeRecordsWhereItAnswersForTheCommandsBesideIt() {
        assertThat(DataDirectoryLock.holderAddress(dataDir)).contains("http://localhost:" + port);
    }

    @Test
    void aWriteFromAnotherWriterBecomesSearchableAndMetricsShowIt() throws Exception {
        CatalogRecord dataset = aDataset("CMIP6.ops.node").build();
        // Written to the store only, as `meridian ingest` beside a running node does.
        writeAndAwaitIndexed(List.of(dataset, aFile(dataset, "x.nc").build()));
        index.search(Query.all());
        HttpResponse<String> anonymous = get("/actuator/prometheus");
        HttpResponse<String> metrics = get("/actuator/prometheus", tokenFor("scraper", NodeRole.NODE_ADMIN));

        assertThat(anonymous.statusCode()).isEqualTo(401);

        assertThat(index.searchableSequence()).isEqualTo(store.headSequence());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                // Other tests on this node write records too.
                .contains("meridian_records{type=\"Dataset\"} " + (double) searchTotal(RecordType.DATASET))
                .contains("meridian_records{type=\"File\"} " + (double) searchTotal(RecordType.FILE))
                .contains("meridian_index_lag 0.0")
                .contains("meridian_search_seconds_bucket")
                .contains("meridian_ingest_records_total");
    }

    @Test
    void theIngestCounterCountsRecordsFromEveryWriterOnceAndUnchangedOnesNot() throws Exception {
        CatalogRecord dataset = aDataset("CMIP6.ops.counted").build();
        List<CatalogRecord> records = List.of(dataset, aFile(dataset, "a.nc").build(), aFile(dataset, "b.nc").build());
        String scraper = tokenFor("counter-scraper", NodeRole.NODE_ADMIN);
        double before = ingestedRecords(scraper);

        // Written to the store only, as `meridian ingest` beside a running node and the publishing API do.
        writeAndAwaitIndexed(records);
        double afterWrite = ingestedRecords(scraper);
        writeAndAwaitIndexed(records);

        assertThat(afterWrite - before).isEqualTo(3.0);
        assertThat(ingestedRecords(scraper)).as("the same records again change nothing").isEqualTo(afterWrite);
    }

    private long searchTotal(RecordType type) {
        return index.search(Query.builder().type(type).limit(0).build()).total();
    }

    private double ingestedRecords(String token) throws Exception {
        String metrics = get("/actuator/prometheus", token).body();
        return metrics.lines().filter(line -> line.startsWith("meridian_ingest_records_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst().orElseThrow();
    }
}
