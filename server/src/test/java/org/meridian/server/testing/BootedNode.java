package org.meridian.server.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.server.audit.Actor;
import org.meridian.server.catalog.CatalogStore;
import org.meridian.server.identity.Caller;
import org.meridian.server.identity.IdentityService;
import org.meridian.server.identity.NewUser;
import org.meridian.server.identity.NodeRole;
import org.meridian.server.identity.TokenScope;
import org.meridian.server.identity.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole node on a random port and a temporary data directory, for tests that speak real HTTP.
 * Records are written the way another writer would (store only) and awaited in the index.
 */
// JUnit deletes the data directory after the class; the cached context must close first or its
// indexer outlives its files.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BootedNode {
    @TempDir
    protected static Path dataDir;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("meridian.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected CatalogStore store;

    @Autowired
    protected SearchIndex index;

    @Autowired
    protected IdentityService identity;

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    protected HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String pathAndQuery, String bearerToken) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Authorization", "Bearer " + bearerToken).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token of the first form in a page, as a browser would submit it. */
    protected static Optional<String> csrfTokenIn(String html) {
        Matcher token = CSRF_INPUT.matcher(html);
        return token.find() ? Optional.of(token.group(1)) : Optional.empty();
    }

    /** A new account with the given node roles and a token with every scope; returns the token's secret. */
    protected String tokenFor(String username, NodeRole... roles) {
        User user = identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "test",
                new NewUser(username, Optional.empty(), Optional.empty(), Set.of(roles)), Optional.empty());
        return identity.createToken(Caller.of(user), "test", "test", EnumSet.allOf(TokenScope.class),
                Duration.ofDays(1)).secret();
    }

    /** Writes records to production and waits until the node's index holds them. */
    protected void writeAndAwaitIndexed(List<CatalogRecord> records) throws InterruptedException {
        store.upsert(Stage.PRODUCTION, records);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (index.searchableSequence() < store.headSequence() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
