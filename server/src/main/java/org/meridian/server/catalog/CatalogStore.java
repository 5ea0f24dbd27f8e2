package org.meridian.server.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordId;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;
import org.meridian.server.system.DatabaseTimes;
import org.meridian.server.system.DurableTransactions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The catalog's system of record: record versions per stage and the ordered change log, always
 * written together in one transaction (a transactional outbox).
 *
 * <p>Every write first locks the {@code catalog_log_head} row, so writers are serialised and
 * sequences are allocated and committed in order without gaps. Submitting a record identical to
 * the stored one (same content hash) changes nothing and appends nothing, which makes bulk loads
 * idempotent.
 */
public final class CatalogStore {
    /** Ids per IN list when looking up existing hashes; well under every database's limit. */
    private static final int LOOKUP_CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final PlatformTransactionManager transactions;
    private final RecordJson json;
    private final Clock clock;

    public CatalogStore(DataSource dataSource, RecordJson json, Clock clock) {
        requireNonNull(dataSource, "dataSource is null");
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = new DurableTransactions(dataSource);
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Creates or replaces records in a stage, in one transaction. Within the batch the last
     * occurrence of an id wins.
     */
    public WriteResult upsert(Stage stage, List<CatalogRecord> records) {
        requireNonNull(stage, "stage is null");
        Map<RecordId, CatalogRecord> byId = new LinkedHashMap<>();
        for (CatalogRecord record : records) {
            byId.remove(record.id());
            byId.put(record.id(), record);
        }
        return inTransaction(() -> writeUpserts(stage, byId));
    }

    private WriteResult writeUpserts(Stage stage, Map<RecordId, CatalogRecord> records) {
        long head = lockHead();
        Map<String, String> existing = existingHashes(stage, records.keySet());
        // Kept to the microsecond: the indexer is handed this time now, and reads the stored one after a
        // restart or for a rebuild, so the two must be equal.
        Instant now = DatabaseTimes.now(clock);
        OffsetDateTime nowStored = DatabaseTimes.bind(now);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> logRows = new ArrayList<>();
        List<CatalogChange> changes = new ArrayList<>();
        int unchanged = 0;
        for (CatalogRecord record : records.values()) {
            String document = json.write(record);
            String hash = RecordJson.sha256Hex(document);
            String id = record.id().value();
            String previousHash = existing.get(id);
            if (hash.equals(previousHash)) {
                unchanged++;
                continue;
            }
            String datasetId = record.datasetId().map(RecordId::value).orElse(null);
            if (previousHash == null) {
                inserts.add(new Object[] {stage.name(), id, record.type().name(), record.masterId(), datasetId, hash,
                        document, nowStored});
            } else {
                updates.add(new Object[] {record.type().name(), record.masterId(), datasetId, hash, document,
                        nowStored, stage.name(), id});
            }
            long sequence = head + changes.size() + 1;
            logRows.add(new Object[] {sequence, stage.name(), id, ChangeKind.UPSERT.name(), nowStored});
            changes.add(new CatalogChange.Upsert(sequence, stage, record, now, document));
        }
        jdbc.batchUpdate("""
                INSERT INTO catalog_records
                    (stage, record_id, record_type, master_id, dataset_id, content_hash, document, cataloged_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, inserts);
        jdbc.batchUpdate("""
                UPDATE catalog_records
                   SET record_type = ?, master_id = ?, dataset_id = ?, content_hash = ?, document = ?, cataloged_at = ?
                 WHERE stage = ? AND record_id = ?
                """, updates);
        appendToLog(head, logRows);
        return new WriteResult(changes, unchanged);
    }

    /** Removes records from a stage, in one transaction; ids not present are skipped. */
    public WriteResult remove(Stage stage, List<RecordId> ids) {
        requireNonNull(stage, "stage is null");
        return inTransaction(() -> {
            long head = lockHead();
            Map<String, String> existing = existingHashes(stage, ids);
            OffsetDateTime now = DatabaseTimes.bind(DatabaseTimes.now(clock));
            List<Object[]> deletes = new ArrayList<>();
            List<Object[]> logRows = new ArrayList<>();
            List<CatalogChange> changes = new ArrayList<>();
            for (RecordId id : ids) {
                if (existing.remove(id.value()) == null) {
                    continue;
                }
                long sequence = head + changes.size() + 1;
                deletes.add(new Object[] {stage.name(), id.value()});
                logRows.add(new Object[] {sequence, stage.name(), id.value(), ChangeKind.REMOVAL.name(), now});
                changes.add(new CatalogChange.Removal(sequence, stage, id));
            }
            jdbc.batchUpdate("DELETE FROM catalog_records WHERE stage = ? AND record_id = ?", deletes);
            appendToLog(head, logRows);
            return new WriteResult(changes, ids.size() - changes.size());
        });
    }

    /**
     * Takes the catalog's write lock for the surrounding transaction, which must exist. A caller
     * that decides what to write from what is stored (ownership, created or replaced) reads under
     * it, so no other writer can change that picture before its own write commits.
     */
    public void lockForWrite() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("lockForWrite needs a surrounding transaction");
        }
        lockHead();
    }

    /** The master id of each of {@code ids} that the stage holds; ids it does not hold are left out. */
    public Map<RecordId, String> masterIdsOf(Stage stage, Collection<RecordId> ids) {
        Map<RecordId, String> masters = new HashMap<>();
        forEachChunk(ids.stream().map(RecordId::value).toList(), chunk -> named.query(
                "SELECT record_id, master_id FROM catalog_records WHERE stage = :stage AND record_id IN (:ids)",
                new MapSqlParameterSource("stage", stage.name()).addValue("ids", chunk),
                row -> {
                    masters.put(RecordId.of(row.getString(1)), row.getString(2));
                }));
        return masters;
    }

    /** The sequence of the newest committed change; 0 when the log is empty. */
    public long headSequence() {
        return requireNonNull(jdbc.queryForObject("SELECT last_sequence FROM catalog_log_head WHERE id = 1", Long.class));
    }

    /**
     * Up to {@code limit} changes after {@code sequence}, in order, each with the record's current
     * content. A change whose record has since been removed comes back as a removal (and one whose
     * record was re-added as an upsert): applying them in order still ends in the current state.
     */
    public List<CatalogChange> changesAfter(long sequence, int limit) {
        return named.query("""
                SELECT c.sequence, c.stage, c.record_id, r.document, r.cataloged_at
                  FROM catalog_changes c
                  LEFT JOIN catalog_records r ON r.stage = c.stage AND r.record_id = c.record_id
                 WHERE c.sequence > :after
                 ORDER BY c.sequence
                 FETCH FIRST :limit ROWS ONLY
                """, new MapSqlParameterSource("after", sequence).addValue("limit", limit), (row, number) -> {
                    long changeSequence = row.getLong(1);
                    Stage stage = Stage.valueOf(row.getString(2));
                    String document = row.getString(4);
                    if (document == null) {
                        return new CatalogChange.Removal(changeSequence, stage, RecordId.of(row.getString(3)));
                    }
                    return new CatalogChange.Upsert(changeSequence, stage, json.read(document), DatabaseTimes.read(row, 5).orElseThrow(),
                            document);
                });
    }

    /** The stored record, if the stage holds it. */
    public Optional<CatalogRecord> find(Stage stage, RecordId id) {
        return jdbc.query("SELECT document FROM catalog_records WHERE stage = ? AND record_id = ?",
                (row, number) -> json.read(row.getString(1)), stage.name(), id.value()).stream().findFirst();
    }

    /** The stored records of a stage among {@code ids}; ids it does not hold are left out. */
    public Map<RecordId, CatalogRecord> findAll(Stage stage, Collection<RecordId> ids) {
        Map<RecordId, CatalogRecord> found = new LinkedHashMap<>();
        forEachChunk(ids.stream().map(RecordId::value).toList(), chunk -> named.query(
                "SELECT document FROM catalog_records WHERE stage = :stage AND record_id IN (:ids)",
                new MapSqlParameterSource("stage", stage.name()).addValue("ids", chunk),
                row -> {
                    CatalogRecord record = json.read(row.getString(1));
                    found.put(record.id(), record);
                }));
        return found;
    }

    /** The files and aggregations a stage holds for a dataset, in id order, each with its master id. */
    public Map<RecordId, String> members(Stage stage, RecordId datasetId) {
        Map<RecordId, String> members = new LinkedHashMap<>();
        jdbc.query("SELECT record_id, master_id FROM catalog_records WHERE dataset_id = ? AND stage = ? ORDER BY record_id",
                row -> {
                    members.put(RecordId.of(row.getString(1)), row.getString(2));
                }, datasetId.value(), stage.name());
        return members;
    }

    /** Those of {@code masterIds} that some stored record, in any stage, carries. */
    public Set<String> storedMasterIds(Collection<String> masterIds) {
        Set<String> stored = new HashSet<>();
        forEachChunk(List.copyOf(masterIds), chunk -> named.query(
                "SELECT DISTINCT master_id FROM catalog_records WHERE master_id IN (:ids)",
                new MapSqlParameterSource("ids", chunk),
                row -> {
                    stored.add(row.getString(1));
                }));
        return stored;
    }

    /**
     * Calls {@code consumer} with every record of every stage, stage by stage in id order, a page
     * of at most {@code pageSize} at a time, unparsed (the caller may parse on other threads).
     * Each page is read as committed when it is read; no transaction spans the scan. So a record
     * changed during the scan may come in its state before or after the change, or not at all if
     * it was removed or added: whoever needs an exact picture reads the log head before the scan
     * and applies every change after it afterwards. No record comes twice.
     */
    public void forEachStoredRecord(int pageSize, Consumer<List<StoredRecord>> consumer) {
        for (Stage stage : Stage.values()) {
            String after = "";
            while (true) {
                List<StoredRecord> page = jdbc.query("""
                        SELECT record_id, document, cataloged_at FROM catalog_records
                         WHERE stage = ? AND record_id > ?
                         ORDER BY record_id
                         FETCH FIRST ? ROWS ONLY
                        """, (row, number) -> new StoredRecord(stage, RecordId.of(row.getString(1)), row.getString(2),
                                DatabaseTimes.read(row, 3).orElseThrow()),
                        stage.name(), after, pageSize);
                if (page.isEmpty()) {
                    break;
                }
                consumer.accept(page);
                after = page.get(page.size() - 1).id().value();
            }
        }
    }

    /** Total records over all stages. */
    public long countAll() {
        return requireNonNull(jdbc.queryForObject("SELECT COUNT(*) FROM catalog_records", Long.class));
    }

    /** Number of records of each type in a stage. */
    public Map<RecordType, Long> countByType(Stage stage) {
        Map<RecordType, Long> counts = new EnumMap<>(RecordType.class);
        for (RecordType type : RecordType.values()) {
            counts.put(type, 0L);
        }
        jdbc.query("SELECT record_type, COUNT(*) FROM catalog_records WHERE stage = ? GROUP BY record_type",
                row -> {
                    counts.put(RecordType.valueOf(row.getString(1)), row.getLong(2));
                }, stage.name());
        return counts;
    }

    /** Total records in a stage. */
    public long count(Stage stage) {
        return requireNonNull(jdbc.queryForObject(
                "SELECT COUNT(*) FROM catalog_records WHERE stage = ?", Long.class, stage.name()));
    }

    private long lockHead() {
        // FOR UPDATE holds the head row until commit: writers queue here, so sequence order is
        // commit order and a reader of the log can never see sequence n+1 before n.
        return requireNonNull(jdbc.queryForObject(
                "SELECT last_sequence FROM catalog_log_head WHERE id = 1 FOR UPDATE", Long.class));
    }

    private void appendToLog(long head, List<Object[]> logRows) {
        if (logRows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO catalog_changes (sequence, stage, record_id, change_kind, changed_at)
                VALUES (?, ?, ?, ?, ?)
                """, logRows);
        jdbc.update("UPDATE catalog_log_head SET last_sequence = ? WHERE id = 1", head + logRows.size());
    }

    private Map<String, String> existingHashes(Stage stage, Collection<RecordId> ids) {
        Map<String, String> hashes = new HashMap<>();
        forEachChunk(ids.stream().map(RecordId::value).toList(), chunk -> named.query(
                "SELECT record_id, content_hash FROM catalog_records WHERE stage = :stage AND record_id IN (:ids)",
                new MapSqlParameterSource("stage", stage.name()).addValue("ids", chunk),
                row -> {
                    hashes.put(row.getString(1), row.getString(2));
                }));
        return hashes;
    }

    /** Splits an IN list into chunks every database accepts. */
    private static void forEachChunk(List<String> values, Consumer<List<String>> lookup) {
        for (int start = 0; start < values.size(); start += LOOKUP_CHUNK) {
            lookup.accept(values.subList(start, Math.min(values.size(), start + LOOKUP_CHUNK)));
        }
    }

    private enum ChangeKind {
        UPSERT,
        REMOVAL
    }

    /** A record as stored: its canonical text, not yet parsed, and when it was cataloged. */
    public record StoredRecord(Stage stage, RecordId id, String document, Instant cataloged) {
        public StoredRecord {
            requireNonNull(stage, "stage is null");
            requireNonNull(id, "id is null");
            requireNonNull(document, "document is null");
            requireNonNull(cataloged, "cataloged is null");
        }
    }

    /**
     * Runs {@code work} in one transaction. Spring's {@code TransactionTemplate} logs an error
     * with a stack trace whenever the rollback fails as well, which every stop during a load
     * caused (the embedded database closes itself at shutdown, under the batch); here a failed
     * rollback travels with the failure that caused it, for the caller to report once.
     */
    private <T> T inTransaction(Supplier<T> work) {
        TransactionStatus status = transactions.getTransaction(TransactionDefinition.withDefaults());
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            try {
                transactions.rollback(status);
            } catch (RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        transactions.commit(status);
        return requireNonNull(result);
    }
}
