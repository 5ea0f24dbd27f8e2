package org.meridian.catalog.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordId;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;

/**
 * A hand-written fake for web-slice tests: exact constraints, flags, ranges, paging, facets and
 * access scopes as the contract says; free text is a simplification (every whitespace-separated
 * term must occur, case-insensitively, in some value; {@code field:value} terms match that
 * field exactly; unbalanced quotes or brackets are a syntax error). Not durable: commit only
 * remembers the sequence.
 */
public final class InMemorySearchIndex implements SearchIndex {
    private static final RecordJson JSON = new RecordJson();
    private record Entry(CatalogRecord record, Instant cataloged) {
    }

    private final Map<Stage, Map<RecordId, Entry>> stages = new ConcurrentHashMap<>();
    private volatile long applied;
    private volatile long committed;

    @Override
    public long appliedSequence() {
        return applied;
    }

    /** Applied changes are visible at once. */
    @Override
    public long searchableSequence() {
        return applied;
    }

    @Override
    public long committedSequence() {
        return committed;
    }

    @Override
    public void refresh() {
        // Applied changes are visible at once.
    }

    @Override
    public synchronized void apply(List<? extends CatalogChange> changes) {
        long previous = applied;
        for (CatalogChange change : changes) {
            if (change.sequence() <= previous) {
                throw new IllegalArgumentException("change " + change.sequence() + " is not above " + previous);
            }
            previous = change.sequence();
        }
        for (CatalogChange change : changes) {
            Map<RecordId, Entry> records = stages.computeIfAbsent(change.stage(), stage -> new ConcurrentHashMap<>());
            switch (change) {
                case CatalogChange.Upsert upsert -> records.put(upsert.id(), new Entry(upsert.record(), upsert.cataloged()));
                case CatalogChange.Removal removal -> records.remove(removal.id());
            }
            applied = change.sequence();
        }
    }

    @Override
    public synchronized void load(List<CatalogChange.Upsert> records) {
        if (records.isEmpty()) {
            return;
        }
        long sequence = records.get(0).sequence();
        for (CatalogChange.Upsert upsert : records) {
            if (upsert.sequence() != sequence || sequence < applied) {
                throw new IllegalArgumentException("loaded records carry one sequence, not below " + applied
                        + "; got " + upsert.sequence());
            }
        }
        for (CatalogChange.Upsert upsert : records) {
            stages.computeIfAbsent(upsert.stage(), stage -> new ConcurrentHashMap<>())
                    .put(upsert.id(), new Entry(upsert.record(), upsert.cataloged()));
        }
        applied = sequence;
    }

    /** Convenience for tests: upserts records into production with the next sequences. */
    public void add(CatalogRecord... records) {
        List<CatalogChange> changes = new ArrayList<>();
        long sequence = applied;
        for (CatalogRecord record : records) {
            changes.add(new CatalogChange.Upsert(++sequence, Stage.PRODUCTION, record, record.timestamp(),
                    JSON.write(record)));
        }
        apply(changes);
    }

    @Override
    public void commit() {
        committed = applied;
    }

    @Override
    public SearchResult search(Query query) {
        List<String> terms = terms(query.text().orElse(""));
        List<Entry> matches = stages.getOrDefault(query.stage(), Map.of()).values().stream()
                .filter(entry -> matches(entry, query, terms))
                .sorted(order(query.sort()))
                .toList();
        Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
        for (String facet : query.facets()) {
            TreeMap<String, Long> counts = new TreeMap<>();
            for (Entry entry : matches) {
                values(entry.record(), facet).stream().distinct().forEach(value -> counts.merge(value, 1L, Long::sum));
            }
            facets.put(facet, counts.entrySet().stream().map(e -> new FacetCount(e.getKey(), e.getValue())).toList());
        }
        List<Hit> page = matches.stream().skip(query.offset()).limit(query.limit())
                .map(entry -> new Hit(entry.record(), entry.cataloged(), 1.0f)).toList();
        return new SearchResult(matches.size(), query.offset(), page, matches.isEmpty() ? 0f : 1.0f, facets);
    }

    @Override
    public Map<RecordType, Long> countByType(Stage stage) {
        Map<RecordType, Long> counts = new EnumMap<>(RecordType.class);
        for (RecordType type : RecordType.values()) {
            counts.put(type, 0L);
        }
        stages.getOrDefault(stage, Map.of()).values().forEach(entry -> counts.merge(entry.record().type(), 1L, Long::sum));
        return counts;
    }

    @Override
    public void close() {
    }

    private static Comparator<Entry> order(SortOrder sort) {
        Comparator<Entry> byId = Comparator.comparing(entry -> entry.record().id());
        return switch (sort) {
            case RELEVANCE, ID -> byId;
            case NEWEST -> Comparator.comparing(Entry::cataloged).reversed().thenComparing(byId);
        };
    }

