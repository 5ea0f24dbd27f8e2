package org.meridian.catalog.search;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.meridian.catalog.GeoBox;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;

/**
 * One search, independent of the API it came through (native JSON, ESGF, web UI).
 *
 * @param text free text in Lucene syntax; bare terms search every field, {@code field:value}
 *     searches one; empty matches everything
 * @param type the record type, or any type when empty
 * @param constraints exact-value constraints, ANDed across fields
 * @param latest,replica,retracted filters on those flags; empty means no filter
 * @param cataloged when this node stored the record (ESGF {@code from}/{@code to})
 * @param coverage overlap with the data's temporal coverage (ESGF {@code start}/{@code end})
 * @param minVersion,maxVersion numeric bounds on {@code version} (YYYYMMDD), inclusive
 * @param bbox overlap with the record's spatial box
 * @param limit page size; 0 asks for counts only
 * @param facets facet fields whose value counts are wanted
 * @param access restricted records the caller may see
 */
public record Query(
        Optional<String> text,
        Optional<RecordType> type,
        List<FieldConstraint> constraints,
        Optional<Boolean> latest,
        Optional<Boolean> replica,
        Optional<Boolean> retracted,
        TimeRange cataloged,
        CoverageOverlap coverage,
        Optional<Long> minVersion,
        Optional<Long> maxVersion,
        Optional<GeoBox> bbox,
        int offset,
        int limit,
        List<String> facets,
        SortOrder sort,
        Stage stage,
        AccessScope access) {

    /** Largest page a caller may request (ESGF's limit). */
    public static final int MAX_LIMIT = 10_000;

    /**
     * Core fields that match exactly but are never counted: near-unique identifiers and
     * numbers. Counting them would list one value per record, so the APIs refuse them as
     * {@link #facets} and an index need not keep what counting them would take.
     */
    public static final Set<String> UNCOUNTABLE_FIELDS = Set.of(
            "id", "master_id", "instance_id", "title", "checksum", "url", "size", "number_of_files",
            "number_of_aggregations", "timestamp");

    public Query {
        requireNonNull(text, "text is null");
        requireNonNull(type, "type is null");
        constraints = List.copyOf(constraints);
        requireNonNull(latest, "latest is null");
        requireNonNull(replica, "replica is null");
        requireNonNull(retracted, "retracted is null");
        requireNonNull(cataloged, "cataloged is null");
        requireNonNull(coverage, "coverage is null");
        requireNonNull(minVersion, "minVersion is null");
        requireNonNull(maxVersion, "maxVersion is null");
        requireNonNull(bbox, "bbox is null");
        requireNonNull(sort, "sort is null");
        requireNonNull(stage, "stage is null");
        requireNonNull(access, "access is null");
        facets = List.copyOf(facets);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must lie in [0, " + MAX_LIMIT + "], got " + limit);
        }
        text = text.map(String::strip).filter(t -> !t.isEmpty() && !t.equals("*:*"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Everything public in production, first page of ten, no facets. */
    public static Query all() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.text = text;
        builder.type = type;
        builder.constraints.addAll(constraints);
        builder.latest = latest;
        builder.replica = replica;
        builder.retracted = retracted;
        builder.cataloged = cataloged;
        builder.coverage = coverage;
        builder.minVersion = minVersion;
        builder.maxVersion = maxVersion;
        builder.bbox = bbox;
        builder.offset = offset;
        builder.limit = limit;
        builder.facets.addAll(facets);
        builder.sort = sort;
        builder.stage = stage;
        builder.access = access;
        return builder;
    }

    /** Assembles a query; unset parts match everything. */
    public static final class Builder {
        private Optional<String> text = Optional.empty();
        private Optional<RecordType> type = Optional.empty();
        private final List<FieldConstraint> constraints = new ArrayList<>();
        private Optional<Boolean> latest = Optional.empty();
        private Optional<Boolean> replica = Optional.empty();
        private Optional<Boolean> retracted = Optional.empty();
        private TimeRange cataloged = TimeRange.UNBOUNDED;
        private CoverageOverlap coverage = CoverageOverlap.ANY;
        private Optional<Long> minVersion = Optional.empty();
        private Optional<Long> maxVersion = Optional.empty();
        private Optional<GeoBox> bbox = Optional.empty();
        private int offset;
        private int limit = 10;
        private final List<String> facets = new ArrayList<>();
        private SortOrder sort = SortOrder.RELEVANCE;
        private Stage stage = Stage.PRODUCTION;
        private AccessScope access = AccessScope.PUBLIC;

        private Builder() {
        }

        public Builder text(String text) {
            this.text = Optional.ofNullable(text);
            return this;
        }

        public Builder type(RecordType type) {
            this.type = Optional.ofNullable(type);
            return this;
        }

        public Builder constraint(FieldConstraint constraint) {
            constraints.add(requireNonNull(constraint, "constraint is null"));
            return this;
        }

        public Builder where(String field, String... anyOf) {
            return constraint(FieldConstraint.anyOf(field, anyOf));
        }

        public Builder whereNot(String field, String... noneOf) {
            return constraint(FieldConstraint.noneOf(field, noneOf));
        }

        public Builder latest(Boolean latest) {
            this.latest = Optional.ofNullable(latest);
            return this;
        }

        public Builder replica(Boolean replica) {
            this.replica = Optional.ofNullable(replica);
            return this;
        }

        public Builder retracted(Boolean retracted) {
            this.retracted = Optional.ofNullable(retracted);
            return this;
        }

        public Builder cataloged(TimeRange cataloged) {
            this.cataloged = requireNonNull(cataloged, "cataloged is null");
            return this;
        }

        public Builder coverage(CoverageOverlap coverage) {
            this.coverage = requireNonNull(coverage, "coverage is null");
            return this;
        }

        public Builder minVersion(Long minVersion) {
            this.minVersion = Optional.ofNullable(minVersion);
            return this;
        }

        public Builder maxVersion(Long maxVersion) {
            this.maxVersion = Optional.ofNullable(maxVersion);
            return this;
        }

        public Builder bbox(GeoBox bbox) {
            this.bbox = Optional.ofNullable(bbox);
            return this;
        }

        public Builder offset(int offset) {
            this.offset = offset;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder facets(List<String> facets) {
            this.facets.clear();
            this.facets.addAll(facets);
            return this;
        }

        public Builder facet(String facet) {
            facets.add(requireNonNull(facet, "facet is null"));
            return this;
        }

        public Builder sort(SortOrder sort) {
            this.sort = requireNonNull(sort, "sort is null");
            return this;
        }

        public Builder stage(Stage stage) {
            this.stage = requireNonNull(stage, "stage is null");
            return this;
        }

        public Builder access(AccessScope access) {
            this.access = requireNonNull(access, "access is null");
            return this;
        }

        public Query build() {
            return new Query(text, type, constraints, latest, replica, retracted, cataloged, coverage,
                    minVersion, maxVersion, bbox, offset, limit, facets, sort, stage, access);
        }
    }
}
