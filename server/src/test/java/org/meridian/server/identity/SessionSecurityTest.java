package org.meridian.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.meridian.catalog.RecordBuilder.aDataset;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditEvent;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.AuditQuery;
import org.meridian.server.audit.Outcome;
import org.meridian.server.testing.BootedNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Sign-in through the browser flow, CSRF, lockout, tokens, restricted records and headers, over real HTTP. */
@ExtendWith(OutputCaptureExtension.class)
class SessionSecurityTest extends BootedNode {
    private static final String PASSWORD = "a long and unusual passphrase";
    private static boolean prepared;

    @Autowired
    AuditLog audit;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void prepareOnce() throws Exception {
        if (prepared) {
            return;
        }
        prepared = true;
        User admin = identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "t",
                new NewUser("root", Optional.empty(), Optional.empty(), Set.of(NodeRole.NODE_ADMIN)), Optional.of(PASSWORD));
        identity.createOrganisation(Caller.of(admin), "t", "ipsl", "IPSL");
        for (String name : List.of("alice", "mallory", "bob")) {
            identity.createUser(Caller.of(admin), Actor.user("root"), "t",
                    new NewUser(name, Optional.empty(), Optional.empty(), Set.of()), Optional.of(PASSWORD));
        }
        identity.grantRole(Caller.of(admin), "t", "alice", "ipsl", OrgRole.MEMBER);
        writeAndAwaitIndexed(List.of(aDataset("CMIP6.open.one").build(),
                aDataset("CMIP6.secret.one").withAccessGroup("ipsl").build()));
    }

    /** A browser: keeps its session cookie and reads the CSRF token from the last form it saw. */
    private final class Browser {
        private String cookie = "";
        private String csrf = "";

        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            remember(response);
            csrfTokenIn(response.body()).ifPresent(token -> csrf = token);
            return response;
        }

        /** A GET as a browser sends it when it opens a page. */
        HttpResponse<String> open(String path) throws Exception {
            HttpResponse<String> response = http.send(request(path).header("Accept", "text/html,*/*;q=0.8").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            remember(response);
            return response;
        }

        HttpResponse<String> postForm(String path, String form, boolean withCsrf) throws Exception {
            String body = withCsrf ? form + "&_csrf=" + csrf : form;
            HttpResponse<String> response = http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            remember(response);
            return response;
        }

        HttpResponse<String> postJson(String path, String json) throws Exception {
            HttpResponse<String> response = http.send(request(path).header("Content-Type", "application/json")
                    .header("X-CSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            remember(response);
            return response;
        }

        HttpResponse<String> deleteWithoutCsrf(String path) throws Exception {
            return http.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> signIn(String username, String password) throws Exception {
            get("/login");
            return postForm("/login", "username=" + username + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8), true);
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
            return cookie.isEmpty() ? builder : builder.header("Cookie", cookie);
        }

        private void remember(HttpResponse<?> response) {
            response.headers().firstValue("Set-Cookie").ifPresent(value -> cookie = value.split(";", 2)[0]);
        }
    }

    @Test
    void signsInWithTheFormThenUsesTheSessionAndCreatesATokenShownOnce() throws Exception {
        Browser browser = new Browser();
        String anonymousCookie = browser.get("/login").headers().firstValue("Set-Cookie").orElse("");

        HttpResponse<String> signIn = browser.signIn("alice", PASSWORD);
        HttpResponse<String> me = browser.get("/api/v1/me");
        browser.get("/search");
        HttpResponse<String> token = browser.postJson("/api/v1/tokens",
                "{\"name\":\"laptop\",\"scopes\":[\"read\"],\"expiresInDays\":7}");

        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/search"));
        assertThat(browser.cookie).as("a new session id after sign-in (no fixation)").isNotEqualTo(anonymousCookie);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"alice\"", "\"organisation\":\"ipsl\"");
        assertThat(token.statusCode()).isEqualTo(201);
        assertThat(token.body()).containsPattern("\"secret\":\"mrd_[A-Za-z0-9_-]{43}\"");
        assertThat(browser.get("/api/v1/tokens").body()).contains("laptop").doesNotContain("mrd_");
    }

    @Test
    void aMisspeltFieldInARequestBodyIsRefusedAndNamedNotLeftAtItsDefault() throws Exception {
        Browser browser = new Browser();
        browser.signIn("alice", PASSWORD);
        browser.get("/search");

        HttpResponse<String> token = browser.postJson("/api/v1/tokens",
                "{\"name\":\"misspelt\",\"scopes\":[\"read\"],\"expires_in_days\":1}");

        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(token.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(token.body()).contains("\"field\":\"expires_in_days\"")
                .contains("does not read: expires_in_days; it reads expiresInDays, name, scopes");
        assertThat(browser.get("/api/v1/tokens").body()).doesNotContain("misspelt");
    }

    @Test
    void signInReturnsToThePageThatAskedForIt() throws Exception {
        Browser browser = new Browser();

        HttpResponse<String> asked = browser.open("/account?tab=tokens");
        HttpResponse<String> signIn = browser.signIn("alice", PASSWORD);
        HttpResponse<String> again = new Browser().signIn("alice", PASSWORD);

        assertThat(asked.statusCode()).isEqualTo(302);
        assertThat(asked.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).endsWith("/account?tab=tokens"));
        assertThat(again.headers().firstValue("Location")).as("nothing asked for: the search page")
                .hasValueSatisfying(l -> assertThat(l).endsWith("/search"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/me", "/admin/users/alice/enabled"})
    void anApiCallOrAFormsActionIsNotAPageToReturnTo(String path) throws Exception {
        Browser browser = new Browser();

        browser.open(path);
        HttpResponse<String> signIn = browser.signIn("alice", PASSWORD);

        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/search"));
    }

    @Test
    void aProgramRefusedAPageStartsNoSession() throws Exception {
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/audit"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndAudited() throws Exception {
        Browser browser = new Browser();
        browser.get("/login");

        HttpResponse<String> forged = browser.postForm("/login", "username=alice&password=x", false);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(audit.find(AuditQuery.newest(5))).anySatisfy(event -> {
            assertThat(event.entry().action()).isEqualTo("csrf.reject");
            assertThat(event.entry().outcome()).isEqualTo(Outcome.DENIED);
        });
    }

    @Test
    void aSessionsWriteToARecordWithoutItsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        Browser browser = new Browser();
        browser.signIn("root", PASSWORD);
        String record = "/api/v1/records/" + URLEncoder.encode(aDataset("CMIP6.open.one").build().id().value(),
                StandardCharsets.UTF_8);

        // The path is a public read API; its DELETE is served, so the CSRF check still applies.
        HttpResponse<String> forged = browser.deleteWithoutCsrf(record);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.get(record).statusCode()).isEqualTo(200);
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountEvenAgainstTheRightOne(CapturedOutput output) throws Exception {
        Browser browser = new Browser();
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(browser.signIn("mallory", "wrong password " + attempt).headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
        }

        HttpResponse<String> rightPassword = browser.signIn("mallory", PASSWORD);

        assertThat(rightPassword.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        List<AuditEvent> events = audit.find(AuditQuery.newest(50));
        assertThat(events).anySatisfy(event -> assertThat(event.entry().action()).isEqualTo("user.lock"));
        assertThat(events).filteredOn(event -> event.entry().action().equals("login")
                && event.entry().target().equals("mallory")).allSatisfy(event ->
                assertThat(event.entry().outcome()).isEqualTo(Outcome.DENIED));
        assertThat(output.getAll()).doesNotContain("wrong password", PASSWORD);
    }

    @Test
    void badTokensAreRefusedWithAProblemAndNeverEchoed(CapturedOutput output) throws Exception {
        String secret = tokenFor("scripted");  // every scope
        identity.revokeToken(Caller.of(identity.findUser("scripted").orElseThrow()), "t",
                identity.listTokens(Caller.of(identity.findUser("scripted").orElseThrow())).getFirst().id());

        HttpResponse<String> revoked = get("/api/v1/search", secret);
        HttpResponse<String> unknown = get("/api/v1/search", "mrd_not-a-real-token");

        for (HttpResponse<String> response : List.of(revoked, unknown)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
            assertThat(response.body()).doesNotContain(secret).doesNotContain("mrd_not-a-real-token");
        }
        assertThat(output.getAll()).doesNotContain(secret);
        assertThat(audit.find(AuditQuery.newest(5))).anySatisfy(event ->
                assertThat(event.entry().details()).containsEntry("reason", "revoked"));
    }

    @Test
    void aTokenScopeNarrowsItsOwnersRoles() throws Exception {
        User admin = identity.findUser("root").orElseThrow();
        String readOnly = identity.createToken(Caller.of(admin), "t", "read only", Set.of(TokenScope.READ),
                java.time.Duration.ofDays(1)).secret();

        assertThat(get("/api/v1/users", readOnly).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/search", readOnly).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/search?query=secret", readOnly).body())
                .as("seeing every organisation's restricted records is a node-wide power too").contains("\"total\":0");
        String everyScope = identity.createToken(Caller.of(admin), "t", "every scope",
                EnumSet.allOf(TokenScope.class), java.time.Duration.ofDays(1)).secret();
        assertThat(get("/api/v1/search?query=secret", everyScope).body()).contains("\"total\":1");
    }

    @Test
    void aTokenRevokesOnlyItselfOtherTokensTakeASession() throws Exception {
        User admin = identity.findUser("root").orElseThrow();
        String first = identity.createToken(Caller.of(admin), "t", "first", Set.of(TokenScope.READ),
                java.time.Duration.ofDays(1)).secret();
        String second = identity.createToken(Caller.of(admin), "t", "second", Set.of(TokenScope.READ),
                java.time.Duration.ofDays(1)).secret();
        Caller firstCaller = identity.authenticateToken(first, "t").orElseThrow();
        String secondId = identity.authenticateToken(second, "t").orElseThrow().token().orElseThrow().id();

        assertThatThrownBy(() -> identity.revokeToken(firstCaller, "t", secondId))
                .isInstanceOf(IdentityProblem.class).hasMessageContaining("can revoke only itself");
        assertThat(identity.authenticateToken(second, "t")).isPresent();
        identity.revokeToken(firstCaller, "t", firstCaller.token().orElseThrow().id());
        assertThat(identity.authenticateToken(first, "t")).isEmpty();
    }

    @Test
    void restrictedRecordsAndTheirCountsAreVisibleOnlyToTheirOrganisation() throws Exception {
        Browser alice = new Browser();
        alice.signIn("alice", PASSWORD);
        Browser bob = new Browser();
        bob.signIn("bob", PASSWORD);
        String secretId = "CMIP6.secret.one.v20190308|esgf-data.example.org";

        assertThat(get("/api/v1/search?query=secret").body()).contains("\"total\":0");
        assertThat(bob.get("/api/v1/search?query=secret").body()).contains("\"total\":0");
        assertThat(alice.get("/api/v1/search?query=secret").body()).contains("\"total\":1");
        assertThat(get("/esg-search/search?format=application/solr%2Bjson&query=secret").body()).contains("\"numFound\":0");
        assertThat(alice.get("/esg-search/search?format=application/solr%2Bjson&query=secret").body()).contains("\"numFound\":1");
        assertThat(get("/api/v1/search?facets=project&limit=0").body()).doesNotContain("secret");
        assertThat(get("/search?query=secret").body()).doesNotContain("CMIP6.secret.one");
        assertThat(alice.get("/search?query=secret").body()).contains("CMIP6.secret.one");
        assertThat(get("/api/v1/records/" + URLEncoder.encode(secretId, StandardCharsets.UTF_8)).statusCode()).isEqualTo(404);
    }

    @Test
    void pagesCarrySecurityHeaders() throws Exception {
        HttpResponse<String> page = get("/search");

        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(page.headers().firstValue("X-Request-Id")).isPresent();
    }
}
