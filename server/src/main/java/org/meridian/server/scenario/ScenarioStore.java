package org.meridian.server.scenario;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.meridian.server.system.DatabaseTimes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Models and runs in the database. Plain storage: who may see or change what is {@link ScenarioRuns}'s. */
final class ScenarioStore {
    private static final String RUN_COLUMNS = """
            r.id, r.model_id, m.name, r.owner_id, u.username, r.shared_with, r.samples, r.seed, r.status, r.error,
            r.elapsed_ms, r.results, r.created_at, r.finished_at
            """;
    private static final String RUN_FROM = """
             FROM scenario_runs r JOIN scenario_models m ON m.id = r.model_id JOIN users u ON u.id = r.owner_id
            """;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final JsonMapper json = JsonMapper.builder().build();

    ScenarioStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(requireNonNull(dataSource, "dataSource is null"));
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    void insertModel(ScenarioModelEntry model) {
        jdbc.update("""
                INSERT INTO scenario_models (id, name, technology, source, added_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, model.id(), model.name(), model.technology(), model.source(), model.addedBy(),
                DatabaseTimes.bind(model.createdAt()), DatabaseTimes.bind(model.updatedAt()));
    }

    void updateModel(String id, String technology, String source, Instant now) {
        jdbc.update("UPDATE scenario_models SET technology = ?, source = ?, updated_at = ? WHERE id = ?",
                technology, source, DatabaseTimes.bind(now), id);
    }

    List<ScenarioModelEntry> listModels() {
        return jdbc.query("SELECT * FROM scenario_models ORDER BY name", (row, number) -> model(row));
    }

    Optional<ScenarioModelEntry> findModel(String id) {
        return jdbc.query("SELECT * FROM scenario_models WHERE id = ?", (row, number) -> model(row), id).stream()
                .findFirst();
    }

    Optional<ScenarioModelEntry> findModelByName(String name) {
        return jdbc.query("SELECT * FROM scenario_models WHERE name = ?", (row, number) -> model(row), name).stream()
                .findFirst();
    }

    void insertRun(String id, String modelId, String ownerId, int samples, long seed, Instant now) {
        jdbc.update("""
                INSERT INTO scenario_runs (id, model_id, owner_id, samples, seed, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, id, modelId, ownerId, samples, seed, RunStatus.QUEUED.name(), DatabaseTimes.bind(now));
    }

    /** Moves a run on, but never out of a finished state (a cancelled run stays cancelled). */
    boolean setStatus(String id, RunStatus status) {
        return jdbc.update("UPDATE scenario_runs SET status = ? WHERE id = ? AND status IN ('QUEUED', 'RUNNING')",
                status.name(), id) == 1;
    }

    boolean finish(String id, RunStatus status, Optional<String> error, Optional<Long> elapsedMillis,
            List<ResultRow> results, Instant now) {
        return jdbc.update("""
                UPDATE scenario_runs SET status = ?, error = ?, elapsed_ms = ?, results = ?, finished_at = ?
                 WHERE id = ? AND status IN ('QUEUED', 'RUNNING')
                """, status.name(), error.orElse(null), elapsedMillis.orElse(null),
                results.isEmpty() ? null : json.writeValueAsString(results), DatabaseTimes.bind(now), id) == 1;
    }

    void share(String id, Optional<String> organisation) {
        jdbc.update("UPDATE scenario_runs SET shared_with = ? WHERE id = ?", organisation.orElse(null), id);
    }

    Optional<ScenarioRun> findRun(String id) {
        return jdbc.query("SELECT " + RUN_COLUMNS + RUN_FROM + " WHERE r.id = ?", (row, number) -> run(row), id)
                .stream().findFirst();
    }

    /** The runs a user owns or that are shared with one of their organisations, newest first. */
    List<ScenarioRun> visibleRuns(String userId, Collection<String> organisations, int limit) {
        return named.query("SELECT " + RUN_COLUMNS + RUN_FROM + """
                 WHERE r.owner_id = :user OR r.shared_with IN (:organisations)
                 ORDER BY r.created_at DESC, r.id
                 FETCH FIRST :limit ROWS ONLY
                """, new MapSqlParameterSource("user", userId)
                // An IN list needs at least one element; no organisation id is empty.
                .addValue("organisations", organisations.isEmpty() ? List.of("") : List.copyOf(organisations))
                .addValue("limit", limit), (row, number) -> run(row));
    }

    /** Runs left unfinished by a node that stopped; they are failed at start. */
    List<String> unfinishedRunIds() {
        return jdbc.queryForList("SELECT id FROM scenario_runs WHERE status IN ('QUEUED', 'RUNNING')", String.class);
    }

    private static ScenarioModelEntry model(ResultSet row) throws SQLException {
        return new ScenarioModelEntry(row.getString("id"), row.getString("name"), row.getString("technology"),
                row.getString("source"), row.getString("added_by"), DatabaseTimes.read(row, "created_at").orElseThrow(),
                DatabaseTimes.read(row, "updated_at").orElseThrow());
    }

    private ScenarioRun run(ResultSet row) throws SQLException {
        RunStatus status = RunStatus.valueOf(row.getString(9));
        long elapsed = row.getLong(11);
        Optional<Long> elapsedMillis = row.wasNull() ? Optional.empty() : Optional.of(elapsed);
        String results = row.getString(12);
        return new ScenarioRun(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), Optional.ofNullable(row.getString(6)), row.getInt(7), row.getLong(8), status,
                status.finished() ? 100 : 0, Optional.ofNullable(row.getString(10)), elapsedMillis,
                results == null ? List.of() : json.readValue(results, new TypeReference<List<ResultRow>>() { }),
                DatabaseTimes.read(row, 13).orElseThrow(), DatabaseTimes.read(row, 14));
    }
}
