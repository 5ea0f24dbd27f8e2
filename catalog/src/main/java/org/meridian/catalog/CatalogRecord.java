package org.meridian.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One catalog record: a Dataset, File or Aggregation, shaped like an ESGF index document.
 *
 * <p>The single-valued fields that clients and the index treat specially are typed components;
 * every other ESGF field (project, source_id, variable_id, description, tracking_id, …) is a
 * multi-valued {@link #attributes() attribute}. Facets are simply the attributes a facet profile
 * names. Meridian's own fields are {@code visibility}, {@code accessGroup} (empty = public) and
 * {@code origin} (the node the record came from).
 *
 * @param datasetId for File and Aggregation records, the id of the dataset they belong to
 * @param timestamp when the record was published at its source (ESGF {@code timestamp})
 */
public record CatalogRecord(
        RecordId id,
        RecordType type,
        String masterId,
        String instanceId,
        String version,
        boolean latest,
        boolean replica,
        boolean retracted,
        String dataNode,
        String indexNode,
        String title,
        Optional<RecordId> datasetId,
        long size,
        Optional<Integer> numberOfFiles,
        Optional<Integer> numberOfAggregations,
        Optional<Checksum> checksum,
        List<AccessUrl> urls,
        Instant timestamp,
        Optional<Instant> datetimeStart,
        Optional<Instant> datetimeStop,
        Optional<GeoBox> geoBox,
        Map<String, List<String>> attributes,
        Visibility visibility,
        Optional<String> accessGroup,
        String origin) {


    /**
     * Names with a typed component or a reserved meaning; they cannot be attributes. The set
     * follows ESGF's core fields (spec §3, §4.1).
     */
    public static final Set<String> CORE_FIELDS = Set.of(
            "id", "type", "master_id", "instance_id", "version", "latest", "replica", "retracted",
            "data_node", "index_node", "title", "dataset_id", "size", "number_of_files",
            "number_of_aggregations", "checksum", "checksum_type", "url", "timestamp", "_timestamp",
            "datetime_start", "datetime_stop", "north_degrees", "south_degrees", "east_degrees",
            "west_degrees", "visibility", "access_group", "origin", "score", "_version_", "text");

    public CatalogRecord {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireText(masterId, "master_id");
        requireText(instanceId, "instance_id");
        requireText(version, "version");
        requireText(dataNode, "data_node");
        requireText(indexNode, "index_node");
        requireText(title, "title");
        requireNonNull(datasetId, "datasetId is null");
        requireNonNull(numberOfFiles, "numberOfFiles is null");
        requireNonNull(numberOfAggregations, "numberOfAggregations is null");
        requireNonNull(checksum, "checksum is null");
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(datetimeStart, "datetimeStart is null");
        requireNonNull(datetimeStop, "datetimeStop is null");
        requireNonNull(geoBox, "geoBox is null");
        requireNonNull(visibility, "visibility is null");
        requireNonNull(accessGroup, "accessGroup is null");
        requireText(origin, "origin");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
        if (type == RecordType.DATASET && datasetId.isPresent()) {
            throw new IllegalArgumentException("a Dataset record has no dataset_id");
        }
        if (type != RecordType.DATASET && datasetId.isEmpty()) {
            throw new IllegalArgumentException("a " + type.label() + " record needs a dataset_id");
        }
        if (retracted && latest) {
            throw new IllegalArgumentException("a retracted record cannot be latest");
        }
        if (datetimeStart.isPresent() && datetimeStop.isPresent()
                && datetimeStop.get().isBefore(datetimeStart.get())) {
            throw new IllegalArgumentException("datetime_stop is before datetime_start");
        }
        accessGroup.ifPresent(group -> requireText(group, "access_group"));
        urls = List.copyOf(urls);
        attributes = copyAttributes(attributes);
    }

    /** Values of one attribute, empty when the record has none. */
    public List<String> attribute(String name) {
        return attributes.getOrDefault(name, List.of());
    }

    /** The first value of an attribute, if any. */
    public Optional<String> firstAttribute(String name) {
        List<String> values = attribute(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** True when anyone, signed in or not, may see this record. */
    public boolean isPublic() {
        return accessGroup.isEmpty();
    }

    public CatalogRecord withLatest(boolean newLatest) {
        return new CatalogRecord(id, type, masterId, instanceId, version, newLatest, replica, retracted,
                dataNode, indexNode, title, datasetId, size, numberOfFiles, numberOfAggregations, checksum,
                urls, timestamp, datetimeStart, datetimeStop, geoBox, attributes, visibility, accessGroup,
                origin);
    }

    public CatalogRecord withRetracted(boolean newRetracted) {
        return new CatalogRecord(id, type, masterId, instanceId, version, latest && !newRetracted, replica,
                newRetracted, dataNode, indexNode, title, datasetId, size, numberOfFiles, numberOfAggregations,
                checksum, urls, timestamp, datetimeStart, datetimeStop, geoBox, attributes, visibility,
                accessGroup, origin);
    }

    public CatalogRecord withAccessGroup(Optional<String> newAccessGroup) {
        return new CatalogRecord(id, type, masterId, instanceId, version, latest, replica, retracted,
                dataNode, indexNode, title, datasetId, size, numberOfFiles, numberOfAggregations, checksum,
                urls, timestamp, datetimeStart, datetimeStop, geoBox, attributes, visibility, newAccessGroup,
                origin);
    }

    private static void requireText(String value, String field) {
        requireNonNull(value, field + " is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    /**
     * {@code [A-Za-z][A-Za-z0-9_]*}, checked by hand: every record read checks some 40 names, and
     * a regular expression made that a fifth of the time spent reading records.
     */
    static boolean isAttributeName(String name) {
        if (name.isEmpty() || !isAsciiLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static Map<String, List<String>> copyAttributes(Map<String, List<String>> attributes) {
        requireNonNull(attributes, "attributes is null");
        TreeMap<String, List<String>> copy = new TreeMap<>();
        attributes.forEach((name, values) -> {
            if (!isAttributeName(name)) {
                throw new IllegalArgumentException("attribute name '" + name + "' is not a valid field name");
            }
            if (CORE_FIELDS.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is a core field, not an attribute");
            }
            List<String> valuesCopy = List.copyOf(values);
            if (!valuesCopy.isEmpty()) {
                copy.put(name, valuesCopy);
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
