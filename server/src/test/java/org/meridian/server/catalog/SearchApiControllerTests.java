package org.meridian.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.server.testing.QueryStrings.uri;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

@WebMvcTest(controllers = SearchApiController.class)
@Import(SampleCatalogConfiguration.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class SearchApiControllerTests {
    private static final String BASE = "http://localhost/api/v1/search";

    private final MockMvcTester mvc;
    private final JsonMapper json = JsonMapper.builder().build();

    SearchApiControllerTests(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    @Test
    void answersAPageWithTotalResultsFacetsAndLinks() {
        JsonNode page = search("project=CMIP6", "facets=source_id", "limit=2");

        assertThat(page.propertyNames()).containsExactly("total", "offset", "limit", "results", "facets", "links");
        assertThat(page.path("total").asLong()).isEqualTo(7);
        assertThat(page.path("offset").asInt()).isZero();
        assertThat(page.path("limit").asInt()).isEqualTo(2);
        assertThat(page.path("results").size()).isEqualTo(2);
        assertThat(page.path("facets").path("source_id").valueStream()
                .map(value -> value.path("value").asString() + "=" + value.path("count").asLong()))
                .containsExactly("CESM2=3", "IPSL-CM6A-LR=1", "UKESM1-0-LL=3");
        JsonNode links = page.path("links");
        assertThat(links.path("self").asString()).isEqualTo(BASE + "?project=CMIP6&facets=source_id&limit=2");
        assertThat(links.path("first").asString()).isEqualTo(BASE + "?project=CMIP6&facets=source_id&limit=2&offset=0");
        assertThat(links.path("prev").isNull()).isTrue();
        assertThat(links.path("next").asString()).isEqualTo(BASE + "?project=CMIP6&facets=source_id&limit=2&offset=2");
    }

    @Test
    void pageLinksKeepEveryParameterAsTheClientEncodedIt() {
        JsonNode links = search("source_id!=CESM2", "offset=2", "limit=2").path("links");

        assertThat(links.path("prev").asString()).isEqualTo(BASE + "?source_id%21=CESM2&limit=2&offset=0");
        assertThat(links.path("next").asString()).isEqualTo(BASE + "?source_id%21=CESM2&limit=2&offset=4");
    }

    @Test
    void pageLinksReplaceAnOffsetWhoseNameWasPercentEncoded() {
        MvcTestResult result = mvc.get().uri(java.net.URI.create(BASE + "?limit=2&%6Fffset=2")).exchange();

        assertThat(result).hasStatusOk();
        JsonNode links = json.readTree(result.getResponse().getContentAsByteArray()).path("links");
        assertThat(links.path("next").asString()).isEqualTo(BASE + "?limit=2&offset=4");
    }

    @Test
    void thePreviousPageOfAnOffsetPastTheEndIsTheLastPageWithResults() {
        JsonNode links = search("limit=3", "offset=50").path("links");

        assertThat(links.path("prev").asString()).isEqualTo(BASE + "?limit=3&offset=6");
        assertThat(links.path("next").isNull()).isTrue();
    }

    @Test
    void followingNextVisitsEveryResultOnce() {
        List<String> ids = new java.util.ArrayList<>();
        JsonNode page = search("limit=3");
        for (int pages = 0; pages < 10; pages++) {
            page.path("results").forEach(result -> ids.add(result.path("id").asString()));
            if (page.path("links").path("next").isNull()) {
                break;
            }
            MvcTestResult next = mvc.get().uri(java.net.URI.create(page.path("links").path("next").asString())).exchange();
            assertThat(next).hasStatusOk();
            page = json.readTree(next.getResponse().getContentAsByteArray());
        }

        assertThat(ids).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void countsOnlyPageHasNoResultsAndNoPaging() {
        JsonNode page = search("limit=0", "facets=project");

        assertThat(page.path("total").asLong()).isEqualTo(8);
        assertThat(page.path("results").size()).isZero();
        assertThat(page.path("links").path("next").isNull()).isTrue();
        assertThat(page.path("facets").path("project").size()).isEqualTo(2);
    }

    @Test
    void resultsAreCanonicalRecordJsonWithTheScore() {
        JsonNode result = search("id=" + SampleCatalog.CESM2_TAS.id().value()).path("results").get(0);

        assertThat(result.path("score").isNumber()).isTrue();
        assertThat(new RecordJson().read(result)).isEqualTo(SampleCatalog.CESM2_TAS);
    }

    @Test
    void fieldsLimitEachResultKeepingIdAndScore() {
        JsonNode result = search("fields=title,size").path("results").get(0);

        assertThat(result.propertyNames()).containsExactlyInAnyOrder("id", "title", "size", "score");
    }

    @Test
    void searchesDatasetsUnlessTypeSaysOtherwise() {
        assertThat(search().path("results").valueStream().map(result -> result.path("type").asString()))
                .containsOnly("Dataset");
        assertThat(search("type=File").path("total").asLong()).isEqualTo(3);
    }

    @Test
    void constraintsFlagsAndNegationsMeanWhatTheyMeanForEsgf() {
        assertThat(search("latest=true").path("total").asLong()).isEqualTo(6);
        assertThat(search("source_id=CESM2,UKESM1-0-LL", "experiment_id!=ssp585").path("total").asLong()).isEqualTo(5);
        assertThat(search("model=CESM1(CAM5.1,FV2)").path("total").asLong()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "foo=bar|foo|Invalid HTTP query parameter=foo",
            "project=|project|Invalid empty value for parameter=project",
            "limit=10001|limit|Too many records requested, maximum allowed value is limit=10000",
            "lat=1|lat|Unsupported parameter: lat",
            "distrib=true|distrib|Invalid HTTP query parameter=distrib",
            "format=application/solr+json|format|Invalid HTTP query parameter=format",
            "shards=a/solr|shards|Invalid HTTP query parameter=shards",
            "offset=-5|offset|Parameter offset must be a whole number >= 0",
            "type=file|type|unknown record type 'file'",
            "query=(tas|query|Cannot parse '(tas': it ends too early"})
    void rejectsBadInputWithAProblemNamingTheParameter(String parameter, String name, String phrase) {
        MvcTestResult result = mvc.get().uri(uri("/api/v1/search", parameter)).exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo(name);
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("invalid-query");
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(phrase);
        assertThat(result).bodyJson().extractingPath("$.instance").isEqualTo("/api/v1/search");
    }

    @Test
    void aSuccessIsLabelledJsonWhateverElseTheClientAccepts() {
        assertThat(mvc.get().uri("/api/v1/search").header("Accept", "application/problem+json, application/json").exchange())
                .hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
        assertThat(mvc.get().uri("/api/v1/search").header("Accept", "application/problem+json").exchange())
                .hasStatus(406).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void unknownPathAndWrongMethodAreProblemsNotPages() {
        assertThat(mvc.get().uri("/api/v1/nothing").exchange())
                .hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri("/api/v1/search").with(csrf()).exchange())
                .hasStatus(405).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        // Nothing serves the method, so there is nothing a CSRF token would protect: still 405.
        assertThat(mvc.post().uri("/api/v1/search").exchange())
                .hasStatus(405).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private JsonNode search(String... parameters) {
        MvcTestResult result = mvc.get().uri(uri("/api/v1/search", parameters)).exchange();
        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        return json.readTree(result.getResponse().getContentAsByteArray());
    }
}