    private static List<String> terms(String text) {
        long quotes = text.chars().filter(c -> c == '"').count();
        long open = text.chars().filter(c -> c == '(').count();
        long close = text.chars().filter(c -> c == ')').count();
        if (quotes % 2 != 0 || open != close) {
            throw new InvalidQueryException("query", "Cannot parse query '" + text + "'");
        }
        List<String> terms = new ArrayList<>();
        for (String term : text.replace("\"", " ").replace("(", " ").replace(")", " ").split("\\s+")) {
            if (!term.isBlank() && !term.equals("AND")) {
                terms.add(term);
            }
        }
        return terms;
    }

    private static boolean matches(Entry entry, Query query, List<String> terms) {
        CatalogRecord record = entry.record();
        if (!query.access().permits(record.accessGroup())
                || query.type().map(type -> type != record.type()).orElse(false)
                || query.latest().map(flag -> flag != record.latest()).orElse(false)
                || query.replica().map(flag -> flag != record.replica()).orElse(false)
                || query.retracted().map(flag -> flag != record.retracted()).orElse(false)
                || !within(entry.cataloged(), query.cataloged())) {
            return false;
        }
        if (query.coverage().from().isPresent()
                && record.datetimeStop().map(stop -> stop.isBefore(query.coverage().from().get())).orElse(true)) {
            return false;
        }
        if (query.coverage().to().isPresent()
                && record.datetimeStart().map(start -> start.isAfter(query.coverage().to().get())).orElse(true)) {
            return false;
        }
        long version = Long.parseLong(record.version().replaceAll("\\D", "0"));
        if (query.minVersion().map(min -> version < min).orElse(false)
                || query.maxVersion().map(max -> version > max).orElse(false)) {
            return false;
        }
        for (FieldConstraint constraint : query.constraints()) {
            List<String> values = values(record, constraint.field());
            if (!constraint.anyOf().isEmpty() && constraint.anyOf().stream().noneMatch(values::contains)) {
                return false;
            }
            if (constraint.noneOf().stream().anyMatch(values::contains)) {
                return false;
            }
        }
        for (String term : terms) {
            int colon = term.indexOf(':');
            if (colon > 0) {
                if (!values(record, term.substring(0, colon)).contains(term.substring(colon + 1))) {
                    return false;
                }
            } else if (allValues(record).stream().noneMatch(value ->
                    value.toLowerCase(Locale.ROOT).contains(term.toLowerCase(Locale.ROOT)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean within(Instant time, TimeRange range) {
        return range.from().map(from -> !time.isBefore(from)).orElse(true)
                && range.to().map(to -> !time.isAfter(to)).orElse(true);
    }

    private static List<String> allValues(CatalogRecord record) {
        List<String> values = new ArrayList<>(List.of(record.id().value(), record.title(), record.instanceId()));
        record.attributes().values().forEach(values::addAll);
        return values;
    }

    /** Values of a core field or attribute, as the exact-match constraints see them. */
    static List<String> values(CatalogRecord record, String field) {
        return switch (field) {
            case "id" -> List.of(record.id().value());
            case "type" -> List.of(record.type().label());
            case "master_id" -> List.of(record.masterId());
            case "instance_id" -> List.of(record.instanceId());
            case "version" -> List.of(record.version());
            case "title" -> List.of(record.title());
            case "data_node" -> List.of(record.dataNode());
            case "index_node" -> List.of(record.indexNode());
            case "dataset_id" -> record.datasetId().map(id -> List.of(id.value())).orElse(List.of());
            case "access_group" -> record.accessGroup().map(List::of).orElse(List.of());
            case "latest" -> List.of(Boolean.toString(record.latest()));
            case "replica" -> List.of(Boolean.toString(record.replica()));
            case "retracted" -> List.of(Boolean.toString(record.retracted()));
            case "checksum" -> record.checksum().map(checksum -> List.of(checksum.hex())).orElse(List.of());
            case "checksum_type" -> record.checksum().map(checksum -> List.of(checksum.algorithm().name())).orElse(List.of());
            case "url" -> record.urls().stream().map(url -> url.encoded()).toList();
            case "size" -> List.of(Long.toString(record.size()));
            case "number_of_files" -> record.numberOfFiles().map(count -> List.of(count.toString())).orElse(List.of());
            case "number_of_aggregations" ->
                    record.numberOfAggregations().map(count -> List.of(count.toString())).orElse(List.of());
            case "timestamp" -> List.of(record.timestamp().toString());
            default -> record.attribute(field);
        };
    }

}
