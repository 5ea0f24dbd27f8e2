package org.meridian.server.catalog;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordId;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;

/**
 * Keeps a restricted dataset's files and aggregations as hidden as the dataset. Searches filter
 * each record by its own access group, so a file without its dataset's group would show the
 * dataset's id and facet values to everyone it is hidden from. Every writer (the record API,
 * {@code meridian ingest}) checks a batch here before storing it.
 */
public final class RestrictedDatasets {
    /** The first record of a batch that would break the rule, by its position in the batch. */
    public record Violation(int position, String message) {
        public Violation {
            requireNonNull(message, "message is null");
        }
    }

    private final CatalogStore store;

    public RestrictedDatasets(CatalogStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * Checks {@code records}, about to be written to {@code stage} in one transaction: each file or
     * aggregation of a restricted dataset (as the batch writes it, else as stored) must carry the
     * dataset's group; a dataset that becomes restricted, or moves to another group, must not
     * keep stored files or aggregations without it, unless the batch rewrites them. A member whose
     * dataset is nowhere is not this rule's to judge.
     */
    public Optional<Violation> check(Stage stage, List<CatalogRecord> records) {
        Map<RecordId, CatalogRecord> datasets = new HashMap<>();
        // Where the batch writes each dataset last: that occurrence is the one stored.
        Map<RecordId, Integer> datasetPositions = new LinkedHashMap<>();
        Set<RecordId> wanted = new HashSet<>();
        Set<RecordId> written = new HashSet<>();
        for (int position = 0; position < records.size(); position++) {
            CatalogRecord record = records.get(position);
            written.add(record.id());
            if (record.type() == RecordType.DATASET) {
                datasets.put(record.id(), record);
                datasetPositions.put(record.id(), position);
            }
            record.datasetId().ifPresent(wanted::add);
        }
        wanted.removeAll(datasets.keySet());
        store.findAll(stage, wanted).forEach(datasets::putIfAbsent);
        for (int position = 0; position < records.size(); position++) {
            CatalogRecord member = records.get(position);
            CatalogRecord dataset = member.datasetId().map(datasets::get).orElse(null);
            if (dataset != null && dataset.type() == RecordType.DATASET && dataset.accessGroup().isPresent()
                    && !member.accessGroup().equals(dataset.accessGroup())) {
                return Optional.of(new Violation(position, "Record " + member.id().value() + " belongs to dataset "
                        + dataset.id().value() + ", which is restricted to access group '" + dataset.accessGroup().get()
                        + "'; its files and aggregations must be restricted to the same group"));
            }
        }
        return newlyRestrictedWithOpenMembers(stage, records, datasetPositions, written);
    }

    /** A dataset whose group stays as stored is not checked again: its members were when written. */
    private Optional<Violation> newlyRestrictedWithOpenMembers(Stage stage, List<CatalogRecord> records,
            Map<RecordId, Integer> datasetPositions, Set<RecordId> written) {
        Map<RecordId, Integer> restricted = new LinkedHashMap<>(datasetPositions);
        restricted.values().removeIf(position -> records.get(position).accessGroup().isEmpty());
        if (restricted.isEmpty()) {
            return Optional.empty();
        }
        Map<RecordId, CatalogRecord> before = store.findAll(stage, restricted.keySet());
        for (int position : restricted.values()) {
            CatalogRecord dataset = records.get(position);
            CatalogRecord stored = before.get(dataset.id());
            if (stored != null && stored.accessGroup().equals(dataset.accessGroup())) {
                continue;
            }
            Set<RecordId> kept = new HashSet<>(store.members(stage, dataset.id()).keySet());
            kept.removeAll(written);
            Optional<String> open = store.findAll(stage, kept).values().stream()
                    .filter(member -> !member.accessGroup().equals(dataset.accessGroup()))
                    .map(member -> member.id().value())
                    .sorted()
                    .findFirst();
            if (open.isPresent()) {
                return Optional.of(new Violation(position, "Dataset " + dataset.id().value()
                        + " would be restricted to access group '" + dataset.accessGroup().get() + "', but its file or"
                        + " aggregation " + open.get() + " is not; write its files and aggregations with the same"
                        + " access_group together with it"));
            }
        }
        return Optional.empty();
    }
}
