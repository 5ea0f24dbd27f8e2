package org.meridian.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditEvent;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.AuditQuery;
import org.meridian.server.audit.Outcome;
import org.meridian.server.ops.EnvironmentVariables;
import org.meridian.server.testing.BootedNode;
import org.meridian.server.testing.Chromium;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on against real OpenID providers on loopback (mock-oauth2-server): one answers
 * without a login form, so each hop can be driven and checked over HTTP; the other shows its
 * login form, for the browser test. Both, and one node, serve every test here.
 */
class SingleSignOnTest extends BootedNode {
    private static final String CLIENT_ID = "meridian";
    /** The ID token the "uni" provider's token endpoint hands out next instead of its own, if any. */
    private static final AtomicReference<String> SUBSTITUTE_ID_TOKEN = new AtomicReference<>();
    /** Answers /authorize at once with a code; claims come from an enqueued callback. */
    private static final MockOAuth2Server PROVIDER = started(new MockOAuth2Server(new OAuth2Config(),
            new SubstituteTokenResponse()));
    /** Shows a login form taking a username and the claims as JSON. */
    private static final MockOAuth2Server FORM_PROVIDER = started(new MockOAuth2Server(new OAuth2Config(true)));

    @TestConfiguration(proxyBeanMethods = false)
    static class Secrets {
        /** Client secrets as the environment would hold them; the mock providers accept any. */
        @Bean
        @Primary
        EnvironmentVariables testEnvironment() {
            return name -> name.startsWith("MERIDIAN_SSO_") ? Optional.of("secret-of-" + name) : Optional.empty();
        }
    }

    @DynamicPropertySource
    static void identityProviders(DynamicPropertyRegistry registry) {
        String sso = "meridian.identity.sso.";
        registry.add(sso + "trusted-issuers[0]", () -> issuer(PROVIDER, "uni"));
        registry.add(sso + "trusted-issuers[1]", () -> issuer(FORM_PROVIDER, "lab"));
        provider(registry, 0, "uni", "University", issuer(PROVIDER, "uni"));
        registry.add(sso + "providers[0].group-mappings[0].group", () -> "climate-publishers");
        registry.add(sso + "providers[0].group-mappings[0].organisation", () -> "ipsl");
        registry.add(sso + "providers[0].group-mappings[0].role", () -> "publisher");
        registry.add(sso + "providers[0].group-mappings[1].group", () -> "climate-readers");
        registry.add(sso + "providers[0].group-mappings[1].organisation", () -> "ipsl");
        registry.add(sso + "providers[0].group-mappings[1].role", () -> "member");
        provider(registry, 1, "lab", "Lab Login", issuer(FORM_PROVIDER, "lab"));
        registry.add(sso + "providers[1].group-claim", () -> "teams");
        registry.add(sso + "providers[1].group-mappings[0].group", () -> "ocean");
        registry.add(sso + "providers[1].group-mappings[0].organisation", () -> "noc");
        registry.add(sso + "providers[1].group-mappings[0].role", () -> "reviewer");
    }

