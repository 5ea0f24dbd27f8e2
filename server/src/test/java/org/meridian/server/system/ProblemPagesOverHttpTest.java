package org.meridian.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.meridian.server.identity.NodeRole;
import org.meridian.server.testing.BootedNode;

/**
 * A browser that opens a page and meets a problem gets the site's problem page, with the problem's
 * status and words; programs, and anyone on a machine path, keep getting problem+json.
 */
class ProblemPagesOverHttpTest extends BootedNode {
    /** What Chromium sends when it navigates to a page. */
    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anUnknownPageIsAnHtml404ForABrowser() throws Exception {
        HttpResponse<String> page = send("GET", "/no-such-page", BROWSER_ACCEPT, null);

        assertThat(page.statusCode()).isEqualTo(404);
        assertHtml(page);
        assertThat(page.body()).contains("<h1>Not found</h1>").contains("There is nothing at this address.")
                .contains("Skip to main content").contains("Search the catalog")
                .doesNotContain("static resource").doesNotContain("Exception");
    }

    @Test
    void programsAndMachinePathsKeepProblemJson() throws Exception {
        HttpResponse<String> curl = send("GET", "/no-such-page", "*/*", null);
        HttpResponse<String> api = send("GET", "/api/v1/no-such-endpoint", BROWSER_ACCEPT, null);
        HttpResponse<String> htmx = send("GET", "/no-such-page", BROWSER_ACCEPT, "htmx");

        for (HttpResponse<String> response : List.of(curl, api, htmx)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertProblemJson(response);
            assertThat(response.body()).contains("There is nothing at this address.");
        }
    }

    @Test
    void aSignedInPageProblemKeepsTheHeaderOfWhoIsSignedIn() throws Exception {
        String token = tokenFor("analyst-ada");

        HttpResponse<String> run = send("GET", "/scenarios/runs/no-such-run", BROWSER_ACCEPT, null, token);

        assertThat(run.statusCode()).isEqualTo(404);
        assertHtml(run);
        assertThat(run.body()).contains("No scenario run with id &#39;no-such-run&#39;")
                .contains("Signed in as <strong>analyst-ada</strong>");
    }

    @Test
    void aMistypedFormFieldIsAn400PageNamingIt() throws Exception {
        String token = tokenFor("analyst-bo", NodeRole.NODE_ADMIN);

        HttpResponse<String> start = startRun(token, "99999999999999999999");

        assertThat(start.statusCode()).isEqualTo(400);
        assertHtml(start);
        assertThat(start.body()).contains("Parameter seed must be a whole number");
    }

    @Test
    void aMethodThePageDoesNotServeKeepsItsAllowHeader() throws Exception {
        String token = tokenFor("analyst-cy");

        HttpResponse<String> get = send("GET", "/scenarios/runs", BROWSER_ACCEPT, null, token);

        assertThat(get.statusCode()).isEqualTo(405);
        assertHtml(get);
        assertThat(get.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
    }

    @Test
    void aRefusedValueIsQuotedShortly() throws Exception {
        String token = tokenFor("analyst-di", NodeRole.NODE_ADMIN);
        String planted = "9".repeat(30) + "x".repeat(500);

        HttpResponse<String> start = startRun(token, planted);

        assertThat(start.statusCode()).isEqualTo(400);
        assertThat(start.body()).contains("Parameter seed must be a whole number").doesNotContain("x".repeat(61));
    }

    @Test
    void aRequestTheFirewallRefusesBeforeAnyHandlerIsAPageForABrowserAndAProblemForAProgram() throws Exception {
        HttpResponse<String> page = send("GET", "/search;x=1", BROWSER_ACCEPT, null);
        HttpResponse<String> program = send("GET", "/search;x=1", "*/*", null);

        assertThat(page.statusCode()).isEqualTo(400);
        assertHtml(page);
        assertThat(page.body()).contains("<h1>Rejected request</h1>").contains("Search the catalog");
        assertThat(program.statusCode()).isEqualTo(400);
        assertProblemJson(program);
    }

    @Test
    void theIconIsServedToAnyone() throws Exception {
        HttpResponse<String> icon = send("GET", "/favicon.svg", "image/svg+xml", null);

        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.body()).startsWith("<svg");
    }

    /** The scenario page's run form, sent by a browser with the given seed. */
    private HttpResponse<String> startRun(String token, String seed) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/scenarios/runs"))
                .header("Accept", BROWSER_ACCEPT).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("model=simple&seed=" + seed)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertHtml(HttpResponse<String> page) {
        assertContentType(page, "text/html");
    }

    private static void assertProblemJson(HttpResponse<String> response) {
        assertContentType(response, "application/problem+json");
    }

    private static void assertContentType(HttpResponse<String> response, String type) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(value ->
                assertThat(value).startsWith(type));
    }

    private HttpResponse<String> send(String method, String path, String accept, String htmx) throws Exception {
        return send(method, path, accept, htmx, null);
    }

    private HttpResponse<String> send(String method, String path, String accept, String htmx, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (htmx != null) {
            request.header("HX-Request", "true");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
