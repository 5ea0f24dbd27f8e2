package org.meridian.server.esgf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.meridian.server.testing.SampleCatalog;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SolrJsonWriterTest {
    private final JsonNode body = JsonMapper.builder().build()
            .readTree(new SolrJsonWriter().write(SolrResponses.datasetAndFile()));

    @Test
    void hasExactlySolrsTopLevelKeys() {
        assertThat(body.propertyNames()).containsExactly("responseHeader", "response", "facet_counts");
    }

    @Test
    void headerCarriesStatusTimeFederationAndParameters() {
        JsonNode header = body.path("responseHeader");

        assertThat(header.path("status").asInt()).isZero();
        assertThat(header.path("QTime").asLong()).isEqualTo(7);
        assertThat(header.path("federation").asString()).isEqualTo("local-only");
        assertThat(header.path("params").path("q").asString()).isEqualTo("*:*");
        assertThat(header.path("params").path("shards").asString())
                .isEqualTo("a.example.org:443/solr/datasets,b.example.org/solr/datasets");
        assertThat(header.path("params").path("facet.field").isArray()).isTrue();
        assertThat(header.path("params").path("fq").isString()).as("one filter, so a string, as Solr writes it").isTrue();
        assertThat(header.path("params").path("fq").asString()).isEqualTo("project:\"CMIP6\"");
        assertThat(header.path("params").path("rows").isString()).isTrue();
    }

    @Test
    void resultCarriesTotalStartMaxScoreAndDocuments() {
        JsonNode response = body.path("response");

        assertThat(response.path("numFound").asLong()).isEqualTo(42);
        assertThat(response.path("start").asInt()).isZero();
        assertThat(response.path("maxScore").floatValue()).isEqualTo(2.5f);
        assertThat(response.path("docs").size()).isEqualTo(2);
    }

    @Test
    void documentFieldsHaveTheirSolrTypes() {
        JsonNode dataset = body.path("response").path("docs").get(0);
        JsonNode file = body.path("response").path("docs").get(1);

        assertThat(dataset.path("id").asString()).isEqualTo(SampleCatalog.CESM2_TAS.id().value());
        assertThat(dataset.path("latest").isBoolean()).isTrue();
        assertThat(dataset.path("number_of_files").isInt()).isTrue();
        assertThat(dataset.path("project").isArray()).isTrue();
        assertThat(dataset.path("score").floatValue()).isEqualTo(2.5f);
        assertThat(dataset.path("_timestamp").asString()).as("milliseconds, as Solr writes dates")
                .isEqualTo("2024-05-06T07:08:09.123Z");
        assertThat(file.path("title").isString()).isTrue();
        assertThat(file.path("size").isIntegralNumber()).isTrue();
        assertThat(file.path("size").asLong()).isEqualTo(1_234_567_890L);
        assertThat(file.path("checksum").isArray()).isTrue();
        assertThat(file.path("checksum_type").get(0).asString()).isEqualTo("SHA256");
        assertThat(file.has("number_of_files")).isFalse();
    }

    @Test
    void facetFieldsAreFlatValueCountPairsAndEmptyFacetsAppear() {
        JsonNode facets = body.path("facet_counts");

        assertThat(facets.propertyNames()).containsExactly(
                "facet_queries", "facet_fields", "facet_ranges", "facet_intervals", "facet_heatmaps");
        JsonNode sourceId = facets.path("facet_fields").path("source_id");
        assertThat(sourceId.valueStream().map(JsonNode::asString).toList())
                .isEqualTo(List.of("CESM2", "30", "UKESM1-0-LL", "12"));
        assertThat(sourceId.get(1).isIntegralNumber()).isTrue();
        assertThat(facets.path("facet_fields").path("sub_experiment_id").isArray()).isTrue();
        assertThat(facets.path("facet_fields").path("sub_experiment_id").size()).isZero();
    }
}
