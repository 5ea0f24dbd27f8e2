package org.meridian.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.server.system.Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class AuditLogTest {
    @TempDir
    Path dataDir;
    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private AuditLog log;

    @BeforeEach
    void openDatabase() {
        dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 4);
        Databases.migrate(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        log = new AuditLog(dataSource, Clock.systemUTC());
    }

    @AfterEach
    void closeDatabase() {
        dataSource.close();
    }

    private static AuditEntry entry(String action, String target) {
        return AuditEntry.of(Actor.user("alice"), action, target, Outcome.SUCCESS, "req-1", Map.of("k", "v"));
    }

    private void appendFive() {
        for (int i = 1; i <= 5; i++) {
            log.append(entry("record.write", "rec-" + i));
        }
    }

    @Test
    void chainsEachEventToThePreviousOne() {
        AuditEvent first = log.append(entry("user.create", "bob"));
        AuditEvent second = log.append(entry("role.grant", "bob"));

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(AuditEncoding.GENESIS_HASH);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(log.head()).isEqualTo(new ChainHead(2, second.hash()));
        assertThat(log.verify().isIntact()).isTrue();
        assertThat(log.verify().checked()).isEqualTo(2);
    }

    @Test
    void anEmptyLogVerifies() {
        Verification verification = log.verify();

        assertThat(verification.isIntact()).isTrue();
        assertThat(verification.checked()).isZero();
    }

    @Test
    void readsBackExactlyWhatWasHashed() {
        AuditEvent appended = log.append(AuditEntry.of(Actor.token("alice", "t1"), "token.use", "x \"quoted\" ü",
                Outcome.DENIED, "r", Map.of("b", "2", "a", "1")));

        AuditEvent read = log.find(AuditQuery.newest(1)).getFirst();

        assertThat(read).isEqualTo(appended);
    }

    @Test
    void eventsInTheHourThatComesTwiceWhenSummerTimeEndsAreReadBackAsHashed() {
        // Berlin leaves summer time at 01:00 UTC on 25 October 2026: local 02:30 comes first at
        // 00:30 UTC (+02:00), then again at 01:30 UTC (+01:00). Each event must be stored under its
        // own instant, or verifying finds it "changed" and every event after it goes unchecked.
        Instant firstPass = Instant.parse("2026-10-25T00:30:00.123456Z");
        Instant secondPass = Instant.parse("2026-10-25T01:30:00.123456Z");
        try (HikariDataSource berlin = Databases.open(
                Databases.embeddedUrl(dataDir.resolve("berlin")) + ";TIME ZONE=Europe/Berlin", "sa", "", 2)) {
            Databases.migrate(berlin);
            AuditEvent first = new AuditLog(berlin, Clock.fixed(firstPass, ZoneOffset.UTC))
                    .append(entry("record.write", "rec-1"));
            AuditLog berlinLog = new AuditLog(berlin, Clock.fixed(secondPass, ZoneOffset.UTC));
            AuditEvent second = berlinLog.append(entry("record.write", "rec-2"));

            assertThat(berlinLog.find(AuditQuery.newest(2))).containsExactly(second, first);
            assertThat(berlinLog.verify().isIntact()).isTrue();
            assertThat(berlinLog.find(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(secondPass), Optional.of(secondPass.plusSeconds(1)), Optional.empty(), 10)))
                    .containsExactly(second);
        }
    }

    @Test
    void detectsAChangedEvent() {
        appendFive();
        jdbc.update("UPDATE audit_events SET target = 'rec-x' WHERE sequence = 3");

        Verification verification = log.verify();

        assertThat(verification.firstBad()).hasValue(3);
        assertThat(verification.problem()).contains("changed");
    }

    @Test
    void namesAnEventChangedToValuesTheNodeNeverWritesInsteadOfFailing() {
        appendFive();
        jdbc.update("UPDATE audit_events SET details = 'not json' WHERE sequence = 4");
        jdbc.update("UPDATE audit_events SET actor_kind = 'ROOT' WHERE sequence = 2");

        Verification verification = log.verify();

        assertThat(verification.firstBad()).hasValue(2);
        assertThat(verification.problem()).isEqualTo("its stored fields cannot be read as an event (the event was changed)");
        assertThat(verification.checked()).isEqualTo(2);
    }

    @Test
    void detectsChangedDetailsAndTime() {
        appendFive();
        jdbc.update("UPDATE audit_events SET details = '{\"k\":\"w\"}' WHERE sequence = 2");
        assertThat(log.verify().firstBad()).hasValue(2);

        jdbc.update("UPDATE audit_events SET details = '{\"k\":\"v\"}' WHERE sequence = 2");
        assertThat(log.verify().isIntact()).isTrue();
        jdbc.update("UPDATE audit_events SET occurred_at = occurred_at + INTERVAL '1' SECOND WHERE sequence = 4");
        assertThat(log.verify().firstBad()).hasValue(4);
    }

    @Test
    void detectsADeletedEvent() {
        appendFive();
        jdbc.update("DELETE FROM audit_events WHERE sequence = 2");

        Verification verification = log.verify();

        assertThat(verification.firstBad()).hasValue(2);
        assertThat(verification.problem()).contains("missing");
    }

    @Test
    void detectsEventsCutOffTheEnd() {
        appendFive();
        jdbc.update("DELETE FROM audit_events WHERE sequence >= 4");

        assertThat(log.verify().firstBad()).hasValue(4);
    }

    @Test
    void detectsAnInsertedEventEvenWhenLaterSequencesAreRenumbered() {
        appendFive();
        // Forge: shift events 3..5 up by one and slot a made-up event in at 3, with a hash that
        // is right for its own content but chained to nothing real.
        jdbc.update("UPDATE audit_events SET sequence = sequence + 10 WHERE sequence >= 3");
        jdbc.update("UPDATE audit_events SET sequence = sequence - 9 WHERE sequence >= 13");
        AuditEncoding encoding = new AuditEncoding();
        Instant time = Instant.parse("2026-01-01T00:00:00Z");
        AuditEntry forged = entry("record.write", "forged");
        String previous = jdbc.queryForObject("SELECT event_hash FROM audit_events WHERE sequence = 2", String.class);
        jdbc.update("INSERT INTO audit_events VALUES (3, ?, 'USER', 'alice', 'record.write', 'forged', 'SUCCESS',"
                + " 'req-1', '{\"k\":\"v\"}', ?, ?)", time.atOffset(ZoneOffset.UTC), previous,
                encoding.hash(previous, 3, time, forged));

        Verification verification = log.verify();

        assertThat(verification.firstBad()).hasValue(4);
        assertThat(verification.problem()).contains("previous hash");
    }

    @Test
    void detectsReorderedEvents() {
        appendFive();
        jdbc.update("UPDATE audit_events SET sequence = 100 WHERE sequence = 2");
        jdbc.update("UPDATE audit_events SET sequence = 2 WHERE sequence = 3");
        jdbc.update("UPDATE audit_events SET sequence = 3 WHERE sequence = 100");

        assertThat(log.verify().firstBad()).hasValue(2);
    }

    @Test
    void anEventRollsBackWithTheTransactionItRecords() {
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            log.append(entry("record.write", "doomed"));
            throw new IllegalStateException("the change failed");
        })).isInstanceOf(IllegalStateException.class);
        log.append(entry("record.write", "kept"));

        assertThat(log.find(AuditQuery.newest(10))).extracting(event -> event.entry().target()).containsExactly("kept");
        assertThat(log.head().sequence()).isEqualTo(1);
        assertThat(log.verify().isIntact()).isTrue();
    }

    @Test
    void concurrentAppendsStayGapFreeAndChained() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int t = thread;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        log.append(entry("record.write", t + "-" + i));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        Verification verification = log.verify();
        assertThat(verification.isIntact()).isTrue();
        assertThat(verification.checked()).isEqualTo(200);
    }

    @Test
    void findsByActionActorOutcomeAndPagesBackwards() {
        appendFive();
        log.append(AuditEntry.of(Actor.anonymous("mallory"), "login", "mallory", Outcome.DENIED, "r", Map.of()));

        assertThat(log.find(new AuditQuery(Optional.empty(), Optional.of("login"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 10)))
                .extracting(event -> event.entry().actor().name()).containsExactly("mallory");
        assertThat(log.find(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Outcome.SUCCESS), Optional.empty(), Optional.empty(), Optional.of(4L), 2)))
                .extracting(AuditEvent::sequence).containsExactly(3L, 2L);
    }
}
