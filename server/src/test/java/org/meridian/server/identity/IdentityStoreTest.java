package org.meridian.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.server.system.Databases;

/**
 * The identity tables on a node whose database session runs in a zone with summer time: Berlin
 * leaves it at 01:00 UTC on 25 October 2026, so local 02:30 comes first at 00:30 UTC and again at
 * 01:30 UTC. Expiry times in that hour must be stored as the instants they are, or a token or a
 * setup link would expire an hour early.
 */
class IdentityStoreTest {
    private static final Instant SECOND_PASS = Instant.parse("2026-10-25T01:30:00.123456Z");

    @TempDir
    Path dataDir;

    private HikariDataSource dataSource;
    private IdentityStore store;

    @BeforeEach
    void openBerlinDatabase() {
        dataSource = Databases.open(Databases.embeddedUrl(dataDir) + ";TIME ZONE=Europe/Berlin", "sa", "", 2);
        Databases.migrate(dataSource);
        store = new IdentityStore(dataSource);
        store.insertUser("u-1", "ada", Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(),
                Optional.empty(), SECOND_PASS.minusSeconds(86_400));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void aTokenExpiringInTheHourThatComesTwiceKeepsItsExpiry() {
        ApiToken token = new ApiToken("t-1", "u-1", "nightly", Set.of(TokenScope.READ),
                SECOND_PASS.minusSeconds(3_600), SECOND_PASS, Optional.empty(), Optional.empty());
        store.insertToken(token, "a".repeat(64));

        assertThat(store.findToken("t-1")).contains(token);
    }

    @Test
    void aSetupLinkExpiringInTheHourThatComesTwiceIsValidUntilThen() {
        store.insertSetupLink("b".repeat(64), "u-1", SECOND_PASS);

        assertThat(store.setupLinkIsValid("b".repeat(64), SECOND_PASS.minusSeconds(1_200))).isTrue();
        assertThat(store.setupLinkIsValid("b".repeat(64), SECOND_PASS.plusSeconds(1))).isFalse();
    }
}
