package org.meridian.server.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.meridian.server.system.DatabaseTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Requests to rebuild the search index, kept in the database so a command-line
 * {@code meridian reindex} can ask the process that owns the index (a serving node) to do it, and
 * follow its progress.
 */
public final class IndexRebuildRequests {
    /** Where a request stands. */
    public enum State {
        REQUESTED,
        RUNNING,
        DONE,
        FAILED
    }

    /** One request and its progress. */
    public record Rebuild(long id, State state, long done, long total, Optional<String> message) {
        public boolean finished() {
            return state == State.DONE || state == State.FAILED;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public IndexRebuildRequests(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(requireNonNull(dataSource, "dataSource is null"));
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Files a request and returns its id. */
    public long request() {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO index_rebuilds (requested_at, state, done, total) VALUES (:now, 'REQUESTED', 0, 0)")
                .param("now", DatabaseTimes.bind(clock.instant()))
                .update(key, "id");
        return requireNonNull(key.getKey(), "no generated id").longValue();
    }

    /** Whether a request waits to be claimed. */
    public boolean anyWaiting() {
        return jdbc.sql("SELECT COUNT(*) FROM index_rebuilds WHERE state = 'REQUESTED'").query(Long.class).single() > 0;
    }

    /** Marks the oldest waiting request as running and returns it, if there is one. */
    public Optional<Rebuild> claimNext() {
        Optional<Long> next = jdbc.sql("SELECT MIN(id) FROM index_rebuilds WHERE state = 'REQUESTED'")
                .query(Long.class).optional();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        int claimed = jdbc.sql("UPDATE index_rebuilds SET state = 'RUNNING' WHERE id = :id AND state = 'REQUESTED'")
                .param("id", next.get()).update();
        return claimed == 1 ? find(next.get()) : Optional.empty();
    }

    /**
     * Marks every running request failed with {@code message}, for the owner of the index to call
     * as it starts: a request still running then was left by a node that stopped during it.
     *
     * @return how many were marked
     */
    public int failRunning(String message) {
        return jdbc.sql("UPDATE index_rebuilds SET state = 'FAILED', message = :message, finished_at = :now"
                        + " WHERE state = 'RUNNING'")
                .param("message", message)
                .param("now", DatabaseTimes.bind(clock.instant()))
                .update();
    }

    public void progress(long id, long done, long total) {
        jdbc.sql("UPDATE index_rebuilds SET done = :done, total = :total WHERE id = :id")
                .param("done", done).param("total", total).param("id", id).update();
    }

    public void finish(long id, State state, String message) {
        jdbc.sql("UPDATE index_rebuilds SET state = :state, message = :message, finished_at = :now WHERE id = :id")
                .param("state", state.name())
                .param("message", message == null ? null : message.substring(0, Math.min(message.length(), 2000)))
                .param("now", DatabaseTimes.bind(clock.instant()))
                .param("id", id)
                .update();
    }

    public Optional<Rebuild> find(long id) {
        return jdbc.sql("SELECT id, state, done, total, message FROM index_rebuilds WHERE id = :id")
                .param("id", id)
                .query((row, number) -> new Rebuild(row.getLong(1), State.valueOf(row.getString(2)), row.getLong(3),
                        row.getLong(4), Optional.ofNullable(row.getString(5))))
                .optional();
    }
}
