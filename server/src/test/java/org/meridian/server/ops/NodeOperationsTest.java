package org.meridian.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.CatalogRecord;
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
                .contains("meridian_records{type=\"Dataset\"} 1.0")
                .contains("meridian_records{type=\"File\"} 1.0")
                .contains("meridian_index_lag 0.0")
                .contains("meridian_search_seconds_bucket")
                .contains("meridian_ingest_records_total");
    }
}
