package org.meridian.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.server.testing.QueryStrings.encode;
import static org.meridian.server.testing.QueryStrings.uri;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordJson;
import org.meridian.server.testing.SampleCatalog;
import org.meridian.server.testing.SampleCatalogConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestConstructor;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(controllers = RecordApiController.class)
@Import(SampleCatalogConfiguration.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class RecordApiControllerTests {
    private final MockMvcTester mvc;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RecordJson recordJson = new RecordJson();

    RecordApiControllerTests(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    /** Ids hold '|' and dots; clients send them percent-encoded as one path segment. */
    @Test
    void readsRecordsByTheirEncodedId() {
        for (CatalogRecord record : new CatalogRecord[] {SampleCatalog.CESM2_TAS, SampleCatalog.CESM2_TAS_REPLICA,
                SampleCatalog.CESM2_TAS_FIRST_FILE, SampleCatalog.IPSL_RETRACTED}) {
            MvcTestResult result = mvc.get().uri(recordUri(record.id().value())).exchange();

            assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
            assertThat(recordJson.read(body(result))).isEqualTo(record);
        }
    }

    @Test
    void aRecordTakesNoQueryParameters() {
        String path = "/api/v1/records/" + encode(SampleCatalog.CESM2_TAS.id().value());
        MvcTestResult result = mvc.get().uri(URI.create(path + "?fields=id")).exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo("fields");
        assertThat(result).bodyJson().extractingPath("$.detail")
                .isEqualTo("Invalid HTTP query parameter=fields (a record is looked up by its id alone)");
    }

    @Test
    void unknownRestrictedOrMalformedIdsAreNotFound() {
        for (String id : new String[] {"CMIP6.no.such.dataset.v1|" + SampleCatalog.DATA_NODE,
                SampleCatalog.EMBARGOED.id().value(), "x".repeat(2000)}) {
            MvcTestResult result = mvc.get().uri(recordUri(id)).exchange();

            assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:meridian:problem:record-not-found");
            assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("record-not-found");
            assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Record not found");
            assertThat(result).bodyJson().extractingPath("$.id").isEqualTo(id);
            assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("This node has no record with id '" + id + "'");
        }
    }

    @Test
    void listsADatasetsFilesInIdOrder() {
        JsonNode page = files(SampleCatalog.CESM2_TAS.id().value());

        assertThat(page.path("total").asLong()).isEqualTo(2);
        assertThat(page.path("limit").asInt()).isEqualTo(100);
        assertThat(page.path("results").valueStream().map(file -> file.path("id").asString())).containsExactly(
                SampleCatalog.CESM2_TAS_FIRST_FILE.id().value(), SampleCatalog.CESM2_TAS_SECOND_FILE.id().value());
        assertThat(page.path("results").get(0).path("dataset_id").asString()).isEqualTo(SampleCatalog.CESM2_TAS.id().value());
        assertThat(page.path("facets").isEmpty()).isTrue();
        assertThat(page.path("links").path("next").isNull()).isTrue();
    }

    @Test
    void pagesThroughFilesWithOffsetAndLimit() {
        String id = SampleCatalog.CESM2_TAS.id().value();
        JsonNode first = files(id, "limit=1");
        JsonNode second = files(id, "limit=1", "offset=1");

        assertThat(first.path("results").get(0).path("id").asString()).isEqualTo(SampleCatalog.CESM2_TAS_FIRST_FILE.id().value());
        assertThat(first.path("links").path("next").asString())
                .isEqualTo("http://localhost/api/v1/datasets/" + encode(id) + "/files?limit=1&offset=1");
        assertThat(second.path("results").get(0).path("id").asString()).isEqualTo(SampleCatalog.CESM2_TAS_SECOND_FILE.id().value());
        assertThat(second.path("links").path("next").isNull()).isTrue();
    }

    @Test
    void filesOfAnythingButAVisibleDatasetAreNotFound() {
        for (String id : new String[] {"CMIP6.no.such.dataset.v1|" + SampleCatalog.DATA_NODE,
                SampleCatalog.CESM2_TAS_FIRST_FILE.id().value(), SampleCatalog.EMBARGOED.id().value()}) {
            MvcTestResult result = mvc.get().uri(URI.create("/api/v1/datasets/" + encode(id) + "/files")).exchange();

            assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("record-not-found");
            assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("This node has no dataset with id '" + id + "'");
        }
    }

    @Test
    void filesAcceptOnlyValidPagingParameters() {
        String path = "/api/v1/datasets/" + encode(SampleCatalog.CESM2_TAS.id().value()) + "/files";
        for (String[] bad : new String[][] {
                {"project=CMIP6", "project", "Invalid HTTP query parameter=project"},
                {"limit=many", "limit", "Parameter limit must be a whole number >= 0, got 'many'"},
                {"limit=10001", "limit", "Too many records requested, maximum allowed value is limit=10000"},
                {"offset=", "offset", "Invalid empty value for parameter=offset"}}) {
            MvcTestResult result = mvc.get().uri(URI.create(path + "?" + bad[0])).exchange();

            assertThat(result).as(bad[0]).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo(bad[1]);
            assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(bad[2]);
        }
    }

    private static URI recordUri(String id) {
        return URI.create("/api/v1/records/" + encode(id));
    }

    private JsonNode files(String datasetId, String... parameters) {
        MvcTestResult result = mvc.get().uri(uri("/api/v1/datasets/" + encode(datasetId) + "/files", parameters)).exchange();
        assertThat(result).hasStatusOk();
        return body(result);
    }

    private JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }
}
