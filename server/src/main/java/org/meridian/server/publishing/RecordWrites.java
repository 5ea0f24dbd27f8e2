package org.meridian.server.publishing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordId;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.InvalidQueryException;
import org.meridian.server.audit.AuditEntry;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.Outcome;
import org.meridian.server.catalog.CatalogIndexer;
import org.meridian.server.catalog.CatalogStore;
import org.meridian.server.catalog.RestrictedDatasets;
import org.meridian.server.catalog.WriteResult;
import org.meridian.server.identity.Caller;
import org.meridian.server.identity.IdentityService;
import org.meridian.server.identity.NodeRole;
import org.meridian.server.publishing.WriteSummary.RecordOutcome;
import org.meridian.server.publishing.WriteSummary.Result;
import org.meridian.server.system.DurableTransactions;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes to the catalog on behalf of a caller: who may write which record, and the audit trail.
 *
 * <p>Records belong to organisations by master id ({@link RecordOwners}). Publishers of the
 * owning organisation may write a record; node administrators may write any. A record nobody
 * has written through this API yet is claimed by the organisation the write acts for, unless
 * the catalog already holds it (loaded by an operator): claiming that takes a node
 * administrator. A dataset's files and aggregations must belong to the dataset's owner, so no
 * organisation can add files to another's dataset, and a restricted dataset's must carry its
 * access group, so none of them shows the dataset to those it is hidden from.
 *
 * <p>Each write is one transaction holding the catalog's write lock from the first ownership
 * read to the commit, so what was checked is what gets written; every changed record is an
 * audit event in that same transaction. Removing a dataset removes its files and aggregations
 * with it, as unpublishing does on an ESGF index node.
 */
public final class RecordWrites {
    /** Records per request; bulk loads of more go through {@code meridian ingest}. */
    public static final int MAX_RECORDS = 10_000;
    /** Ids per bulk removal. */
    public static final int MAX_REMOVALS = 1_000;
    private static final String NO_OWNER = "none";

