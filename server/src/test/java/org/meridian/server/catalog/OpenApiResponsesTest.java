package org.meridian.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import com.networknt.schema.ExecutionConfig;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.GeoBox;
import org.meridian.catalog.RecordId;
import org.meridian.catalog.RecordJson;
import org.meridian.server.audit.Actor;
import org.meridian.server.identity.Caller;
import org.meridian.server.identity.CreatedToken;
import org.meridian.server.identity.NewUser;
import org.meridian.server.identity.NodeRole;
import org.meridian.server.identity.OrgRole;
import org.meridian.server.identity.TokenScope;
import org.meridian.server.identity.User;
import org.meridian.server.scenario.ScenarioRuns;
import org.meridian.server.testing.BootedNode;
import org.meridian.server.testing.BrowserSession;
import org.meridian.server.testing.QueryStrings;
import org.meridian.server.testing.SampleCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real responses of a booted node, checked against the node's own OpenAPI document, so the
 * document cannot drift from what the node serves unnoticed. Every documented operation is probed
 * with a request that succeeds, many also with ones that fail. A response's status and media type
 * must be documented for its operation, and its body must validate against the schema documented
 * for them (JSON Schema 2020-12 in OpenAPI 3.1's dialect, {@code $ref}s resolved in the document).
 *
 * <p>Two rules are stricter than the document read alone. An object schema that lists its
 * properties and says nothing of others is taken as closed: a property the node serves that the
 * document never mentions is drift, which a client generated from the document cannot read. And
 * formats (date-time, uri) are asserted, not only annotated.
 *
 * <p>{@link OpenApiDocumentTest} checks that the document names exactly the handlers; this test
 * checks what the handlers answer.
 */
class OpenApiResponsesTest extends BootedNode {
    private static final String DOCUMENT_PATH = "/api/v1/openapi.json";
    /** The validator's name for the document; nothing is fetched from it, the registry holds the text. */
    private static final String DOCUMENT_IRI = "https://meridian.invalid" + DOCUMENT_PATH;
    private static final String PASSWORD = "a passphrase for the response probes";
    /**
     * Statuses the document's description promises from any operation, as problem documents,
     * besides those each operation lists. 413 needs a body over 64 MB and is not probed here;
     * BadInputOverHttpTest sends one over HTTP.
     */
    private static final Set<Integer> ANY_OPERATION_PROBLEM_STATUSES = Set.of(401, 406, 413, 415);
    private static final JsonNode ANY_OPERATION_PROBLEM = JsonMapper.builder().build().readTree(
            "{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}}}");
    private static final ExecutionConfig FORMATS_ASSERTED = ExecutionConfig.builder().formatAssertionsEnabled(true)
            .build();

    private static final CatalogRecord POSTED_DATASET = aDataset("CMIP6.ScenarioMIP.IPSL.IPSL-CM6A-LR.openapi-post")
            .withGeoBox(new GeoBox(-180, -90, 180, 90))
            .withCoverage(Instant.parse("2015-01-16T12:00:00Z"), Instant.parse("2100-12-16T12:00:00Z"))
            .build();
    private static final CatalogRecord POSTED_FILE = aFile(POSTED_DATASET, "tas_openapi_post.nc").withSize(42).build();
    private static final CatalogRecord PUT_DATASET = aDataset("CMIP6.ScenarioMIP.IPSL.IPSL-CM6A-LR.openapi-put").build();
    private static final RecordId NO_SUCH_RECORD = RecordId.of("CMIP6.no.such.record.v20200101|" + SampleCatalog.DATA_NODE);

    /** A documented operation: its method and its path template as the document writes them. */
    record Operation(String method, String path) implements Comparable<Operation> {
        static Operation of(String methodAndPath) {
            String[] parts = methodAndPath.split(" ", 2);
            return new Operation(parts[0], parts[1]);
        }

        @Override
        public int compareTo(Operation other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Who sends a probe. */
    sealed interface Credentials {
        record Anonymous() implements Credentials {
            @Override
            public String toString() {
                return "anonymous";
            }
        }

        record Bearer(String holder, String secret) implements Credentials {
            @Override
            public String toString() {
                return holder + "'s token";
            }
        }

        /** A signed-in browser; the only way to mint a token, which bearer tokens may not. */
        record Session(String holder, BrowserSession browser) implements Credentials {
            @Override
            public String toString() {
                return holder + "'s session";
            }
        }
    }

    /**
     * One request that exercises an operation, and the status it is meant to get: a probe that
     * gets another status does not test what it says, which fails it too.
     */
    record Probe(Operation operation, String target, Credentials credentials, Optional<String> body,
            Map<String, String> headers, int expectedStatus) {
        Probe withBody(String json) {
            return new Probe(operation, target, credentials, Optional.of(json), headers, expectedStatus);
        }

        /** A header, in place of the one the test sends by default; sessions send their own. */
        Probe withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Probe(operation, target, credentials, body, Map.copyOf(more), expectedStatus);
        }

        boolean expectsSuccess() {
            return expectedStatus >= 200 && expectedStatus < 300;
        }

        @Override
        public String toString() {
            return operation.method() + " " + target + (headers.isEmpty() ? "" : " " + headers) + " as " + credentials
                    + " -> " + expectedStatus;
        }
    }

    /** What the node answered, as far as the document describes answers. */
    record Answer(int status, String mediaType, String body) {
        static Answer of(HttpResponse<String> response) {
            String mediaType = response.headers().firstValue("Content-Type")
                    .map(value -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
            return new Answer(response.statusCode(), mediaType, response.body());
        }
    }

    /** What the probes act on, made once: the node, like its data, outlives each test method. */
    record Fixtures(Credentials admin, Credentials adminSession, Credentials publisher, Credentials reader,
            Credentials selfRevoking, String selfRevokingTokenId, String modelId, String finishedRunId,
            String runningRunId) {
    }

    private static final Credentials ANONYMOUS = new Credentials.Anonymous();

    private static Fixtures fixtures;
    /** The document as served, with object schemas closed (see the class comment). */
    private static JsonNode document;
    private static SchemaRegistry schemas;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final RecordJson recordJson = new RecordJson();

    @Autowired
    ScenarioRuns scenarios;

    @BeforeEach
    void prepareOnce() throws Exception {
        if (fixtures != null) {
            return;
        }
        writeAndAwaitIndexed(List.of(SampleCatalog.CESM2_TAS, SampleCatalog.CESM2_PR, SampleCatalog.UKESM_SSP585_TAS,
                SampleCatalog.UKESM_HISTORICAL_TAS_OLD, SampleCatalog.UKESM_HISTORICAL_TAS, SampleCatalog.IPSL_RETRACTED,
                SampleCatalog.CESM2_TAS_REPLICA, SampleCatalog.EMBARGOED, SampleCatalog.CMIP5_CESM1,
                SampleCatalog.CESM2_TAS_FIRST_FILE, SampleCatalog.CESM2_TAS_SECOND_FILE, SampleCatalog.UKESM_SSP585_FILE,
                SampleCatalog.EMBARGOED_FILE));

        User root = identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "t",
                new NewUser("root", Optional.empty(), Optional.empty(), Set.of(NodeRole.NODE_ADMIN)), Optional.of(PASSWORD));
        Caller rootCaller = Caller.of(root);
        identity.createOrganisation(rootCaller, "t", "ipsl", "IPSL");
        User pierre = member(rootCaller, "pierre", OrgRole.PUBLISHER);
        User rita = member(rootCaller, "rita", OrgRole.READONLY);
        CreatedToken selfRevoking = identity.createToken(rootCaller, "t", "revokes itself",
                EnumSet.allOf(TokenScope.class), Duration.ofDays(1));

        String modelId = scenarios.addModel(Caller.of(pierre), "t", "simple-electrolysis",
                example("simple-electrolysis.yaml")).id();
        String finishedRunId = scenarios.start(Caller.of(pierre), "t", modelId, 2_000, 7).id();
        awaitFinished(Caller.of(pierre), finishedRunId);

        BrowserSession session = new BrowserSession(port).signIn("root", PASSWORD);
        session.get("/account"); // a page with a form: the session's CSRF token for its API requests

        document = closeObjectSchemas(mapper.readTree(get(DOCUMENT_PATH).body()));
        schemas = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
                registry -> registry.schemas(Map.of(DOCUMENT_IRI, mapper.writeValueAsString(document))));
        // Started last: a million samples take seconds, so it is still queued or running when the
        // first probe cancels it.
        String runningRunId = scenarios.start(Caller.of(pierre), "t", modelId, 1_000_000, 8).id();
        fixtures = new Fixtures(new Credentials.Bearer("root", token(root)), new Credentials.Session("root", session),
                new Credentials.Bearer("pierre", token(pierre)), new Credentials.Bearer("rita", token(rita)),
                new Credentials.Bearer("root", selfRevoking.secret()), selfRevoking.token().id(), modelId,
                finishedRunId, runningRunId);
    }

    /**
     * The probes, in the order they run: later ones act on what earlier ones made (a record is
     * created, then replaced, then removed), and the first cancels the long run before it ends.
     */
    private List<Probe> probes() {
        Fixtures f = fixtures;
        String cesm2Tas = record(SampleCatalog.CESM2_TAS.id());
        String model = "/api/v1/scenarios/models/" + f.modelId();
        String finishedRun = "/api/v1/scenarios/runs/" + f.finishedRunId();
        return List.of(
                probe("POST /api/v1/scenarios/runs/{id}/cancel", "/api/v1/scenarios/runs/" + f.runningRunId() + "/cancel",
                        f.publisher(), 200),
                probe("POST /api/v1/scenarios/runs/{id}/cancel", finishedRun + "/cancel", f.publisher(), 409),

                probe("GET /api/v1/openapi.json", DOCUMENT_PATH, ANONYMOUS, 200),

                probe("GET /api/v1/search", "/api/v1/search", ANONYMOUS, 200),
                probe("GET /api/v1/search", "/api/v1/search?fields=title", ANONYMOUS, 200),
                probe("GET /api/v1/search", "/api/v1/search?type=File", ANONYMOUS, 200),
                probe("GET /api/v1/search", "/api/v1/search?facets=source_id,experiment_id,variable_id", ANONYMOUS, 200),
                probe("GET /api/v1/search", "/api/v1/search?facets=*&limit=0", ANONYMOUS, 200),
                probe("GET /api/v1/search", "/api/v1/search?limit=2&offset=2", ANONYMOUS, 200),
                probe("GET /api/v1/search", "/api/v1/search?query=CESM2&sort=true&latest=false", ANONYMOUS, 200),
                probe("GET /api/v1/search", "/api/v1/search?limit=-1", ANONYMOUS, 400),
                probe("GET /api/v1/search", "/api/v1/search?no_such_facet=x", ANONYMOUS, 400),
                probe("GET /api/v1/search", "/api/v1/search?latest=maybe", ANONYMOUS, 400),
                probe("GET /api/v1/search", "/api/v1/search", new Credentials.Bearer("nobody", "mrd_not-a-token"), 401),
                probe("GET /api/v1/search", "/api/v1/search", ANONYMOUS, 406).withHeader("Accept", "text/csv"),

                probe("GET /api/v1/records/{id}", cesm2Tas, ANONYMOUS, 200),
                probe("GET /api/v1/records/{id}", record(SampleCatalog.CESM2_TAS_FIRST_FILE.id()), ANONYMOUS, 200),
                probe("GET /api/v1/records/{id}", record(SampleCatalog.CMIP5_CESM1.id()), ANONYMOUS, 200),
                probe("GET /api/v1/records/{id}", record(SampleCatalog.EMBARGOED.id()), f.admin(), 200),
                probe("GET /api/v1/records/{id}", cesm2Tas + "?fields=title", ANONYMOUS, 400),
                probe("GET /api/v1/records/{id}", record(NO_SUCH_RECORD), ANONYMOUS, 404),

                probe("GET /api/v1/datasets/{id}/files", files(SampleCatalog.CESM2_TAS.id()), ANONYMOUS, 200),
                probe("GET /api/v1/datasets/{id}/files", files(SampleCatalog.CESM2_TAS.id()) + "?limit=1", ANONYMOUS, 200),
                probe("GET /api/v1/datasets/{id}/files", files(SampleCatalog.CESM2_TAS.id()) + "?type=File", ANONYMOUS, 400),
                probe("GET /api/v1/datasets/{id}/files", files(NO_SUCH_RECORD), ANONYMOUS, 404),

                probe("POST /api/v1/records", "/api/v1/records", f.publisher(), 200)
                        .withBody(jsonArray(POSTED_DATASET, POSTED_FILE)),
                probe("POST /api/v1/records", "/api/v1/records", f.publisher(), 400).withBody("{\"type\":\"Dataset\"}"),
                probe("POST /api/v1/records", "/api/v1/records", f.publisher(), 415)
                        .withBody(recordJson.write(POSTED_DATASET)).withHeader("Content-Type", "text/plain"),
                probe("POST /api/v1/records", "/api/v1/records", ANONYMOUS, 401).withBody(recordJson.write(POSTED_DATASET)),
                probe("POST /api/v1/records", "/api/v1/records", f.reader(), 403).withBody(recordJson.write(POSTED_DATASET)),
                probe("PUT /api/v1/records/{id}", record(PUT_DATASET.id()), f.publisher(), 201)
                        .withBody(recordJson.write(PUT_DATASET)),
                probe("PUT /api/v1/records/{id}", record(PUT_DATASET.id()), f.publisher(), 200)
                        .withBody(recordJson.write(aDataset(PUT_DATASET.masterId()).withTitle("Retitled").build())),
                probe("DELETE /api/v1/records/{id}", record(PUT_DATASET.id()), f.publisher(), 200),
                probe("DELETE /api/v1/records/{id}", record(NO_SUCH_RECORD), f.publisher(), 404),
                probe("DELETE /api/v1/records", "/api/v1/records?id=" + QueryStrings.encode(POSTED_DATASET.id().value()),
                        f.publisher(), 200),
                probe("DELETE /api/v1/records", "/api/v1/records", f.publisher(), 400),

                probe("GET /api/v1/me", "/api/v1/me", f.admin(), 200),
                probe("GET /api/v1/me", "/api/v1/me", f.adminSession(), 200),
                probe("GET /api/v1/me", "/api/v1/me", ANONYMOUS, 401),
                probe("POST /api/v1/tokens", "/api/v1/tokens", f.adminSession(), 201)
                        .withBody("{\"name\":\"laptop\",\"scopes\":[\"read\",\"publish\"],\"expiresInDays\":7}"),
                probe("POST /api/v1/tokens", "/api/v1/tokens", f.admin(), 403)
                        .withBody("{\"name\":\"minted by a token\",\"scopes\":[\"read\"]}"),
                probe("POST /api/v1/tokens", "/api/v1/tokens", f.adminSession(), 400)
                        .withBody("{\"name\":\"bad scope\",\"scopes\":[\"everything\"]}"),
                probe("GET /api/v1/tokens", "/api/v1/tokens", f.admin(), 200),
                probe("DELETE /api/v1/tokens/{id}", "/api/v1/tokens/" + f.selfRevokingTokenId(), f.selfRevoking(), 204),
                probe("DELETE /api/v1/tokens/{id}", "/api/v1/tokens/no-such-token", f.adminSession(), 404),

                probe("POST /api/v1/users", "/api/v1/users", f.admin(), 201).withBody(
                        "{\"username\":\"olga\",\"email\":\"olga@example.org\",\"displayName\":\"Olga\",\"nodeRoles\":[\"auditor\"]}"),
                probe("POST /api/v1/users", "/api/v1/users", f.admin(), 409).withBody("{\"username\":\"olga\"}"),
                probe("POST /api/v1/users", "/api/v1/users", f.admin(), 400).withBody("{\"username\":\"\"}"),
                probe("GET /api/v1/users", "/api/v1/users", f.admin(), 200),
                probe("GET /api/v1/users", "/api/v1/users", f.reader(), 403),
                probe("POST /api/v1/users/{username}/enabled", "/api/v1/users/olga/enabled", f.admin(), 204)
                        .withBody("{\"enabled\":false}"),
                probe("POST /api/v1/users/{username}/enabled", "/api/v1/users/nobody/enabled", f.admin(), 404)
                        .withBody("{\"enabled\":true}"),
                probe("POST /api/v1/users/{username}/node-roles", "/api/v1/users/olga/node-roles", f.admin(), 204)
                        .withBody("{\"role\":\"node-admin\"}"),
                probe("POST /api/v1/users/{username}/node-roles", "/api/v1/users/olga/node-roles", f.admin(), 400)
                        .withBody("{\"role\":\"emperor\"}"),
                probe("DELETE /api/v1/users/{username}/node-roles/{role}", "/api/v1/users/olga/node-roles/auditor",
                        f.admin(), 204),

                probe("POST /api/v1/organisations", "/api/v1/organisations", f.admin(), 201)
                        .withBody("{\"id\":\"cnrm\",\"name\":\"CNRM\"}"),
                probe("POST /api/v1/organisations", "/api/v1/organisations", f.admin(), 409)
                        .withBody("{\"id\":\"cnrm\",\"name\":\"CNRM again\"}"),
                probe("POST /api/v1/organisations", "/api/v1/organisations", f.admin(), 400)
                        .withBody("{\"id\":\"Not An Id\",\"name\":\"x\"}"),
                probe("GET /api/v1/organisations", "/api/v1/organisations", f.reader(), 200),
                probe("POST /api/v1/organisations/{organisation}/members", "/api/v1/organisations/cnrm/members",
                        f.admin(), 204).withBody("{\"username\":\"olga\",\"role\":\"publisher\"}"),
                probe("POST /api/v1/organisations/{organisation}/members", "/api/v1/organisations/nowhere/members",
                        f.admin(), 404).withBody("{\"username\":\"olga\",\"role\":\"publisher\"}"),
                probe("DELETE /api/v1/organisations/{organisation}/members/{username}/{role}",
                        "/api/v1/organisations/cnrm/members/olga/publisher", f.admin(), 204),

                probe("GET /api/v1/scenarios/models", "/api/v1/scenarios/models", f.reader(), 200),
                probe("GET /api/v1/scenarios/models", "/api/v1/scenarios/models", ANONYMOUS, 401),
                probe("POST /api/v1/scenarios/models", "/api/v1/scenarios/models", f.publisher(), 201)
                        .withBody(json(Map.of("name", "tutorial-basic", "source", example("tutorial-basic.yaml")))),
                probe("POST /api/v1/scenarios/models", "/api/v1/scenarios/models", f.publisher(), 400)
                        .withBody(json(Map.of("name", "broken", "source", "format: 1\nbogus: ["))),
                probe("POST /api/v1/scenarios/models", "/api/v1/scenarios/models", f.reader(), 403)
                        .withBody(json(Map.of("name", "not mine to add", "source", example("tutorial-basic.yaml")))),
                probe("GET /api/v1/scenarios/models/{id}", model, f.reader(), 200),
                probe("GET /api/v1/scenarios/models/{id}", "/api/v1/scenarios/models/no-such-model", f.reader(), 404),
                probe("PUT /api/v1/scenarios/models/{id}", model, f.publisher(), 200)
                        .withBody(json(Map.of("source", example("simple-electrolysis.yaml")))),
                probe("POST /api/v1/scenarios/runs/{id}/share", finishedRun + "/share", f.publisher(), 200)
                        .withBody("{\"organisation\":\"ipsl\"}"),
                probe("GET /api/v1/scenarios/runs/{id}", finishedRun, f.publisher(), 200),
                probe("POST /api/v1/scenarios/runs/{id}/share", finishedRun + "/share", f.publisher(), 200)
                        .withBody("{\"organisation\":null}"),
                probe("GET /api/v1/scenarios/runs/{id}", "/api/v1/scenarios/runs/no-such-run", f.publisher(), 404),
                probe("GET /api/v1/scenarios/runs", "/api/v1/scenarios/runs", f.publisher(), 200),
                probe("POST /api/v1/scenarios/runs", "/api/v1/scenarios/runs", f.publisher(), 202)
                        .withBody(json(Map.of("model", f.modelId(), "samples", 1_000, "seed", 1))),
                probe("POST /api/v1/scenarios/runs", "/api/v1/scenarios/runs", f.publisher(), 400)
                        .withBody(json(Map.of("model", "no-such-model"))),

                // Last, so the log holds every kind of event the probes above caused.
                probe("GET /api/v1/audit", "/api/v1/audit", f.admin(), 200),
                probe("GET /api/v1/audit", "/api/v1/audit?limit=3", f.admin(), 200),
                probe("GET /api/v1/audit", "/api/v1/audit?outcome=denied&limit=500", f.admin(), 200),
                probe("GET /api/v1/audit", "/api/v1/audit?limit=many", f.admin(), 400),
                probe("GET /api/v1/audit", "/api/v1/audit", f.reader(), 403),
                probe("GET /api/v1/audit/verify", "/api/v1/audit/verify", f.admin(), 200));
    }

    @TestFactory
    Stream<DynamicTest> everyResponseIsAsTheDocumentDescribesIt() {
        return probes().stream().map(probe -> DynamicTest.dynamicTest(probe.toString(), () -> check(probe)));
    }

    @Test
    void probesEveryDocumentedOperationWithARequestThatSucceeds() {
        Set<Operation> documented = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> documented.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey()))));
        List<Probe> probes = probes();

        assertThat(probes).extracting(Probe::operation).as("probes name documented operations only")
                .allMatch(documented::contains);
        Set<Operation> probedToSucceed = probes.stream().filter(Probe::expectsSuccess).map(Probe::operation)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(probedToSucceed).as("documented operations each probed with a request that succeeds")
                .isEqualTo(documented);
    }

    /** Guards against a check that passes everything, e.g. a reference that resolves to an empty schema. */
    @Test
    void theCheckRefusesAnswersTheDocumentDoesNotDescribe() {
        Operation search = Operation.of("GET /api/v1/search");
        Operation getRecord = Operation.of("GET /api/v1/records/{id}");
        String problem = "{\"status\":404,\"code\":\"record-not-found\",\"id\":\"x\"}";

        assertThat(undocumented(search, new Answer(200, "application/json", "{\"total\":\"many\"}")))
                .as("a wrong type and missing required members")
                .anyMatch(mismatch -> mismatch.startsWith("body/total:"))
                .anyMatch(mismatch -> mismatch.contains("offset"));
        assertThat(undocumented(getRecord, new Answer(404, "application/problem+json",
                problem.replace("}", ",\"hint\":\"undocumented\"}"))))
                .as("a member the schema does not describe").singleElement().asString().contains("hint");
        assertThat(undocumented(getRecord, new Answer(200, "application/json", "{\"id\":\"x\",\"timestamp\":\"yesterday\"}")))
                .as("a value not of its format").anyMatch(mismatch -> mismatch.startsWith("body/timestamp:"));
        assertThat(undocumented(getRecord, new Answer(404, "application/problem+json", problem))).isEmpty();
        assertThat(undocumented(getRecord, new Answer(404, "application/json", problem))).singleElement().asString()
                .contains("media type");
        assertThat(undocumented(getRecord, new Answer(409, "application/problem+json", problem))).singleElement()
                .asString().contains("not documented");
        assertThat(undocumented(Operation.of("DELETE /api/v1/tokens/{id}"), new Answer(204, "application/json", "{}")))
                .singleElement().asString().contains("without content");
    }

    private void check(Probe probe) throws Exception {
        Answer answer = Answer.of(send(probe));
        List<String> mismatches = new ArrayList<>();
        if (answer.status() != probe.expectedStatus()) {
            mismatches.add("the probe expects status " + probe.expectedStatus() + ", so it does not test what it says");
        }
        mismatches.addAll(undocumented(probe.operation(), answer));
        assertThat(mismatches).withFailMessage(() -> probe.operation() + ": " + probe.target() + " as "
                + probe.credentials() + " answered " + answer.status() + " " + answer.mediaType()
                + ", which the document does not describe:\n  - " + String.join("\n  - ", mismatches)
                + "\nbody:\n" + answer.body()).isEmpty();
    }

    /** How an answer differs from what the document says of its operation; empty if it does not. */
    private List<String> undocumented(Operation operation, Answer answer) {
        Optional<JsonNode> documented = documentedResponse(operation, answer.status());
        if (documented.isEmpty()) {
            return List.of("status " + answer.status() + " is not documented for " + operation);
        }
        JsonNode content = documented.get().path("content");
        if (content.isEmpty()) {
            return answer.body().isEmpty() ? List.of()
                    : List.of("status " + answer.status() + " is documented without content, but the answer has a body");
        }
        if (!content.has(answer.mediaType())) {
            return List.of("media type '" + answer.mediaType() + "' is not documented for status " + answer.status()
                    + "; documented: " + String.join(", ", content.propertyNames()));
        }
        JsonNode body;
        try {
            body = mapper.readTree(answer.body());
        } catch (JacksonException e) {
            return List.of("the body is not JSON: " + e.getOriginalMessage());
        }
        return schemaOf(content.path(answer.mediaType()).path("schema"))
                .validate(body, execution -> execution.setExecutionConfig(FORMATS_ASSERTED)).stream()
                .map(error -> "body" + error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    /** The response the document describes for this status, its {@code $ref} followed. */
    private static Optional<JsonNode> documentedResponse(Operation operation, int status) {
        JsonNode response = document.path("paths").path(operation.path()).path(operation.method().toLowerCase(Locale.ROOT))
                .path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            return ANY_OPERATION_PROBLEM_STATUSES.contains(status) ? Optional.of(ANY_OPERATION_PROBLEM) : Optional.empty();
        }
        while (response.has("$ref")) {
            response = document.at(response.get("$ref").asString().substring(1));
        }
        return Optional.of(response);
    }

    /**
     * A response's schema, its references resolved in the document. An inline schema is compiled
     * alone, so its document-relative references are first made absolute.
     */
    private static Schema schemaOf(JsonNode schema) {
        if (schema.size() == 1 && schema.has("$ref")) {
            return schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + schema.get("$ref").asString()));
        }
        JsonNode standalone = schema.deepCopy();
        makeReferencesAbsolute(standalone);
        return schemas.getSchema(standalone);
    }

    private static void makeReferencesAbsolute(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("$ref").isString()
                && object.get("$ref").asString().startsWith("#")) {
            object.put("$ref", DOCUMENT_IRI + object.get("$ref").asString());
        }
        node.forEach(OpenApiResponsesTest::makeReferencesAbsolute);
    }

    /** The document with every response schema, and every component schema, closed (see the class comment). */
    private static JsonNode closeObjectSchemas(JsonNode document) {
        document.path("components").path("schemas").forEach(OpenApiResponsesTest::close);
        List<JsonNode> responses = new ArrayList<>();
        document.path("components").path("responses").forEach(responses::add);
        document.path("paths").forEach(path -> path.forEach(operation -> operation.path("responses").forEach(responses::add)));
        responses.forEach(response -> response.path("content").forEach(media -> close(media.path("schema"))));
        return document;
    }

    /** Closes an object schema that lists its properties and allows no others, then its subschemas. */
    private static void close(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        if (object.path("properties").isObject() && !object.has("additionalProperties")
                && !object.has("unevaluatedProperties") && !object.has("patternProperties")) {
            object.put("unevaluatedProperties", false);
        }
        object.path("properties").forEach(OpenApiResponsesTest::close);
        for (String keyword : List.of("items", "additionalProperties", "not")) {
            close(object.path(keyword));
        }
        for (String keyword : List.of("allOf", "anyOf", "oneOf", "prefixItems")) {
            object.path(keyword).forEach(OpenApiResponsesTest::close);
        }
    }

    private HttpResponse<String> send(Probe probe) throws Exception {
        String method = probe.operation().method();
        if (probe.credentials() instanceof Credentials.Session session) {
            return session.browser().sendJson(method, probe.target(), probe.body().orElse(null));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        probe.body().ifPresent(body -> headers.put("Content-Type", "application/json"));
        if (probe.credentials() instanceof Credentials.Bearer bearer) {
            headers.put("Authorization", "Bearer " + bearer.secret());
        }
        headers.putAll(probe.headers());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + probe.target()))
                .method(method, probe.body().map(HttpRequest.BodyPublishers::ofString)
                        .orElse(HttpRequest.BodyPublishers.noBody()));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Probe probe(String operation, String target, Credentials credentials, int expectedStatus) {
        return new Probe(Operation.of(operation), target, credentials, Optional.empty(), Map.of(), expectedStatus);
    }

    private static String record(RecordId id) {
        return "/api/v1/records/" + QueryStrings.encode(id.value());
    }

    private static String files(RecordId datasetId) {
        return "/api/v1/datasets/" + QueryStrings.encode(datasetId.value()) + "/files";
    }

    private String jsonArray(CatalogRecord... records) {
        return Stream.of(records).map(recordJson::write).collect(Collectors.joining(",", "[", "]"));
    }

    private String json(Map<String, ?> fields) {
        return mapper.writeValueAsString(fields);
    }

    private User member(Caller admin, String username, OrgRole role) {
        identity.createUser(admin, Actor.user("root"), "t", new NewUser(username, Optional.empty(), Optional.empty(),
                Set.of()), Optional.empty());
        identity.grantRole(admin, "t", username, "ipsl", role);
        return identity.findUser(username).orElseThrow();
    }

    private String token(User user) {
        return identity.createToken(Caller.of(user), "t", "probes", EnumSet.allOf(TokenScope.class), Duration.ofDays(1))
                .secret();
    }

    private void awaitFinished(Caller owner, String runId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!scenarios.run(owner, runId).status().finished() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(scenarios.run(owner, runId).status().finished()).as("run " + runId + " finished").isTrue();
    }

    /** A model the project ships, as a user would send it. */
    private static String example(String file) {
        try {
            return Files.readString(Path.of("..", "examples", "scenarios", file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
