package org.meridian.server.esgf;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meridian.catalog.search.FacetCount;
import org.meridian.catalog.search.Hit;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchRequest;
import org.meridian.catalog.search.SearchResult;
import org.meridian.server.testing.SampleCatalog;

/** A fixed response for the writer tests: one dataset and one file, two facets (one empty), shards. */
final class SolrResponses {
    static final Instant CATALOGED = Instant.parse("2024-05-06T07:08:09.123456Z");

    private SolrResponses() {
    }

    static SolrResponse datasetAndFile() {
        SearchRequest request = new SearchRequest(Query.builder().facet("source_id").facet("sub_experiment_id")
                .where("project", "CMIP6").build(), List.of());
        SearchResult result = new SearchResult(42, 0,
                List.of(new Hit(SampleCatalog.CESM2_TAS, CATALOGED, 2.5f),
                        new Hit(SampleCatalog.CESM2_TAS_FIRST_FILE, CATALOGED, 1.25f)),
                2.5f,
                Map.of("source_id", List.of(new FacetCount("CESM2", 30), new FacetCount("UKESM1-0-LL", 12))));
        return SolrResponse.of(request, result,
                SolrParameterEcho.of(request, ResponseFormat.SOLR_JSON, List.of("a.example.org:443/solr/datasets",
                        "b.example.org/solr/datasets")),
                Optional.of(SolrResponse.LOCAL_ONLY), 7);
    }
}