    private final CatalogStore store;
    private final RestrictedDatasets restrictedDatasets;
    private final CatalogIndexer indexer;
    private final RecordOwners owners;
    private final IdentityService identity;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    RecordWrites(DataSource dataSource, CatalogStore store, CatalogIndexer indexer, IdentityService identity,
            AuditLog audit) {
        this.store = requireNonNull(store, "store is null");
        this.restrictedDatasets = new RestrictedDatasets(store);
        this.indexer = requireNonNull(indexer, "indexer is null");
        this.owners = new RecordOwners(dataSource);
        this.identity = requireNonNull(identity, "identity is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.transactions = new TransactionTemplate(new DurableTransactions(dataSource));
    }

    /** How a request names a record's fields in its errors: by position in a bulk request. */
    @FunctionalInterface
    public interface FieldNames {
        String of(int position, String field);

        static FieldNames single() {
            return (position, field) -> field.isEmpty() ? "body" : field;
        }

        static FieldNames bulk() {
            return (position, field) -> "records[" + position + "]" + (field.isEmpty() ? "" : "." + field);
        }
    }

    /**
     * Creates or replaces records in a stage; within the request the last occurrence of an id
     * wins.
     *
     * @param organisation the organisation the write acts for, whose records new ones become.
     *                     When empty: the caller's only publishing organisation if there is
     *                     exactly one; a node administrator's new records then stay without owner.
     */
    public WriteSummary upsert(Caller caller, String requestId, Stage stage, Optional<String> organisation,
            List<CatalogRecord> records, FieldNames names) {
        requireNonNull(stage, "stage is null");
        if (records.isEmpty()) {
            throw new InvalidRecordException("records", "The request holds no records");
        }
        if (records.size() > MAX_RECORDS) {
            throw new InvalidRecordException("records", "A request holds at most " + MAX_RECORDS
                    + " records, this one holds " + records.size() + "; load more with `meridian ingest`");
        }
        Optional<String> acting = actingOrganisation(caller, requestId, organisation);
        checkAccessGroups(records, names);
        Map<RecordId, CatalogRecord> byId = new LinkedHashMap<>();
        records.forEach(record -> {
            byId.remove(record.id());
            byId.put(record.id(), record);
        });
        Written written = refusalsAudited(caller, requestId, "record.write", () -> transactions.execute(status -> {
            store.lockForWrite();
            Map<RecordId, String> replacedMasters = store.masterIdsOf(stage, byId.keySet());
            Ownership ownership = resolveOwners(caller, acting, byId.values(), replacedMasters);
            checkDatasets(stage, records, ownership.ownerByMaster(), names);
            checkRestrictedMembers(stage, records, names);
            Set<RecordId> existing = Set.copyOf(replacedMasters.keySet());
            WriteResult result = store.upsert(stage, List.copyOf(byId.values()));
            owners.claim(ownership.claims());
            List<AuditEntry> events = new ArrayList<>();
            ownership.claims().forEach((master, org) -> events.add(AuditEntry.of(caller.actor(), "record.owner-set",
                    master, Outcome.SUCCESS, requestId, Map.of("organisation", org))));
            for (CatalogChange change : result.changes()) {
                CatalogRecord record = ((CatalogChange.Upsert) change).record();
                events.add(AuditEntry.of(caller.actor(), existing.contains(record.id()) ? "record.update" : "record.create",
                        record.id().value(), Outcome.SUCCESS, requestId, Map.of(
                                "stage", label(stage),
                                "type", record.type().label(),
                                "sequence", Long.toString(change.sequence()),
                                "organisation", ownership.ownerByMaster().get(record.masterId()).orElse(NO_OWNER))));
            }
            audit.appendAll(events);
            return new Written(result, existing, ownership.claims());
        }));
        indexer.offer(written.result());
        Set<RecordId> changed = new HashSet<>();
        written.result().changes().forEach(change -> changed.add(((CatalogChange.Upsert) change).record().id()));
        List<RecordOutcome> outcomes = byId.keySet().stream()
                .map(id -> new RecordOutcome(id.value(), !changed.contains(id) ? Result.UNCHANGED
                        : written.existing().contains(id) ? Result.UPDATED : Result.CREATED))
                .toList();
        // A new record belongs to whoever wrote it, which goes without saying; an owner given to a
        // record the stage held (loaded at the command line, assigned by a node administrator) is
        // news, also when its content is unchanged.
        Map<String, String> assigned = new TreeMap<>();
        byId.values().stream().filter(record -> written.existing().contains(record.id()))
                .forEach(record -> Optional.ofNullable(written.claims().get(record.masterId()))
                        .ifPresent(owner -> assigned.put(record.masterId(), owner)));
        return WriteSummary.of(label(stage), sequenceAfter(written.result()), outcomes, assigned);
    }

    /**
     * Removes records from a stage, and with each dataset its files and aggregations. Ids the
     * stage does not hold, or holds in a record the caller may neither see nor write, are reported
     * absent: a refusal would tell that a restricted record exists. A member another organisation
     * owns goes with its dataset only if the caller may write it too.
     */
    public WriteSummary remove(Caller caller, String requestId, Stage stage, List<RecordId> ids) {
        requireNonNull(stage, "stage is null");
        if (ids.isEmpty()) {
            throw new InvalidQueryException("id", "Name at least one record to remove with id=");
        }
        if (ids.size() > MAX_REMOVALS) {
            throw new InvalidQueryException("id", "A request removes at most " + MAX_REMOVALS + " records, this one "
                    + ids.size());
        }
        Set<RecordId> requested = new LinkedHashSet<>(ids);
        Written written = refusalsAudited(caller, requestId, "record.remove", () -> transactions.execute(status -> {
            store.lockForWrite();
            Collection<CatalogRecord> stored = store.findAll(stage, requested).values();
            Map<String, String> current = owners.ownersOf(stored.stream().map(CatalogRecord::masterId).toList());
            Map<RecordId, String> ownerOf = new LinkedHashMap<>();
            Map<RecordId, RecordId> datasetOf = new HashMap<>();
            List<CatalogRecord> removing = new ArrayList<>();
            for (CatalogRecord record : stored) {
                Optional<String> owner = Optional.ofNullable(current.get(record.masterId()));
                if (!caller.accessScope().permits(record.accessGroup()) && !mayWrite(caller, owner)) {
                    continue;
                }
                requireMayWrite(caller, record.id().value(), owner);
                ownerOf.put(record.id(), owner.orElse(NO_OWNER));
                removing.add(record);
            }
            for (CatalogRecord dataset : removing) {
                if (dataset.type() != RecordType.DATASET) {
                    continue;
                }
                Map<RecordId, String> members = store.members(stage, dataset.id());
                Map<String, String> memberOwners = owners.ownersOf(Set.copyOf(members.values()));
                members.forEach((member, master) -> {
                    Optional<String> owner = Optional.ofNullable(memberOwners.get(master));
                    if (owner.isPresent() && !owner.get().equals(ownerOf.get(dataset.id()))) {
                        requireMayWrite(caller, member.value(), owner);
                    }
                    if (ownerOf.putIfAbsent(member, owner.orElse(NO_OWNER)) == null) {
                        datasetOf.put(member, dataset.id());
                    }
                });
            }
            WriteResult result = store.remove(stage, List.copyOf(ownerOf.keySet()));
            List<AuditEntry> events = new ArrayList<>();
            for (CatalogChange change : result.changes()) {
                RecordId id = ((CatalogChange.Removal) change).id();
                Map<String, String> details = new TreeMap<>(Map.of(
                        "stage", label(stage),
                        "sequence", Long.toString(change.sequence()),
                        "organisation", ownerOf.get(id)));
                Optional.ofNullable(datasetOf.get(id)).ifPresent(dataset -> details.put("with_dataset", dataset.value()));
                events.add(AuditEntry.of(caller.actor(), "record.remove", id.value(), Outcome.SUCCESS, requestId,
                        details));
            }
            audit.appendAll(events);
            return new Written(result, Set.copyOf(ownerOf.keySet()), Map.of());
        }));
        indexer.offer(written.result());
        Set<RecordId> removed = new HashSet<>();
        written.result().changes().forEach(change -> removed.add(((CatalogChange.Removal) change).id()));
        List<RecordOutcome> outcomes = new ArrayList<>();
        requested.forEach(id -> outcomes.add(new RecordOutcome(id.value(),
                removed.contains(id) ? Result.REMOVED : Result.ABSENT)));
        removed.stream().filter(id -> !requested.contains(id)).sorted()
                .forEach(id -> outcomes.add(new RecordOutcome(id.value(), Result.REMOVED)));
        return WriteSummary.of(label(stage), sequenceAfter(written.result()), outcomes);
    }

    /** What a transaction wrote, which of the records the stage held before, and the owners it recorded. */
    private record Written(WriteResult result, Set<RecordId> existing, Map<String, String> claims) {
    }

    /** Each master id's owner after the write, and the owners it records for the first time. */
    private record Ownership(Map<String, Optional<String>> ownerByMaster, Map<String, String> claims) {
    }

    private Optional<String> actingOrganisation(Caller caller, String requestId, Optional<String> organisation) {
        boolean nodeAdmin = caller.hasNodeRole(NodeRole.NODE_ADMIN);
        if (organisation.isPresent()) {
            String id = organisation.get();
            if (identity.findOrganisation(id).isEmpty()) {
                throw new InvalidQueryException("organisation", "No organisation with id '" + id + "'");
            }
            if (!nodeAdmin && !caller.isPublisherOf(id)) {
                refuse(caller, requestId, "record.write", id, "You do not publish for organisation '" + id + "'");
            }
            return organisation;
        }
        Set<String> publishing = caller.publishingOrganisations();
        if (publishing.isEmpty() && !nodeAdmin) {
            refuse(caller, requestId, "record.write", "records", "Writing records needs the publisher role in an"
                    + " organisation (and a token with the publish scope)");
        }
        return publishing.size() == 1 ? Optional.of(publishing.iterator().next()) : Optional.empty();
    }

    private void checkAccessGroups(List<CatalogRecord> records, FieldNames names) {
        Map<String, Boolean> known = new HashMap<>();
        for (int position = 0; position < records.size(); position++) {
            Optional<String> group = records.get(position).accessGroup();
            if (group.isPresent() && !known.computeIfAbsent(group.get(), g -> identity.findOrganisation(g).isPresent())) {
                throw new InvalidRecordException(names.of(position, "access_group"), "access_group names organisation '"
                        + group.get() + "', which does not exist on this node");
            }
        }
    }

    /**
     * Who owns each master id the records carry, checking that the caller may write them. A record
     * replaces what the stage holds under its id, so when that had another master id the caller
     * must also be allowed to change it: a new master id does not make someone else's record one's own.
     */
    private Ownership resolveOwners(Caller caller, Optional<String> acting, Collection<CatalogRecord> records,
            Map<RecordId, String> replacedMasters) {
        Map<String, String> firstRecordOf = new LinkedHashMap<>();
        records.forEach(record -> firstRecordOf.putIfAbsent(record.masterId(), record.id().value()));
        // Most writes keep their master id; only the others need the replaced record's owner.
        List<CatalogRecord> renamed = records.stream()
                .filter(record -> replacedMasters.containsKey(record.id())
                        && !replacedMasters.get(record.id()).equals(record.masterId()))
                .toList();
        Map<String, String> replacedOwners = owners.ownersOf(renamed.stream()
                .map(record -> replacedMasters.get(record.id())).collect(Collectors.toSet()));
        for (CatalogRecord record : renamed) {
            // Stored without an owner: loaded by an operator.
            requireMayReplace(caller, acting, record.id().value(),
                    Optional.ofNullable(replacedOwners.get(replacedMasters.get(record.id()))));
        }
        Map<String, String> current = owners.ownersOf(firstRecordOf.keySet());
        Set<String> stored = store.storedMasterIds(firstRecordOf.keySet().stream()
                .filter(master -> !current.containsKey(master)).toList());
        boolean nodeAdmin = caller.hasNodeRole(NodeRole.NODE_ADMIN);
        Map<String, Optional<String>> ownerByMaster = new HashMap<>();
        Map<String, String> claims = new TreeMap<>();
        firstRecordOf.forEach((master, recordId) -> {
            Optional<String> owner = Optional.ofNullable(current.get(master));
            if (owner.isPresent()) {
                requireMayReplace(caller, acting, recordId, owner);
                ownerByMaster.put(master, owner);
            } else if (stored.contains(master)) {
                // Loaded by an operator; only a node administrator may take it over.
                requireMayWrite(caller, recordId, Optional.empty());
                acting.ifPresent(org -> claims.put(master, org));
                ownerByMaster.put(master, acting);
            } else if (acting.isPresent()) {
                claims.put(master, acting.get());
                ownerByMaster.put(master, acting);
            } else if (nodeAdmin) {
                ownerByMaster.put(master, Optional.empty());
            } else {
                throw new InvalidQueryException("organisation", "You publish for several organisations; name the one"
                        + " that will own the new record " + recordId + " with organisation=");
            }
        });
        return new Ownership(ownerByMaster, claims);
    }

    /**
     * A file or aggregation must name a dataset that this request writes or the stage holds,
     * owned by the same organisation as the record itself.
     */
    private void checkDatasets(Stage stage, List<CatalogRecord> records, Map<String, Optional<String>> ownerByMaster,
            FieldNames names) {
        Map<RecordId, CatalogRecord> datasets = new HashMap<>();
        Set<RecordId> wanted = new HashSet<>();
        for (CatalogRecord record : records) {
            if (record.type() == RecordType.DATASET) {
                datasets.put(record.id(), record);
            }
            record.datasetId().ifPresent(wanted::add);
        }
        wanted.removeAll(datasets.keySet());
        store.findAll(stage, wanted).forEach(datasets::putIfAbsent);
        Map<String, String> storedOwners = owners.ownersOf(datasets.values().stream().map(CatalogRecord::masterId)
                .filter(master -> !ownerByMaster.containsKey(master)).toList());
        for (int position = 0; position < records.size(); position++) {
            CatalogRecord record = records.get(position);
            if (record.datasetId().isEmpty()) {
                continue;
            }
            RecordId datasetId = record.datasetId().get();
            CatalogRecord dataset = datasets.get(datasetId);
            if (dataset == null || dataset.type() != RecordType.DATASET) {
                throw new InvalidRecordException(names.of(position, "dataset_id"), "Dataset " + datasetId.value()
                        + " is not in the " + label(stage) + " stage; write it first or in the same request");
            }
            Optional<String> datasetOwner = ownerByMaster.containsKey(dataset.masterId())
                    ? ownerByMaster.get(dataset.masterId())
                    : Optional.ofNullable(storedOwners.get(dataset.masterId()));
            if (!datasetOwner.equals(ownerByMaster.get(record.masterId()))) {
                throw new WriteRefused(record.id().value(), "Record " + record.id().value() + " (field "
                        + names.of(position, "dataset_id") + ") would belong to another organisation than its dataset "
                        + datasetId.value());
            }
        }
    }

    /** Keeps a restricted dataset's files and aggregations as hidden as it ({@link RestrictedDatasets}). */
    private void checkRestrictedMembers(Stage stage, List<CatalogRecord> records, FieldNames names) {
        restrictedDatasets.check(stage, records).ifPresent(violation -> {
            throw new InvalidRecordException(names.of(violation.position(), "access_group"), violation.message());
        });
    }

    /** Refuses unless the write, acting for {@code acting}, may change a record that {@code owner} owns. */
    private static void requireMayReplace(Caller caller, Optional<String> acting, String recordId,
            Optional<String> owner) {
        if (owner.isPresent() && acting.isPresent() && !acting.equals(owner)) {
            throw new WriteRefused(recordId, "Record " + recordId + " belongs to another organisation than '"
                    + acting.get() + "'");
        }
        requireMayWrite(caller, recordId, owner);
    }

    /** Node administrators may write any record; publishers, their organisation's (none, if it has no owner). */
    private static boolean mayWrite(Caller caller, Optional<String> owner) {
        return caller.hasNodeRole(NodeRole.NODE_ADMIN) || owner.map(caller::isPublisherOf).orElse(false);
    }

    private static void requireMayWrite(Caller caller, String recordId, Optional<String> owner) {
        if (!mayWrite(caller, owner)) {
            throw new WriteRefused(recordId, owner.isPresent()
                    ? "Record " + recordId + " belongs to an organisation you do not publish for"
                    : "Record " + recordId + " was loaded by the node's operator; only a node administrator may change it");
        }
    }

    /** Audits a refusal in its own transaction (the write's has rolled back) and passes it on. */
    private <T> T refusalsAudited(Caller caller, String requestId, String action, Supplier<T> write) {
        try {
            return requireNonNull(write.get());
        } catch (WriteRefused refused) {
            identity.auditDenied(caller, action, refused.target(), requestId, refused.getMessage());
            throw refused;
        }
    }

    private void refuse(Caller caller, String requestId, String action, String target, String reason) {
        refusalsAudited(caller, requestId, action, () -> {
            throw new WriteRefused(target, reason);
        });
    }

    private long sequenceAfter(WriteResult result) {
        return result.changes().isEmpty() ? store.headSequence() : result.lastSequence();
    }

    private static String label(Stage stage) {
        return stage.name().toLowerCase(java.util.Locale.ROOT);
    }
}
