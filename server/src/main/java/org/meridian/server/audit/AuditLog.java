package org.meridian.server.audit;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.meridian.server.system.DatabaseTimes;
import org.meridian.server.system.DurableTransactions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only, hash-chained audit log.
 *
 * <p>{@link #append} joins the caller's transaction when there is one, so an event commits or
 * rolls back together with the change it records; otherwise it commits on its own. Appends lock
 * the {@code audit_head} row, which serialises them: sequences are gap-free and each hash covers
 * the one before.
 */
public final class AuditLog {
    private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditEncoding encoding = new AuditEncoding();
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final Clock clock;

    public AuditLog(DataSource dataSource, Clock clock) {
        requireNonNull(dataSource, "dataSource is null");
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.transactions = new TransactionTemplate(new DurableTransactions(dataSource));
        this.clock = requireNonNull(clock, "clock is null");
    }

    public AuditEvent append(AuditEntry entry) {
        return appendAll(List.of(entry)).getFirst();
    }

    /** Appends events in order, in one transaction (the caller's, if any). */
    public List<AuditEvent> appendAll(List<AuditEntry> entries) {
        requireNonNull(entries, "entries is null");
        return requireNonNull(transactions.execute(status -> {
            ChainHead head = jdbc.queryForObject(
                    "SELECT last_sequence, last_hash FROM audit_head WHERE id = 1 FOR UPDATE",
                    (rs, row) -> new ChainHead(rs.getLong(1), rs.getString(2)));
            // The hashed time must be the stored one, to the microsecond and in the hour that comes
            // twice when summer time ends (DatabaseTimes).
            Instant now = DatabaseTimes.now(clock);
            OffsetDateTime stored = DatabaseTimes.bind(now);
            long sequence = requireNonNull(head).sequence();
            String previous = head.hash();
            List<AuditEvent> events = new ArrayList<>(entries.size());
            List<Object[]> rows = new ArrayList<>(entries.size());
            for (AuditEntry entry : entries) {
                sequence++;
                String hash = encoding.hash(previous, sequence, now, entry);
                events.add(new AuditEvent(sequence, now, entry, previous, hash));
                rows.add(new Object[] {sequence, stored, entry.actor().kind().name(), entry.actor().name(),
                        entry.action(), entry.target(), entry.outcome().name(), entry.requestId(),
                        mapper.writeValueAsString(entry.details()), previous, hash});
                previous = hash;
            }
            jdbc.batchUpdate("""
                    INSERT INTO audit_events (sequence, occurred_at, actor_kind, actor, action, target, outcome,
                                              request_id, details, previous_hash, event_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, rows);
            jdbc.update("UPDATE audit_head SET last_sequence = ?, last_hash = ? WHERE id = 1", sequence, previous);
            return events;
        }));
    }

    public ChainHead head() {
        return requireNonNull(jdbc.queryForObject("SELECT last_sequence, last_hash FROM audit_head WHERE id = 1",
                (rs, row) -> new ChainHead(rs.getLong(1), rs.getString(2))));
    }

    /** One page of events matching the query, newest first. */
    public List<AuditEvent> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE 1 = 1");
        List<Object> arguments = new ArrayList<>();
        query.actor().ifPresent(value -> condition(sql, arguments, " AND actor = ?", value));
        query.action().ifPresent(value -> condition(sql, arguments, " AND action = ?", value));
        query.target().ifPresent(value -> condition(sql, arguments, " AND target = ?", value));
        query.outcome().ifPresent(value -> condition(sql, arguments, " AND outcome = ?", value.name()));
        query.from().ifPresent(value -> condition(sql, arguments, " AND occurred_at >= ?", DatabaseTimes.bind(value)));
        query.to().ifPresent(value -> condition(sql, arguments, " AND occurred_at < ?", DatabaseTimes.bind(value)));
        query.before().ifPresent(value -> condition(sql, arguments, " AND sequence < ?", value));
        sql.append(" ORDER BY sequence DESC FETCH FIRST ").append(query.limit()).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), (rs, row) -> readEvent(rs), arguments.toArray());
    }

    private static void condition(StringBuilder sql, List<Object> arguments, String clause, Object value) {
        sql.append(clause);
        arguments.add(value);
    }

    /** Events up to a sequence, in order, streamed (the log may hold millions). */
    public void forEachUpTo(long lastSequence, Consumer<AuditEvent> consumer) {
        jdbc.query("SELECT * FROM audit_events WHERE sequence <= ? ORDER BY sequence", rs -> {
            consumer.accept(readEvent(rs));
        }, lastSequence);
    }

    /** The stored hash of one event, to compare with an external anchor. */
    public java.util.Optional<String> hashAt(long sequence) {
        return jdbc.query("SELECT event_hash FROM audit_events WHERE sequence = ?", (rs, row) -> rs.getString(1), sequence)
                .stream().findFirst();
    }

    /**
     * Recomputes the whole chain and compares it with the stored hashes and the head. Names the
     * first sequence at which an event was changed, removed, inserted or moved.
     */
    public Verification verify() {
        // The head is read first so events appended during a long scan are simply not checked.
        ChainHead head = head();
        ChainVerifier verifier = new ChainVerifier(encoding);
        jdbc.query("SELECT * FROM audit_events WHERE sequence <= ? ORDER BY sequence", rs -> {
            AuditEvent event;
            try {
                event = readEvent(rs);
            } catch (RuntimeException unreadable) {
                // A value the node never writes (an unknown actor kind or outcome, details that are
                // not JSON, a missing field) is a change like any other: name the event, go no further.
                verifier.unreadable(rs.getLong("sequence"));
                return;
            }
            verifier.accept(event);
        }, head.sequence());
        return verifier.finish(head);
    }

    private AuditEvent readEvent(ResultSet rs) throws SQLException {
        Actor actor = new Actor(Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor"));
        Map<String, String> details = mapper.readValue(rs.getString("details"), DETAILS);
        AuditEntry entry = AuditEntry.of(actor, rs.getString("action"), rs.getString("target"),
                Outcome.valueOf(rs.getString("outcome")), rs.getString("request_id"), details);
        Instant time = DatabaseTimes.read(rs, "occurred_at").orElseThrow();
        return new AuditEvent(rs.getLong("sequence"), time, entry, rs.getString("previous_hash"),
                rs.getString("event_hash"));
    }
}
