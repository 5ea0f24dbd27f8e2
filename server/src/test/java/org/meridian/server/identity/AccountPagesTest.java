package org.meridian.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditEvent;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.AuditQuery;
import org.meridian.server.audit.Outcome;
import org.meridian.server.testing.BootedNode;
import org.meridian.server.testing.BrowserSession;
import org.springframework.beans.factory.annotation.Autowired;

/** The {@code /account} page over real HTTP: a signed-in browser reads it, creates and revokes its tokens. */
class AccountPagesTest extends BootedNode {
    private static final String PASSWORD = "a long and unusual passphrase";

    @Autowired
    AuditLog audit;

    /** A new account with a password, in an organisation when one is named, signed in through the form. */
    private BrowserSession signedIn(String username, String organisation, OrgRole role) throws Exception {
        User user = identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "test",
                new NewUser(username, Optional.of(username + "@example.org"), Optional.empty(), Set.of()),
                Optional.of(PASSWORD));
        if (organisation != null) {
            Caller admin = nodeAdmin();
            if (identity.findOrganisation(organisation).isEmpty()) {
                identity.createOrganisation(admin, "test", organisation, organisation.toUpperCase(java.util.Locale.ROOT));
            }
            identity.grantRole(admin, "test", user.username(), organisation, role);
        }
        return new BrowserSession(port).signIn(username, PASSWORD);
    }

    private Caller nodeAdmin() {
        return Caller.of(identity.findUser("account-test-admin").orElseGet(() -> identity.createUser(Caller.ANONYMOUS,
                Actor.commandLine(), "test", new NewUser("account-test-admin", Optional.empty(), Optional.empty(),
                        Set.of(NodeRole.NODE_ADMIN)), Optional.empty())));
    }

    private List<ApiToken> tokensOf(String username) {
        return identity.listTokens(Caller.of(identity.findUser(username).orElseThrow()));
    }

    private AuditEvent newest(String action) {
        return audit.find(AuditQuery.newest(50)).stream().filter(event -> event.entry().action().equals(action))
                .findFirst().orElseThrow(() -> new AssertionError("no " + action + " event"));
    }

    @Test
    void anonymousBrowsersAreSentToSignIn() throws Exception {
        HttpResponse<String> page = new BrowserSession(port).get("/account");

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void showsWhoIAmMyRolesAndTheAccountLinkInTheHeader() throws Exception {
        BrowserSession browser = signedIn("ada", "noc", OrgRole.PUBLISHER);

        HttpResponse<String> response = browser.get("/account");

        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select(".facts dd").eachText()).contains("ada", "ada@example.org", "Password", "none");
        assertThat(page.select("table caption:contains(roles) ~ tbody tr").eachText()).containsExactly("noc publisher administrator");
        assertThat(page.select(".site-nav a[href=/account]").text()).isEqualTo("Account");
        assertThat(page.select("#tokens").text()).contains("You have no API tokens.");
        for (String id : List.of("token-name", "scope-read", "scope-publish", "scope-admin", "token-days")) {
            assertThat(page.select("label[for=" + id + "]")).as("label for " + id).hasSize(1);
        }
    }

    @Test
    void createsATokenAndShowsItsSecretOnceThenNeverAgain() throws Exception {
        BrowserSession browser = signedIn("grace", null, null);
        browser.get("/account");

        HttpResponse<String> created = browser.post("/account/tokens", "name", "laptop scripts", "scopes", "read",
                "scopes", "publish", "expiresInDays", "30");
        HttpResponse<String> result = browser.follow(created);
        HttpResponse<String> reload = browser.get("/account");

        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(result.headers().firstValue("Cache-Control")).as("a page holding a secret is not stored")
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        Document page = Jsoup.parse(result.body());
        String secret = page.select("#new-token-secret").attr("value");
        assertThat(secret).matches("mrd_[A-Za-z0-9_-]{43}");
        assertThat(page.select(".one-time-secret").text()).contains("Copy it now");
        assertThat(page.select("#messages").text()).isEqualTo("Token 'laptop scripts' created.");
        assertThat(page.select("#tokens tbody tr").eachText()).singleElement().satisfies(row ->
                assertThat(row).startsWith("laptop scripts read, publish").contains("never", "Active"));
        assertThat(reload.body()).doesNotContain(secret).doesNotContain("Copy it now");
        assertThat(get("/api/v1/me", secret).statusCode()).isEqualTo(200);
        ApiToken token = tokensOf("grace").getFirst();
        assertThat(token.scopes()).containsExactlyInAnyOrder(TokenScope.READ, TokenScope.PUBLISH);
        assertThat(Duration.between(token.createdAt(), token.expiresAt())).isEqualTo(Duration.ofDays(30));
        AuditEvent event = newest("token.create");
        assertThat(event.entry().target()).isEqualTo(token.id());
        assertThat(event.entry().actor()).isEqualTo(Actor.user("grace"));
        assertThat(event.entry().outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void aRefusedTokenFormComesBackWithItsStatusTheMessageAndTheFieldMarked() throws Exception {
        BrowserSession browser = signedIn("hopper", null, null);
        browser.get("/account");

        HttpResponse<String> noName = browser.post("/account/tokens", "name", " ", "scopes", "read", "expiresInDays", "7");
        HttpResponse<String> badDays = browser.post("/account/tokens", "name", "ci", "scopes", "admin",
                "expiresInDays", "soon");
        HttpResponse<String> tooLong = browser.post("/account/tokens", "name", "ci", "scopes", "read",
                "expiresInDays", "4000");
        HttpResponse<String> absurd = browser.post("/account/tokens", "name", "ci", "scopes", "read",
                "expiresInDays", "999999999999999");

        assertThat(noName.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(noName.body());
        assertThat(page.select("#refusal").text()).isEqualTo("name must be 1-128 characters");
        assertThat(page.select("#token-name").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.select("#token-name").attr("aria-describedby")).contains("refusal");
        assertThat(badDays.statusCode()).isEqualTo(400);
        Document badDaysPage = Jsoup.parse(badDays.body());
        assertThat(badDaysPage.select("#refusal").text()).isEqualTo("expiry must be a whole number of days, got 'soon'");
        assertThat(badDaysPage.select("#token-days").attr("aria-invalid")).isEqualTo("true");
        assertThat(badDaysPage.select("#token-name").attr("value")).as("what was typed is kept").isEqualTo("ci");
        assertThat(badDaysPage.select("#scope-admin").hasAttr("checked")).isTrue();
        assertThat(badDaysPage.select("#scope-read").hasAttr("checked")).isFalse();
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(tooLong.body()).select("#refusal").text()).contains("between 1 day and 365 days");
        assertThat(absurd.statusCode()).isEqualTo(400);
        assertThat(tokensOf("hopper")).isEmpty();
    }

    @Test
    void revokesATokenWhichIsThenRefusedAndShownRevoked() throws Exception {
        BrowserSession browser = signedIn("lovelace", null, null);
        browser.get("/account");
        browser.post("/account/tokens", "name", "cron", "scopes", "read", "expiresInDays", "1");
        String secret = Jsoup.parse(browser.get("/account").body()).select("#new-token-secret").attr("value");
        ApiToken token = tokensOf("lovelace").getFirst();

        HttpResponse<String> revoked = browser.post("/account/tokens/" + token.id() + "/revoke");
        Document page = Jsoup.parse(browser.follow(revoked).body());

        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(page.select("#messages").text()).startsWith("Token 'cron' revoked");
        assertThat(page.select("#token-" + token.id()).text()).contains("Revoked");
        assertThat(page.select("#token-" + token.id() + " form")).as("no second revoke button").isEmpty();
        assertThat(get("/api/v1/me", secret).statusCode()).isEqualTo(401);
        AuditEvent event = newest("token.revoke");
        assertThat(event.entry().target()).isEqualTo(token.id());
        assertThat(event.entry().actor()).isEqualTo(Actor.user("lovelace"));
    }

    @Test
    void anotherUsersTokenIsNotFoundOnThePageAndTheAttemptAudited() throws Exception {
        String othersToken = tokenFor("turing");
        String othersTokenId = tokensOf("turing").getFirst().id();
        BrowserSession browser = signedIn("mallory", null, null);
        browser.get("/account");

        HttpResponse<String> attempt = browser.post("/account/tokens/" + othersTokenId + "/revoke");

        assertThat(attempt.statusCode()).isEqualTo(404);
        assertThat(attempt.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(Jsoup.parse(attempt.body()).select("#refusal").text()).isEqualTo("no token with id '" + othersTokenId + "'");
        assertThat(get("/api/v1/me", othersToken).statusCode()).isEqualTo(200);
        AuditEvent event = newest("token.revoke");
        assertThat(event.entry().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(event.entry().actor()).isEqualTo(Actor.user("mallory"));
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndAudited() throws Exception {
        BrowserSession browser = signedIn("forged", null, null);
        browser.get("/account");

        HttpResponse<String> forged = browser.postWithoutCsrf("/account/tokens", "name", "stolen", "scopes", "admin",
                "expiresInDays", "365");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).doesNotContain("Exception").doesNotContain("Whitelabel");
        assertThat(tokensOf("forged")).isEmpty();
        AuditEvent event = newest("csrf.reject");
        assertThat(event.entry().actor()).isEqualTo(Actor.user("forged"));
        assertThat(event.entry().target()).isEqualTo("POST /account/tokens");
    }

    @Test
    void anApiTokenCannotCreateTokensThroughThePageEither() throws Exception {
        String secret = tokenFor("scripted-page");

        HttpResponse<String> attempt = postAsToken("/account/tokens", secret,
                "name=more&scopes=admin&expiresInDays=365");

        assertThat(attempt.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(attempt.body()).select("#refusal").text())
                .isEqualTo("an API token cannot create further tokens; sign in to create one");
        assertThat(tokensOf("scripted-page")).hasSize(1);
        assertThat(newest("token.create").entry().outcome()).isEqualTo(Outcome.DENIED);
    }

    private HttpResponse<String> postAsToken(String path, String secret, String form) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + secret).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