    private static void provider(DynamicPropertyRegistry registry, int index, String id, String name, String issuer) {
        String prefix = "meridian.identity.sso.providers[" + index + "].";
        registry.add(prefix + "id", () -> id);
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "issuer-uri", () -> issuer);
        registry.add(prefix + "client-id", () -> CLIENT_ID);
        registry.add(prefix + "client-secret-env", () -> "MERIDIAN_SSO_" + id.toUpperCase(java.util.Locale.ROOT) + "_SECRET");
    }

    @Autowired
    private AuditLog audit;

    @AfterAll
    static void stopProviders() {
        PROVIDER.shutdown();
        FORM_PROVIDER.shutdown();
    }

    @Test
    void firstSignInProvisionsTheAccountWithTheMappedRoles() throws Exception {
        organisations("ipsl");
        String subject = UUID.randomUUID().toString();
        Session session = new Session();

        HttpResponse<String> end = session.signIn(subject, "ada", List.of("climate-publishers", "unmapped-group"));

        assertThat(landing(end)).hasValue("/search");
        User ada = identity.findUser("ada").orElseThrow();
        assertThat(ada.idpIssuer()).hasValue(issuer(PROVIDER, "uni"));
        assertThat(ada.memberships()).containsExactly(new Membership("ipsl", OrgRole.PUBLISHER, Membership.Source.IDP));
        assertThat(session.get("/search").body()).contains("Signed in as <strong>ada</strong>");
        assertThat(newestEvent("login").entry().details()).containsEntry("method", "oidc").containsKey("role_changes");
    }

    @Test
    void aGroupRemovedAtTheProviderRemovesItsRoleButKeepsOnesGrantedHere() throws Exception {
        organisations("ipsl");
        String subject = UUID.randomUUID().toString();
        new Session().signIn(subject, "grace", List.of("climate-publishers", "climate-readers"));
        identity.grantRole(admin(), "test", "grace", "ipsl", OrgRole.REVIEWER);

        new Session().signIn(subject, "grace", List.of("climate-readers"));

        assertThat(identity.findUser("grace").orElseThrow().memberships()).containsExactlyInAnyOrder(
                new Membership("ipsl", OrgRole.MEMBER, Membership.Source.IDP),
                new Membership("ipsl", OrgRole.REVIEWER, Membership.Source.LOCAL));
        assertThat(identity.findUser("grace-2")).isEmpty();
    }

    @Test
    void anIdTokenFromAnUntrustedIssuerIsRefusedAuditedAndCreatesNoAccount() throws Exception {
        String subject = UUID.randomUUID().toString();
        // Signed with the provider's real key ("uni" names it), but issued as another host.
        String untrusted = "http://localhost:" + PROVIDER.baseUrl().port() + "/uni";
        SignedJWT idToken = PROVIDER.anyToken(HttpUrl.get(untrusted),
                Map.of("sub", subject, "aud", CLIENT_ID, "preferred_username", "mallory"), Duration.ofHours(1));

        HttpResponse<String> end = new Session().signInReceiving(idToken.serialize());

        assertThat(landing(end)).hasValue("/login?sso=invalid-response");
        assertThat(identity.findUser("mallory")).isEmpty();
        AuditEvent refusal = newestEvent("login");
        assertThat(refusal.entry().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(refusal.entry().details()).containsEntry("provider", "uni")
                .hasEntrySatisfying("reason", reason -> assertThat(reason).contains("iss").contains(untrusted));
    }

    @Test
    void anIdTokenSignedWithAnotherKeyIsRefused() throws Exception {
        String subject = UUID.randomUUID().toString();
        String keyId = PROVIDER.issueToken("uni", "someone", CLIENT_ID).getHeader().getKeyID();
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID(keyId).generate();
        Instant now = Instant.now();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(),
                new JWTClaimsSet.Builder().issuer(issuer(PROVIDER, "uni")).subject(subject).audience(CLIENT_ID)
                        .claim("preferred_username", "eve").claim("groups", List.of("climate-publishers"))
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600))).build());
        forged.sign(new RSASSASigner(otherKey));

        HttpResponse<String> end = new Session().signInReceiving(forged.serialize());

        assertThat(landing(end)).hasValue("/login?sso=invalid-response");
        assertThat(identity.findUser("eve")).isEmpty();
        AuditEvent refusal = newestEvent("login");
        assertThat(refusal.entry().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(refusal.entry().details().get("reason")).contains("invalid_id_token");
    }

    @Test
    void aDisabledAccountIsRefusedWithAReasonOnTheSignInPage() throws Exception {
        String subject = UUID.randomUUID().toString();
        new Session().signIn(subject, "linus", List.of());
        identity.setEnabled(admin(), "test", "linus", false);
        Session session = new Session();

        HttpResponse<String> end = session.signIn(subject, "linus", List.of());

        assertThat(landing(end)).hasValue("/login?sso=account-disabled");
        assertThat(session.get("/login?sso=account-disabled").body()).contains("This account is disabled.");
        assertThat(newestEvent("login").entry().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(session.get("/search").body()).doesNotContain("Signed in as");
    }

    @Test
    void aRestrictedDatasetIsFoundOnlyAfterSigningInAsAMemberOfItsOrganisation() throws Exception {
        organisations("ipsl");
        String masterId = "CMIP6.CMIP.IPSL.IPSL-CM6A-LR.restricted-" + UUID.randomUUID().toString().substring(0, 8);
        writeAndAwaitIndexed(List.of(aDataset(masterId).withAccessGroup("ipsl").build()));
        // The only record this node holds.
        String search = "/api/v1/search";
        Session session = new Session();
        assertThat(session.get(search).body()).doesNotContain(masterId);

        session.signIn(UUID.randomUUID().toString(), "marie", List.of("climate-readers"));

        HttpResponse<String> found = session.get(search);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains(masterId);
        assertThat(get(search).body()).as("anonymous, no cookie").doesNotContain(masterId);
    }

    @Test
    void theSignInPageOffersEachProviderAndAnUnknownOneEndsThereWithAReason() throws Exception {
        Session session = new Session();
        String page = session.get("/login").body();
        assertThat(page).contains("href=\"/oauth2/authorization/uni\"").contains("Sign in with University")
                .contains("href=\"/oauth2/authorization/lab\"").contains("Sign in with Lab Login");

        HttpResponse<String> unknown = session.get("/oauth2/authorization/nope");

        assertThat(unknown.statusCode()).isEqualTo(302);
        assertThat(landing(unknown)).hasValue("/login?sso=invalid-response");
    }

    @Test
    void signsInThroughTheProvidersLoginFormInChromium(@TempDir Path profile) {
        Chromium.assumeInstalled();
        organisations("noc");
        try (Playwright playwright = Chromium.playwright();
                BrowserContext browser = Chromium.launch(playwright, profile, Chromium.options(profile))) {
            Page page = browser.newPage();
            page.navigate("http://localhost:" + port + "/login");

            page.getByText("Sign in with Lab Login").click();
            page.waitForURL(url -> url.startsWith(issuer(FORM_PROVIDER, "lab") + "/authorize"));
            page.fill("input[name=username]", "rosalind-subject");
            page.fill("textarea[name=claims]", "{\"preferred_username\": \"rosalind\", \"teams\": [\"ocean\"]}");
            page.click("input[type=submit]");

            page.waitForURL("http://localhost:" + port + "/search");
            assertThat(page.locator(".site-header__account").textContent()).contains("Signed in as rosalind");
        }
        assertThat(identity.findUser("rosalind").orElseThrow().memberships())
                .containsExactly(new Membership("noc", OrgRole.REVIEWER, Membership.Source.IDP));
    }

    /** Where the node sent the browser, without its own address. */
    private java.util.Optional<String> landing(HttpResponse<String> response) {
        return response.headers().firstValue("Location").map(location -> location.replace("http://localhost:" + port, ""));
    }

    private Caller admin() {
        return Caller.of(identity.findUser("sso-test-admin").orElseGet(() -> identity.createUser(Caller.ANONYMOUS,
                Actor.commandLine(), "test", new NewUser("sso-test-admin", Optional.empty(), Optional.empty(),
                        Set.of(NodeRole.NODE_ADMIN)), Optional.empty())));
    }

    /** Organisations must exist for roles in them to be granted. */
    private void organisations(String... ids) {
        for (String id : ids) {
            if (identity.findOrganisation(id).isEmpty()) {
                identity.createOrganisation(admin(), "test", id, id.toUpperCase(java.util.Locale.ROOT));
            }
        }
    }

    private AuditEvent newestEvent(String action) {
        return audit.find(AuditQuery.newest(50)).stream().filter(event -> event.entry().action().equals(action))
                .findFirst().orElseThrow();
    }

    private static MockOAuth2Server started(MockOAuth2Server server) {
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a mock identity provider", e);
        }
        return server;
    }

    /**
     * The provider's issuer URL. The mock takes {@code iss} from the Host header, and would name
     * itself "localhost"; the node is reached as localhost, so the two keep separate cookies.
     */
    private static String issuer(MockOAuth2Server server, String issuerId) {
        return "http://127.0.0.1:" + server.baseUrl().port() + "/" + issuerId;
    }

    /** The mock's own routes cannot be told what to answer; this one answers first while a substitute is set. */
    private static final class SubstituteTokenResponse implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return request.getUrl().encodedPath().equals("/uni/token") && SUBSTITUTE_ID_TOKEN.get() != null;
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String body = "{\"access_token\":\"opaque\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"id_token\":\""
                    + SUBSTITUTE_ID_TOKEN.get() + "\"}";
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200, body, null);
        }
    }

    /** A browser's cookie jar and navigation, one hop at a time. */
    private final class Session {
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> get(String pathOrUrl) throws Exception {
            URI uri = pathOrUrl.startsWith("/") ? URI.create("http://localhost:" + port + pathOrUrl) : URI.create(pathOrUrl);
            return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html,*/*;q=0.8").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Signs in through the "uni" provider, which vouches for these claims; returns the node's last answer. */
        HttpResponse<String> signIn(String subject, String username, List<String> groups) throws Exception {
            String authorize = location(get("/oauth2/authorization/uni"));
            PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback("uni", subject, JOSEObjectType.JWT.getType(), null,
                    Map.of("preferred_username", username, "groups", groups), 3600));
            return get(location(get(authorize)));
        }

        /** Signs in through "uni", whose token endpoint answers with this ID token instead of its own. */
        HttpResponse<String> signInReceiving(String idToken) throws Exception {
            String authorize = location(get("/oauth2/authorization/uni"));
            String callback = location(get(authorize));
            SUBSTITUTE_ID_TOKEN.set(idToken);
            try {
                return get(callback);
            } finally {
                SUBSTITUTE_ID_TOKEN.set(null);
            }
        }

        private String location(HttpResponse<String> response) {
            assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(302);
            return response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString();
        }
    }
}
