package org.meridian.server.esgf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.server.testing.QueryStrings.uri;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.meridian.catalog.FacetProfile;
import org.meridian.server.testing.SampleCatalog;
import org.meridian.server.testing.SampleCatalogConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestConstructor;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ESGF search endpoint as esgf-pyclient uses it (spec §4, §5, §9), against the sample catalog.
 * Requests are built the way pyesgf builds them: format, distrib and limit first, then the context.
 */
@WebMvcTest(controllers = EsgfSearchController.class, properties = "meridian.node.hostname=index.meridian.test")
@Import(SampleCatalogConfiguration.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class EsgfSearchControllerTests {
    private static final String JSON = "format=application/solr+json";
    /** pyesgf's consts.SHARD_REXP, which it applies to every entry of params.shards. */
    private static final Pattern PYESGF_SHARD = Pattern.compile("^(?<prefix>https?://)?(?<host>.+?):?(?<port>\\d+)?/(?<suffix>.*)$");
    /** pyesgf's connection._send_query reads 400 bodies with this. */
    private static final Pattern PYESGF_ERROR = Pattern.compile("Invalid HTTP query parameter=(\\w+)");

    private final MockMvcTester mvc;
    private final JsonMapper json = JsonMapper.builder().build();

    EsgfSearchControllerTests(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    @Test
    void answersSolrXmlByDefault() throws Exception {
        MvcTestResult result = mvc.get().uri(uri("/esg-search/search")).exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.parseMediaType("text/xml"));
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(result.getResponse().getContentAsByteArray()));
        Element response = (Element) document.getElementsByTagName("result").item(0);
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("response");
        assertThat(response.getAttribute("numFound")).isEqualTo("8");
        assertThat(response.getElementsByTagName("doc").getLength()).isEqualTo(8);
    }

    @Test
    void jsonHasExactlySolrsTopLevelKeysAndEveryFacetSection() {
        MvcTestResult result = mvc.get().uri(uri("/esg-search/search", JSON)).exchange();

        assertThat(result).hasStatusOk().hasContentType("text/json;charset=UTF-8");
        JsonNode body = body(result);
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("responseHeader", "response", "facet_counts");
        assertThat(body.path("facet_counts").propertyNames()).containsExactly(
                "facet_queries", "facet_fields", "facet_ranges", "facet_intervals", "facet_heatmaps");
        assertThat(body.path("response").path("numFound").asLong()).isEqualTo(8);
        assertThat(body.path("response").path("start").asInt()).isZero();
        assertThat(body.path("response").path("maxScore").isNumber()).isTrue();
    }

    /** pyesgf's hit_count and facet_counts: limit=0 with facets=* (spec §9). */
    @Test
    void countsCallAnswersTotalsAndEveryProfileFacetWithoutDocuments() {
        JsonNode body = search(JSON, "limit=0", "distrib=true", "type=Dataset", "facets=*", "project=CMIP6");

        assertThat(body.path("response").path("numFound").asLong()).isEqualTo(7);
        assertThat(body.path("response").path("docs").size()).isZero();
        JsonNode facets = body.path("facet_counts").path("facet_fields");
        assertThat(facets.propertyNames()).containsExactlyElementsOf(FacetProfile.CMIP6.facets());
        assertThat(flat(facets.path("source_id"))).containsExactly("CESM2", "3", "IPSL-CM6A-LR", "1", "UKESM1-0-LL", "3");
        assertThat(flat(facets.path("data_node")))
                .containsExactly(SampleCatalog.DATA_NODE, "6", SampleCatalog.REPLICA_NODE, "1");
        assertThat(facets.path("sub_experiment_id").isArray()).isTrue();
        assertThat(facets.path("sub_experiment_id").size()).isZero();
        assertThat(facets.path("source_id").get(1).isIntegralNumber()).isTrue();
    }

    /** pyesgf pages with limit=batch&offset=k*batch; pages must not overlap or skip (spec §9). */
    @Test
    void pagesWithOffsetCoverEveryHitOnceInAStableOrder() {
        List<String> ids = new ArrayList<>();
        for (int offset = 0; offset < 9; offset += 3) {
            JsonNode page = search(JSON, "limit=3", "offset=" + offset, "distrib=false", "type=Dataset");
            assertThat(page.path("response").path("start").asInt()).isEqualTo(offset);
            ids.addAll(ids(page));
        }

        assertThat(ids).hasSize(8).doesNotHaveDuplicates().isSorted();
        assertThat(ids(search(JSON, "limit=3", "offset=3", "distrib=false"))).isEqualTo(ids.subList(3, 6));
    }

    @Test
    void latestAsPyesgfSendsItHidesSupersededAndRetractedVersions() {
        assertThat(ids(search(JSON, "latest=True", "limit=50")))
                .hasSize(6)
                .doesNotContain(SampleCatalog.UKESM_HISTORICAL_TAS_OLD.id().value(), SampleCatalog.IPSL_RETRACTED.id().value());
        assertThat(ids(search(JSON, "latest=False", "limit=50"))).containsExactlyInAnyOrder(
                SampleCatalog.UKESM_HISTORICAL_TAS_OLD.id().value(), SampleCatalog.IPSL_RETRACTED.id().value());
    }

    @Test
    void theFlagsAreCountedLikeAnyFacet() {
        JsonNode facets = search(JSON, "limit=0", "type=Dataset", "facets=latest,retracted").path("facet_counts")
                .path("facet_fields");

        assertThat(flat(facets.path("latest"))).containsExactly("false", "2", "true", "6");
        assertThat(flat(facets.path("retracted"))).containsExactly("false", "7", "true", "1");
    }

    @Test
    void repeatedFacetsParametersAreUnited() {
        JsonNode body = search(JSON, "limit=0", "facets=project", "facets=source_id");

        assertThat(body.path("facet_counts").path("facet_fields").propertyNames()).containsExactly("project", "source_id");
        assertThat(flat(body.path("responseHeader").path("params").path("facet.field"))).containsExactly("project", "source_id");
    }

    @Test
    void repeatedOrCommaSeparatedConstraintValuesMeanOr() {
        assertThat(total(search(JSON, "source_id=CESM2", "source_id=IPSL-CM6A-LR"))).isEqualTo(4);
        assertThat(total(search(JSON, "source_id=CESM2,IPSL-CM6A-LR"))).isEqualTo(4);
        assertThat(total(search(JSON, "source_id=CESM2", "experiment_id=ssp585"))).isZero();
    }

    /** pyesgf's not_equals(v) is sent as k!=v (spec §3). */
    @Test
    void negatedConstraintExcludesValues() {
        assertThat(total(search(JSON, "project=CMIP6", "source_id!=CESM2"))).isEqualTo(4);
    }

    @Test
    void commaInsideParenthesesStaysPartOfOneValue() {
        assertThat(ids(search(JSON, "model=CESM1(CAM5.1,FV2)"))).containsExactly(SampleCatalog.CMIP5_CESM1.id().value());
    }

    @Test
    void constraintOnAFacetNoRecordHasMatchesNothing() {
        assertThat(total(search(JSON, "driving_model=none"))).isZero();
    }

    @Test
    void restrictedRecordsAreNeitherListedNorCounted() {
        JsonNode body = search(JSON, "source_id=EC-Earth3", "facets=source_id");

        assertThat(total(body)).isZero();
        assertThat(body.path("facet_counts").path("facet_fields").path("source_id").size()).isZero();
    }

    /** pyesgf's file_context(): type=File with dataset_id=<dataset id> (spec §9). */
    @Test
    void fileContextListsTheDatasetsFilesShapedAsPyesgfReadsThem() {
        JsonNode body = search(JSON, "distrib=true", "type=File", "limit=50", "offset=0",
                "dataset_id=" + SampleCatalog.CESM2_TAS.id().value());

        List<JsonNode> docs = body.path("response").path("docs").valueStream().toList();
        assertThat(docs).extracting(doc -> doc.path("id").asString()).containsExactly(
                SampleCatalog.CESM2_TAS_FIRST_FILE.id().value(), SampleCatalog.CESM2_TAS_SECOND_FILE.id().value());
        JsonNode file = docs.get(0);
        assertThat(file.path("title").isString()).isTrue();
        assertThat(file.path("title").asString()).isEqualTo(SampleCatalog.FIRST_FILE_NAME);
        assertThat(file.path("dataset_id").asString()).isEqualTo(SampleCatalog.CESM2_TAS.id().value());
        assertThat(file.path("size").isIntegralNumber()).isTrue();
        assertThat(file.path("size").asLong()).isEqualTo(1_234_567_890L);
        assertThat(flat(file.path("checksum"))).containsExactly("1".repeat(64));
        assertThat(flat(file.path("checksum_type"))).containsExactly("SHA256");
        assertThat(file.path("tracking_id").isArray()).isTrue();
        assertThat(flat(file.path("url"))).hasSize(2).allSatisfy(url ->
                assertThat(url.split("\\|", -1)).hasSize(3));
        assertThat(flat(file.path("url"))).anySatisfy(url -> assertThat(url).endsWith("|application/netcdf|HTTPServer"));
        assertThat(body.path("responseHeader").path("params").path("shards").asString())
                .isEqualTo("index.meridian.test:80/solr/files");
    }

    /** The document shape of spec §4.1: scalars where Solr's schema is single-valued, arrays elsewhere. */
    @Test
    void datasetDocumentHasSolrSchemaTypes() {
        JsonNode doc = search(JSON, "id=" + SampleCatalog.CESM2_TAS.id().value()).path("response").path("docs").get(0);

        for (String text : List.of("id", "type", "title", "version", "master_id", "instance_id", "data_node", "index_node",
                "timestamp", "_timestamp", "datetime_start", "datetime_stop")) {
            assertThat(doc.path(text).isString()).as(text).isTrue();
        }
        for (String flag : List.of("latest", "replica", "retracted")) {
            assertThat(doc.path(flag).isBoolean()).as(flag).isTrue();
        }
        for (String multiValued : List.of("project", "source_id", "variable_id", "description", "url", "further_info_url")) {
            assertThat(doc.path(multiValued).isArray()).as(multiValued).isTrue();
        }
        assertThat(doc.path("number_of_files").isInt()).isTrue();
        assertThat(doc.path("size").isIntegralNumber()).isTrue();
        assertThat(doc.path("_version_").isIntegralNumber()).isTrue();
        assertThat(doc.path("_version_").asLong()).as("2019-03-08T12:00:00Z in microseconds").isEqualTo(1_552_046_400_000_000L);
        assertThat(doc.path("score").isNumber()).isTrue();
        assertThat(doc.path("version").asString()).isEqualTo("20190308");
        assertThat(doc.path("_timestamp").asString()).isEqualTo("2019-03-08T12:00:00Z");
        assertThat(doc.has("visibility") || doc.has("origin") || doc.has("access_group")).isFalse();
    }

    @Test
    void fieldsProjectionKeepsIdAndScore() {
        JsonNode body = search(JSON, "fields=title,size");

        assertThat(body.path("response").path("docs").get(0).propertyNames()).containsExactly("id", "title", "size", "score");
        assertThat(body.path("responseHeader").path("params").path("fl").asString()).isEqualTo("title,size,score");
    }

    /** pyesgf reads params.shards after every distributed search; file_context() fails without it. */
    @Test
    void distributedSearchEchoesThisNodeAsTheOnlyShardAndSaysFederationIsLocalOnly() {
        JsonNode header = search(JSON, "distrib=true", "limit=0").path("responseHeader");

        String shards = header.path("params").path("shards").asString();
        assertThat(shards).isEqualTo("index.meridian.test:80/solr/datasets");
        Matcher shard = PYESGF_SHARD.matcher(shards);
        assertThat(shard.matches()).isTrue();
        assertThat(shard.group("host")).isEqualTo("index.meridian.test");
        assertThat(shard.group("port")).isEqualTo("80");
        assertThat(header.path("federation").asString()).isEqualTo("local-only");
    }

    @Test
    void distributedIsTheDefault() {
        assertThat(search(JSON).path("responseHeader").path("params").has("shards")).isTrue();
    }

    @Test
    void localSearchHasNeitherShardsNorFederationMarker() {
        JsonNode header = search(JSON, "distrib=false").path("responseHeader");

        assertThat(header.path("params").has("shards")).isFalse();
        assertThat(header.has("federation")).isFalse();
    }

    /**
     * pyesgf sends shards back as host:port/solr (spec §2, §6); they are accepted, and the echo
     * names the shard that answered, this node, with the type's core.
     */
    @Test
    void requestedShardsAreAcceptedAndTheEchoNamesTheShardSearched() {
        JsonNode body = search(JSON, "distrib=true", "type=File", "shards=index.meridian.test:80/solr,esgf.example.org/solr");

        assertThat(body.path("responseHeader").path("params").path("shards").asString())
                .isEqualTo("index.meridian.test:80/solr/files");
        assertThat(total(body)).isEqualTo(3);
    }

    @Test
    void echoesTheEffectiveSolrParameters() {
        JsonNode params = search(JSON, "project=CMIP6", "latest=true", "facets=source_id", "limit=5", "offset=2", "query=tas")
                .path("responseHeader").path("params");

        assertThat(params.path("q").asString()).isEqualTo("tas");
        assertThat(flat(params.path("fq"))).containsExactly("type:Dataset", "project:\"CMIP6\"", "latest:true");
        assertThat(params.path("start").asString()).isEqualTo("2");
        assertThat(params.path("rows").asString()).isEqualTo("5");
        assertThat(params.path("facet.field").asString()).isEqualTo("source_id");
        assertThat(params.path("fl").asString()).isEqualTo("*,score");
        assertThat(params.path("wt").asString()).isEqualTo("json");
        assertThat(params.path("df").asString()).isEqualTo("text");
    }

    @Test
    void aParameterGivenOnceIsEchoedAsAStringAsSolrDoes() {
        JsonNode params = search(JSON, "facets=project").path("responseHeader").path("params");

        assertThat(params.path("fq").isString()).isTrue();
        assertThat(params.path("fq").asString()).isEqualTo("type:Dataset");
        assertThat(params.path("facet.field").asString()).isEqualTo("project");
    }

    @Test
    void freeTextSearchesEveryField() {
        assertThat(ids(search(JSON, "query=pr"))).containsExactly(SampleCatalog.CESM2_PR.id().value());
    }

    @Test
    void sortTrueListsMostRecentlyCatalogedFirst() {
        assertThat(ids(search(JSON, "sort=true", "limit=1"))).containsExactly(SampleCatalog.UKESM_SSP585_TAS.id().value());
    }

    @Test
    void coverageParametersSelectByOverlap() {
        assertThat(total(search(JSON, "start=2000-01-01T00:00:00Z", "project=CMIP6"))).isEqualTo(7);
        assertThat(total(search(JSON, "start=2020-01-01T00:00:00Z"))).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/esgf-1-5-bridge", "/esgf-1-5-bridge/search"})
    void bridgeAliasesAnswerLikeSearch(String path) {
        MvcTestResult result = mvc.get().uri(uri(path, JSON, "project=CMIP6")).exchange();

        assertThat(result).hasStatusOk();
        assertThat(total(body(result))).isEqualTo(7);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("foo=bar", "foo", "Invalid HTTP query parameter=foo"),
                Arguments.of("project=", "project", "Invalid empty value for parameter=project"),
                Arguments.of("limit=10001", "limit", "Too many records requested, maximum allowed value is limit=10000"),
                Arguments.of("lat=10", "lat", "Unsupported parameter: lat"),
                Arguments.of("lon=10", "lon", "Unsupported parameter: lon"),
                Arguments.of("location=x", "location", "Unsupported parameter: location"),
                Arguments.of("radius=5", "radius", "Unsupported parameter: radius"),
                Arguments.of("polygon=x", "polygon", "Unsupported parameter: polygon"),
                Arguments.of("distrib=maybe", "distrib", "Parameter distrib must be true or false (or t, f, 1, 0), got 'maybe'"),
                Arguments.of("distrib=", "distrib", "Invalid empty value for parameter=distrib"),
                Arguments.of("shards=not a shard", "shards", "Invalid shard 'not a shard'"),
                Arguments.of("shards=host:99999/solr", "shards", "Invalid shard 'host:99999/solr'"),
                Arguments.of("format=", "format", "Invalid empty value for parameter=format"),
                Arguments.of("type=dataset", "type", "unknown record type 'dataset'"),
                Arguments.of("offset=-1", "offset", "Parameter offset must be a whole number >= 0, got '-1'"),
                Arguments.of("limit=ten", "limit", "Parameter limit must be a whole number >= 0, got 'ten'"),
                Arguments.of("query=\"unbalanced", "query", "it ends inside a quote"),
                Arguments.of("bbox=[1,2,3]", "bbox", "Parameter bbox must be [west,south,east,north]"),
                Arguments.of("start=yesterday", "start", "'yesterday' is not a time"),
                Arguments.of("facets=nonsense", "facets", "Invalid facet name in parameter facets: nonsense"));
    }

    /** Spec §5: bad input is a 400 naming the parameter, never a 500, in both formats. */
    @ParameterizedTest
    @MethodSource("badRequests")
    void rejectsBadInputWithAProblemNamingTheParameter(String parameter, String name, String phrase) throws Exception {
        List<String[]> requests = parameter.startsWith("format=")
                ? List.<String[]>of(new String[] {parameter})
                : List.of(new String[] {JSON, parameter}, new String[] {"format=application/solr+xml", parameter});
        for (String[] request : requests) {
            MvcTestResult result = mvc.get().uri(uri("/esg-search/search", request)).exchange();

            assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            JsonNode problem = body(result);
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("type").asString()).isEqualTo("urn:meridian:problem:invalid-query");
            assertThat(problem.path("code").asString()).isEqualTo("invalid-query");
            assertThat(problem.path("detail").asString()).contains(phrase);
            assertThat(problem.path("parameter").asString()).isEqualTo(name);
            // esgf-pyclient shows only the names it finds written as the ESGF index node writes them.
            Matcher pyesgf = PYESGF_ERROR.matcher(result.getResponse().getContentAsString());
            assertThat(pyesgf.find()).as(problem.toString()).isTrue();
            assertThat(pyesgf.group(1)).isEqualTo(name);
        }
    }

    @Test
    void pyesgfFindsTheUnknownParameterInTheErrorBody() throws Exception {
        MvcTestResult result = mvc.get().uri(uri("/esg-search/search", JSON, "experiment_family=x", "colour=red")).exchange();

        Matcher matcher = PYESGF_ERROR.matcher(result.getResponse().getContentAsString());
        assertThat(matcher.find()).isTrue();
        assertThat(matcher.group(1)).isEqualTo("colour");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/csv", "application/solr+yaml"})
    void unknownFormatIsNotImplemented(String format) {
        MvcTestResult result = mvc.get().uri(uri("/esg-search/search", "format=" + format)).exchange();

        assertThat(result).hasStatus(501).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = body(result);
        assertThat(problem.path("detail").asString()).startsWith("Invalid requested format: " + format);
        assertThat(problem.path("code").asString()).isEqualTo("unsupported-format");
        assertThat(problem.path("parameter").asString()).isEqualTo("format");
    }

    /** A '+' typed unencoded into a URL arrives as a space. */
    @Test
    void acceptsTheJsonFormatWithItsPlusDecodedToASpace() {
        MvcTestResult result = mvc.get().uri(uri("/esg-search/search", "format=application/solr json")).exchange();

        assertThat(result).hasStatusOk().hasContentType("text/json;charset=UTF-8");
    }

    private JsonNode search(String... parameters) {
        MvcTestResult result = mvc.get().uri(uri("/esg-search/search", parameters)).exchange();
        assertThat(result).hasStatusOk();
        return body(result);
    }

    private JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    private static long total(JsonNode body) {
        return body.path("response").path("numFound").asLong();
    }

    private static List<String> ids(JsonNode body) {
        return body.path("response").path("docs").valueStream().map(doc -> doc.path("id").asString()).toList();
    }

    /** The elements of an array as text, numbers included: facet_fields' flat value,count pairs. */
    private static List<String> flat(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
