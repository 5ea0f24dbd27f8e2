package org.meridian.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meridian.server.audit.Actor;
import org.meridian.server.testing.BootedNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every endpoint the running node actually exposes (read from its handler mappings, actuator
 * included) × every kind of caller, against the access the endpoint is meant to have. A new
 * endpoint fails here until it is given a row, so none ships without a decided rule.
 *
 * <p>"Allowed" means the request got past authorisation (any status but 401 and 403: a 400 for
 * an empty body or a 404 for a made-up id still shows the caller was let in); "denied" means 401
 * for anonymous callers and 403 for signed-in ones.
 */
class AuthorizationMatrixTest extends BootedNode {
    /** Who may reach an endpoint. */
    enum Access {
        PUBLIC, SIGNED_IN, PUBLISHER, ORG_ADMIN, AUDITOR, NODE_ADMIN,
        /** Signed in with a browser session; an API token may not mint further tokens, nor revoke others. */
        SESSION_ONLY
    }

    /** The callers, each a token holder with every scope (scopes are tested separately). */
    enum Who {
        ANONYMOUS, READONLY, MEMBER, REVIEWER, PUBLISHER, ORG_ADMIN, AUDITOR, NODE_ADMIN
    }

    private static final Map<String, Access> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /", Access.PUBLIC),
            Map.entry("GET /search", Access.PUBLIC),
            Map.entry("GET /search/facets/{facet}", Access.PUBLIC),
            Map.entry("GET /datasets/{id}", Access.PUBLIC),
            Map.entry("GET /login", Access.PUBLIC),
            Map.entry("GET /error", Access.PUBLIC),
            Map.entry("GET /setup", Access.PUBLIC),
            Map.entry("POST /setup", Access.PUBLIC),
            Map.entry("GET /api/v1/search", Access.PUBLIC),
            Map.entry("GET /api/v1/records/{id}", Access.PUBLIC),
            Map.entry("GET /api/v1/datasets/{id}/files", Access.PUBLIC),
            Map.entry("GET /scenarios", Access.SIGNED_IN),
            Map.entry("GET /scenarios/models/{id}", Access.SIGNED_IN),
            Map.entry("GET /scenarios/models/{id}/investments", Access.SIGNED_IN),
            Map.entry("GET /scenarios/models/{id}/investments/portfolio", Access.SIGNED_IN),
            Map.entry("GET /scenarios/models/{id}/investments/optimum", Access.SIGNED_IN),
            Map.entry("POST /scenarios/runs", Access.SIGNED_IN),
            Map.entry("GET /scenarios/runs/{id}", Access.SIGNED_IN),
            Map.entry("GET /scenarios/runs/{id}/progress", Access.SIGNED_IN),
            Map.entry("POST /scenarios/runs/{id}/cancel", Access.SIGNED_IN),
            Map.entry("POST /scenarios/runs/{id}/share", Access.SIGNED_IN),
            Map.entry("GET /api/v1/scenarios/models", Access.SIGNED_IN),
            Map.entry("GET /api/v1/scenarios/models/{id}", Access.SIGNED_IN),
            Map.entry("POST /api/v1/scenarios/models", Access.PUBLISHER),
            Map.entry("PUT /api/v1/scenarios/models/{id}", Access.PUBLISHER),
            Map.entry("GET /api/v1/scenarios/runs", Access.SIGNED_IN),
            Map.entry("POST /api/v1/scenarios/runs", Access.SIGNED_IN),
            Map.entry("GET /api/v1/scenarios/runs/{id}", Access.SIGNED_IN),
            Map.entry("POST /api/v1/scenarios/runs/{id}/cancel", Access.SIGNED_IN),
            Map.entry("POST /api/v1/scenarios/runs/{id}/share", Access.SIGNED_IN),
            Map.entry("POST /api/v1/records", Access.PUBLISHER),
            Map.entry("PUT /api/v1/records/{id}", Access.PUBLISHER),
            Map.entry("DELETE /api/v1/records/{id}", Access.PUBLISHER),
            Map.entry("DELETE /api/v1/records", Access.PUBLISHER),
            Map.entry("GET /api/v1/openapi.json", Access.PUBLIC),
            Map.entry("GET /esg-search/search", Access.PUBLIC),
            Map.entry("GET /esgf-1-5-bridge", Access.PUBLIC),
            Map.entry("GET /esgf-1-5-bridge/search", Access.PUBLIC),
            Map.entry("GET /esg-search/wget", Access.PUBLIC),
            Map.entry("POST /esg-search/wget", Access.PUBLIC),
            Map.entry("GET /api/v1/me", Access.SIGNED_IN),
            Map.entry("GET /api/v1/tokens", Access.SIGNED_IN),
            Map.entry("POST /api/v1/tokens", Access.SESSION_ONLY),
            Map.entry("DELETE /api/v1/tokens/{id}", Access.SESSION_ONLY),
            Map.entry("GET /api/v1/organisations", Access.SIGNED_IN),
            Map.entry("POST /api/v1/organisations", Access.NODE_ADMIN),
            Map.entry("POST /api/v1/organisations/{organisation}/members", Access.ORG_ADMIN),
            Map.entry("DELETE /api/v1/organisations/{organisation}/members/{username}/{role}", Access.ORG_ADMIN),
            Map.entry("GET /api/v1/users", Access.NODE_ADMIN),
            Map.entry("POST /api/v1/users", Access.NODE_ADMIN),
            Map.entry("POST /api/v1/users/{username}/enabled", Access.NODE_ADMIN),
            Map.entry("POST /api/v1/users/{username}/node-roles", Access.NODE_ADMIN),
            Map.entry("DELETE /api/v1/users/{username}/node-roles/{role}", Access.NODE_ADMIN),
            Map.entry("GET /account", Access.SIGNED_IN),
            Map.entry("POST /account/tokens", Access.SESSION_ONLY),
            Map.entry("POST /account/tokens/{id}/revoke", Access.SESSION_ONLY),
            Map.entry("GET /admin/users", Access.NODE_ADMIN),
            Map.entry("POST /admin/users", Access.NODE_ADMIN),
            Map.entry("POST /admin/users/{username}/enabled", Access.NODE_ADMIN),
            Map.entry("POST /admin/users/{username}/node-roles", Access.NODE_ADMIN),
            Map.entry("POST /admin/users/{username}/node-roles/{role}/revoke", Access.NODE_ADMIN),
            Map.entry("GET /admin/organisations", Access.ORG_ADMIN),
            Map.entry("POST /admin/organisations", Access.NODE_ADMIN),
            Map.entry("GET /admin/organisations/{organisation}", Access.ORG_ADMIN),
            Map.entry("POST /admin/organisations/{organisation}/members", Access.ORG_ADMIN),
            Map.entry("POST /admin/organisations/{organisation}/members/{username}/{role}/revoke", Access.ORG_ADMIN),
            Map.entry("GET /api/v1/audit", Access.AUDITOR),
            Map.entry("GET /api/v1/audit/verify", Access.AUDITOR),
            Map.entry("GET /audit", Access.AUDITOR),
            Map.entry("GET /actuator", Access.NODE_ADMIN),
            Map.entry("GET /actuator/health", Access.PUBLIC),
            Map.entry("GET /actuator/health/**", Access.PUBLIC),
            Map.entry("GET /actuator/info", Access.NODE_ADMIN),
            Map.entry("GET /actuator/prometheus", Access.NODE_ADMIN)));

    /** Bodies that are well-formed JSON but change nothing that matters to other rows. */
    private static final Map<String, String> BODIES = Map.of(
            "POST /api/v1/tokens", "{\"name\":\"matrix\",\"scopes\":[\"read\"],\"expiresInDays\":1}",
            "POST /api/v1/organisations", "{\"id\":\"org-matrix\",\"name\":\"Matrix\"}",
            "POST /api/v1/organisations/{organisation}/members", "{\"username\":\"readonly\",\"role\":\"readonly\"}",
            "POST /api/v1/users", "{\"username\":\"matrix-user\"}",
            "POST /api/v1/users/{username}/enabled", "{\"enabled\":true}",
            "POST /api/v1/users/{username}/node-roles", "{\"role\":\"auditor\"}");

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** Shared by the test methods, like the node they run against. */
    private static final Map<Who, String> tokens = new LinkedHashMap<>();

    @BeforeEach
    void createCallersOnce() {
        if (!tokens.isEmpty()) {
            return;
        }
        User admin = identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "test",
                new NewUser("node-admin", Optional.empty(), Optional.empty(), Set.of(NodeRole.NODE_ADMIN)),
                Optional.empty());
        Caller adminCaller = Caller.of(admin);
        identity.createOrganisation(adminCaller, "test", "org-a", "Organisation A");
        tokens.put(Who.NODE_ADMIN, tokenOf(admin));
        tokens.put(Who.AUDITOR, tokenOf(user("auditor", Set.of(NodeRole.AUDITOR), null)));
        tokens.put(Who.READONLY, tokenOf(user("readonly", Set.of(), OrgRole.READONLY)));
        tokens.put(Who.MEMBER, tokenOf(user("member", Set.of(), OrgRole.MEMBER)));
        tokens.put(Who.REVIEWER, tokenOf(user("reviewer", Set.of(), OrgRole.REVIEWER)));
        tokens.put(Who.PUBLISHER, tokenOf(user("publisher", Set.of(), OrgRole.PUBLISHER)));
        tokens.put(Who.ORG_ADMIN, tokenOf(user("org-admin", Set.of(), OrgRole.ADMIN)));
    }

    private User user(String name, Set<NodeRole> roles, OrgRole orgRole) {
        User user = identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "test",
                new NewUser(name, Optional.empty(), Optional.empty(), roles), Optional.empty());
        Caller admin = Caller.of(identity.findUser("node-admin").orElseThrow());
        if (orgRole != null) {
            identity.grantRole(admin, "test", name, "org-a", orgRole);
        }
        return identity.findUser(name).orElseThrow();
    }

    private String tokenOf(User user) {
        return identity.createToken(Caller.of(user), "test", "matrix", EnumSet.allOf(TokenScope.class),
                Duration.ofDays(1)).secret();
    }

    /** {@code METHOD pattern} for every handler of every request mapping (MVC and actuator). */
    private Set<String> exposedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    for (RequestMethod method : methods.isEmpty() ? EnumSet.of(RequestMethod.GET) : methods) {
                        endpoints.add(method.name() + " " + pattern);
                    }
                }
            }
        }
        return endpoints;
    }

    @Test
    void everyExposedEndpointHasADecidedRule() {
        assertThat(exposedEndpoints()).isEqualTo(EXPECTED.keySet());
    }

    @Test
    void everyCallerGetsExactlyTheAccessEachEndpointIsMeantToHave() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String endpoint : exposedEndpoints()) {
            Access access = EXPECTED.get(endpoint);
            for (Who who : Who.values()) {
                int status = call(endpoint, who);
                boolean allowed = status != 401 && status != 403;
                boolean expected = allows(access, who);
                if (allowed != expected) {
                    wrong.add(endpoint + " as " + who + ": got " + status + ", expected "
                            + (expected ? "allowed" : "denied"));
                } else if (!allowed && status != (who == Who.ANONYMOUS ? 401 : 403)) {
                    wrong.add(endpoint + " as " + who + ": denied with " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static boolean allows(Access access, Who who) {
        return switch (access) {
            case PUBLIC -> true;
            case SIGNED_IN -> who != Who.ANONYMOUS;
            // An organisation's admin does not publish unless also granted the publisher role.
            case PUBLISHER -> who == Who.PUBLISHER || who == Who.NODE_ADMIN;
            case ORG_ADMIN -> who == Who.ORG_ADMIN || who == Who.NODE_ADMIN;
            case AUDITOR -> who == Who.AUDITOR || who == Who.NODE_ADMIN;
            case NODE_ADMIN -> who == Who.NODE_ADMIN;
            // Every caller here holds a token or nothing; sessions are covered in SessionSecurityTest.
            case SESSION_ONLY -> false;
        };
    }

    record Csrf(String cookie, String token) {
    }

    private Csrf csrfFromLoginPage() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Optional<String> token = csrfTokenIn(page.body());
        assertThat(token).as("the login form carries a CSRF token").isPresent();
        return new Csrf(cookie, token.get());
    }

    private int call(String endpoint, Who who) throws Exception {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
        String path = pattern.replace("{facet}", "project").replace("{organisation}", "org-a")
                .replace("{username}", "readonly").replace("{role}", "readonly").replace("{id}", "no-such-id")
                .replace("**", "liveness");
        String body = BODIES.getOrDefault(endpoint, "{}");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (who != Who.ANONYMOUS) {
            request.header("Authorization", "Bearer " + tokens.get(who));
        } else if (!method.equals("GET") && !path.startsWith("/api/")) {
            // A browser form carries its session's CSRF token; without one the page is never reached.
            Csrf csrf = csrfFromLoginPage();
            request.header("Cookie", csrf.cookie()).header("X-CSRF-TOKEN", csrf.token());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
