package org.meridian.server.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.AuditQuery;
import org.meridian.server.identity.Caller;
import org.meridian.server.identity.NewUser;
import org.meridian.server.identity.NodeRole;
import org.meridian.server.identity.OrgRole;
import org.meridian.server.identity.TokenScope;
import org.meridian.server.identity.User;
import org.meridian.server.testing.BootedNode;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario models and runs over real HTTP: who may add models, runs private to their owner until
 * shared with the owner's organisation, identical results for the same seed, cancellation, and
 * no trace of a run on any endpoint that faces outward.
 */
class ScenarioApiTest extends BootedNode {
    private static boolean prepared;
    private static String publisher;
    private static String alice;
    private static String nora;
    private static String nodeAdmin;
    private static String modelId;

    @Autowired
    AuditLog audit;

    @Autowired
    ScenarioRuns scenarios;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper mapper = JsonMapper.builder().build();

    @BeforeEach
    void prepareOnce() throws Exception {
        if (prepared) {
            return;
        }
        prepared = true;
        User root = identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "t",
                new NewUser("root", Optional.empty(), Optional.empty(), Set.of(NodeRole.NODE_ADMIN)), Optional.empty());
        identity.createOrganisation(Caller.of(root), "t", "ipsl", "IPSL");
        identity.createOrganisation(Caller.of(root), "t", "ncar", "NCAR");
        publisher = member(root, "pierre", "ipsl", OrgRole.PUBLISHER);
        alice = member(root, "alice", "ipsl", OrgRole.MEMBER);
        nora = member(root, "nora", "ncar", OrgRole.MEMBER);
        nodeAdmin = identity.createToken(Caller.of(root), "t", "t", EnumSet.allOf(TokenScope.class),
                Duration.ofDays(1)).secret();
        HttpResponse<String> added = send("POST", "/api/v1/scenarios/models", publisher, json(Map.of(
                "name", "simple-electrolysis", "source", example("simple-electrolysis.yaml"))));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        modelId = mapper.readTree(added.body()).get("id").asString();
    }

    private String member(User root, String name, String organisation, OrgRole role) {
        identity.createUser(Caller.of(root), Actor.user("root"), "t",
                new NewUser(name, Optional.empty(), Optional.empty(), Set.of()), Optional.empty());
        identity.grantRole(Caller.of(root), "t", name, organisation, role);
        return identity.createToken(Caller.of(identity.findUser(name).orElseThrow()), "t", "t",
                EnumSet.allOf(TokenScope.class), Duration.ofDays(1)).secret();
    }

    private static String example(String file) throws Exception {
        return Files.readString(Path.of("..", "examples", "scenarios", file));
    }

    @Test
    void onlyPublishersAddModelsAndABadModelIsRefusedNamingThePlace() throws Exception {
        HttpResponse<String> byMember = send("POST", "/api/v1/scenarios/models", alice, json(Map.of(
                "name", "mine", "source", example("tutorial-basic.yaml"))));
        HttpResponse<String> broken = send("POST", "/api/v1/scenarios/models", publisher, json(Map.of(
                "name", "broken", "source", example("tutorial-basic.yaml").replace("format: 1", "format: 1\nbogus: [")))) ;
        HttpResponse<String> duplicate = send("POST", "/api/v1/scenarios/models", publisher, json(Map.of(
                "name", "simple-electrolysis", "source", example("simple-electrolysis.yaml"))));

        assertThat(byMember.statusCode()).isEqualTo(403);
        assertThat(broken.statusCode()).as(broken.body()).isEqualTo(400);
        assertThat(mapper.readTree(broken.body()).get("field").asString()).isEqualTo("source");
        assertThat(mapper.readTree(broken.body()).get("detail").asString()).containsPattern("line \\d+");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(send("GET", "/api/v1/scenarios/models", nora, null).body()).contains("Simple electrolysis");
    }

    @Test
    void aRunIsItsOwnersUntilSharedWithTheirOrganisationAndTheSameSeedGivesTheSameResults() throws Exception {
        JsonNode first = finished(start(alice, 20_000, 7));
        JsonNode again = finished(start(alice, 20_000, 7));
        String id = first.get("id").asString();

        assertThat(first.get("status").asString()).isEqualTo("succeeded");
        assertThat(first.get("results").size()).isGreaterThan(4);
        assertThat(again.get("results")).isEqualTo(first.get("results"));
        assertThat(send("GET", "/api/v1/scenarios/runs/" + id, publisher, null).statusCode())
                .as("same organisation, not shared").isEqualTo(404);
        assertThat(send("GET", "/api/v1/scenarios/runs/" + id, nora, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/scenarios/runs", nora, null).body()).doesNotContain(id);
        assertThat(send("GET", "/api/v1/scenarios/runs/" + id, nodeAdmin, null).statusCode())
                .as("node administrators run the node, not the analysts' work").isEqualTo(404);
        assertThat(send("GET", "/api/v1/scenarios/runs/" + id, nora, null).body().replace(id, "ID"))
                .as("someone else's run answers like a missing one")
                .isEqualTo(send("GET", "/api/v1/scenarios/runs/no-such-run", nora, null).body()
                        .replace("no-such-run", "ID"));

        HttpResponse<String> toOther = send("POST", "/api/v1/scenarios/runs/" + id + "/share", alice,
                json(Map.of("organisation", "ncar")));
        HttpResponse<String> shared = send("POST", "/api/v1/scenarios/runs/" + id + "/share", alice,
                json(Map.of("organisation", "ipsl")));

        assertThat(toOther.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(toOther.body()).get("field").asString()).isEqualTo("organisation");
        assertThat(shared.statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/scenarios/runs/" + id, publisher, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/scenarios/runs", publisher, null).body()).contains(id);
        assertThat(send("GET", "/api/v1/scenarios/runs/" + id, nora, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/scenarios/runs/" + id + "/cancel", publisher, null).statusCode())
                .as("a reader of a shared run is not its owner").isEqualTo(403);
        assertThat(get("/api/v1/scenarios/runs/" + id).statusCode()).isEqualTo(401);
    }

    @Test
    void aQueuedRunCanBeCancelledAndNeverProducesResults() throws Exception {
        String busy = start(alice, 1_000_000, 1).get("id").asString();
        String waiting = start(alice, 1_000_000, 2).get("id").asString();

        HttpResponse<String> cancelled = send("POST", "/api/v1/scenarios/runs/" + waiting + "/cancel", alice, null);
        HttpResponse<String> twice = send("POST", "/api/v1/scenarios/runs/" + waiting + "/cancel", alice, null);

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(mapper.readTree(cancelled.body()).get("status").asString()).isEqualTo("cancelled");
        assertThat(twice.statusCode()).isEqualTo(409);
        finished(mapper.readTree(send("GET", "/api/v1/scenarios/runs/" + busy, alice, null).body()));
        JsonNode after = mapper.readTree(send("GET", "/api/v1/scenarios/runs/" + waiting, alice, null).body());
        assertThat(after.get("status").asString()).isEqualTo("cancelled");
        assertThat(after.get("results").size()).isZero();
    }

    @Test
    void aTokenWithoutTheReadScopeReachesNoScenarioData() throws Exception {
        String publishOnly = identity.createToken(Caller.of(identity.findUser("alice").orElseThrow()), "t", "publish",
                EnumSet.of(TokenScope.PUBLISH), Duration.ofDays(1)).secret();
        String runId = start(alice, 200, 7).get("id").asString();

        for (String path : List.of("/api/v1/scenarios/models", "/api/v1/scenarios/runs",
                "/api/v1/scenarios/runs/" + runId)) {
            HttpResponse<String> response = send("GET", path, publishOnly, null);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.body()).as(path).contains("scenarios need a token with the read scope");
        }
        assertThat(send("POST", "/api/v1/scenarios/runs", publishOnly,
                json(Map.of("model", modelId, "samples", 200, "seed", 1))).statusCode()).isEqualTo(403);
    }

    @Test
    void badRunParametersAreNamed() throws Exception {
        HttpResponse<String> tooMany = send("POST", "/api/v1/scenarios/runs", alice,
                json(Map.of("model", modelId, "samples", 5_000_000)));
        HttpResponse<String> noModel = send("POST", "/api/v1/scenarios/runs", alice,
                json(Map.of("model", "no-such-model", "samples", 10)));

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(tooMany.body()).get("field").asString()).isEqualTo("samples");
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(noModel.body()).get("field").asString()).isEqualTo("model");
        HttpResponse<String> badMetric = send("GET", "/scenarios/models/" + modelId
                + "/investments/optimum?metric=Happiness&budget=1000", alice, null);
        HttpResponse<String> badAmount = send("GET", "/scenarios/models/" + modelId
                + "/investments/portfolio?amount0=-5", alice, null);
        assertThat(badMetric.statusCode()).isEqualTo(400);
        assertThat(badMetric.body()).contains("no metric 'Happiness'").contains("\"field\":\"metric\"");
        assertThat(badAmount.statusCode()).isEqualTo(400);
        assertThat(badAmount.body()).contains("amount0 must be between 0 and");
    }

    @Test
    void theDemoAddsTheShippedExampleModelsOnceKeepingOnesAlreadyStored() throws Exception {
        int first = scenarios.addExampleModels(new Actor(Actor.Kind.SYSTEM, "demo"));
        int second = scenarios.addExampleModels(new Actor(Actor.Kind.SYSTEM, "demo"));

        assertThat(first).as("simple-electrolysis was stored already").isEqualTo(2);
        assertThat(second).isZero();
        assertThat(send("GET", "/api/v1/scenarios/models", alice, null).body())
                .contains("pv-residential-simple").contains("tutorial-basic");
    }

    @Test
    void aRunLeavesNoTraceOnAnyOutwardEndpoint() throws Exception {
        JsonNode run = finished(start(alice, 5_000, 11));
        String id = run.get("id").asString();
        String mean = Double.toString(run.get("results").get(0).get("mean").asDouble());
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);

        // Queries that do not name the run, so a response that mentions it found it.
        for (String path : List.of("/api/v1/search?query=electrolysis", "/api/v1/search?limit=100",
                "/esg-search/search?format=application/solr%2Bjson&query=electrolysis",
                "/esg-search/search?format=application/solr%2Bjson&type=File",
                "/esg-search/wget?query=electrolysis", "/search?query=electrolysis")) {
            HttpResponse<String> response = get(path, alice);
            assertThat(response.body()).as(path).doesNotContain(id).doesNotContain("Simple electrolysis");
        }
        assertThat(get("/api/v1/records/" + encoded, alice).statusCode()).isEqualTo(404);
        assertThat(audit.find(AuditQuery.newest(AuditQuery.MAX_LIMIT))).allSatisfy(event ->
                assertThat(event.entry().details().toString()).doesNotContain(mean));
        assertThat(store.countAll()).as("nothing reaches the catalog").isZero();
    }

    @Test
    void anAddressThatAnswersHtmxWithAFragmentAnswersABrowserWithTheWholePage() throws Exception {
        // A form sent without JavaScript, a link opened in a new tab, or the page sign-in returns to.
        String run = start(alice, 2_000, 3).get("id").asString();
        String optimum = "/scenarios/models/" + modelId
                + "/investments/optimum?metric=Cost&statistic=p90&sense=minimise&budget=2000000";

        HttpResponse<String> progress = open("/scenarios/runs/" + run + "/progress", false);
        Document optimumPage = Jsoup.parse(open(optimum, false).body());
        Document optimumFragment = Jsoup.parseBodyFragment(open(optimum, true).body());
        Document portfolioPage = Jsoup.parse(open("/scenarios/models/" + modelId
                + "/investments/portfolio?amount0=1000", false).body());

        assertThat(progress.statusCode()).isEqualTo(302);
        assertThat(progress.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/scenarios/runs/" + run));
        assertThat(optimumPage.select("h1").text()).startsWith("R&D investments");
        assertThat(optimumPage.select("[id=optimum]")).hasSize(1);
        assertThat(optimumPage.select("#optimum .optimum-summary").text()).contains("p90 Cost");
        assertThat(optimumPage.select("select[name=statistic] option[selected]").val()).isEqualTo("p90");
        assertThat(optimumPage.select("input[name=budget]").val()).isEqualTo("2000000");
        assertThat(optimumFragment.select("header, h1, form, #optimum")).isEmpty();
        assertThat(optimumFragment.select(".optimum-summary").text()).contains("p90 Cost");
        assertThat(portfolioPage.select("h1").text()).startsWith("R&D investments");
        assertThat(portfolioPage.select(".portfolio-total").text()).isEqualTo("1,000 USD");
    }

    private HttpResponse<String> open(String path, boolean htmx) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
                .header("Authorization", "Bearer " + alice);
        if (htmx) {
            request.header("HX-Request", "true");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode start(String token, int samples, long seed) throws Exception {
        HttpResponse<String> started = send("POST", "/api/v1/scenarios/runs", token,
                json(Map.of("model", modelId, "samples", samples, "seed", seed)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return mapper.readTree(started.body());
    }

    private JsonNode finished(JsonNode run) throws Exception {
        String id = run.get("id").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode current = run;
        while (!Set.of("succeeded", "failed", "cancelled").contains(current.get("status").asString())
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            current = mapper.readTree(send("GET", "/api/v1/scenarios/runs/" + id, alice, null).body());
        }
        return current;
    }

    private String json(Map<String, Object> body) {
        return mapper.writeValueAsString(body);
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
