package org.meridian.catalog.search;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.meridian.catalog.FacetProfile;
import org.meridian.catalog.GeoBox;
import org.meridian.catalog.RecordType;

/**
 * Turns HTTP query parameters into a {@link SearchRequest}, with the ESGF search API's names and
 * semantics (shared/spec/esgf-search-api.md §2–§3). Every API (ESGF, native JSON, web UI) parses
 * through here, so a query means the same thing wherever it is sent.
 *
 * <p>Rules: reserved keywords are interpreted; any other name (after stripping a trailing
 * {@code !} for negation) must be a core field or a known facet and becomes an exact-value
 * constraint ({@code k=a,b} and {@code k=a&k=b} mean OR, different names AND, {@code k!=v} NOT);
 * anything else is rejected. Error messages carry ESGF's phrases, which clients match on.
 */
public final class SearchParameters {
    /** Keywords with their own meaning (§2). */
    private static final Set<String> KEYWORDS = Set.of(
            "type", "query", "offset", "limit", "facets", "fields", "from", "to", "start", "end", "bbox",
            "latest", "replica", "retracted", "min_version", "max_version", "sort");
    private static final Set<String> SINGLE_VALUED = Set.of(
            "type", "query", "offset", "limit", "from", "to", "start", "end", "bbox", "latest", "replica",
            "retracted", "min_version", "max_version", "sort");
    /** Spatial parameters ESGF nodes never implemented; clients get a clear refusal (§2). */
    private static final Set<String> UNSUPPORTED = Set.of("lat", "lon", "location", "radius", "polygon");
    /** Core fields a caller may constrain by exact value (§3). */
    private static final Set<String> CORE_CONSTRAINTS = Set.of(
            "id", "master_id", "instance_id", "drs_id", "title", "dataset_id", "version", "checksum",
            "checksum_type", "data_node", "index_node", "tracking_id", "access", "url", "xlink", "size",
            "number_of_files", "number_of_aggregations", "description", "timestamp", "access_group", "origin",
            "visibility");
    /** Attribute names, and the core and bookkeeping names that start with {@code _}. */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final FacetProfile profile;
    private final Set<String> adapterParameters;
    private final DateExpression dates;

    /**
     * @param adapterParameters names the calling API handles itself (e.g. ESGF's {@code format},
     *     {@code distrib}, {@code shards}); they are skipped here rather than rejected
     */
    public SearchParameters(FacetProfile profile, Set<String> adapterParameters, Clock clock) {
        this.profile = requireNonNull(profile, "profile is null");
        this.adapterParameters = Set.copyOf(adapterParameters);
        this.dates = new DateExpression(requireNonNull(clock, "clock is null"));
    }

    /**
     * Parses parameters on top of {@code defaults} (which carries the API's default type, page
     * size, stage and the caller's access scope).
     *
     * @throws InvalidQueryException naming the first offending parameter
     */
    public SearchRequest parse(Map<String, List<String>> parameters, Query defaults) {
        requireNonNull(parameters, "parameters is null");
        Query.Builder query = defaults.toBuilder();
        List<String> fields = new ArrayList<>();
        Set<String> facets = new LinkedHashSet<>();
        Map<String, List<String>> anyOf = new LinkedHashMap<>();
        Map<String, List<String>> noneOf = new LinkedHashMap<>();
        Optional<Instant> from = defaults.cataloged().from();
        Optional<Instant> to = defaults.cataloged().to();
        Optional<Instant> start = defaults.coverage().start();
        Optional<Instant> end = defaults.coverage().end();
        boolean newestFirst = false;

        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            List<String> values = parameter.getValue();
            if (adapterParameters.contains(name)) {
                continue;
            }
            if (UNSUPPORTED.contains(name)) {
                throw new InvalidQueryException(name, "Unsupported parameter: " + name);
            }
            boolean negated = name.endsWith("!");
            String field = negated ? name.substring(0, name.length() - 1) : name;
            // A name is checked before its values, so an unknown name is reported as unknown even
            // when its value is empty as well.
            if (negated ? !isConstrainable(field) : !KEYWORDS.contains(name) && !isConstrainable(name)) {
                throw new InvalidQueryException(name, "Invalid HTTP query parameter=" + name);
            }
            for (String value : values) {
                if (value == null || value.isBlank()) {
                    throw emptyValue(name);
                }
            }
            if (SINGLE_VALUED.contains(name) && values.size() > 1) {
                throw new InvalidQueryException(name, "Parameter " + name + " may be given only once, got " + values.size());
            }
            String value = values.get(0).strip();
            switch (name) {
                case "type" -> query.type(parse(name, () -> RecordType.fromLabel(value)));
                case "query" -> query.text(value);
                case "offset" -> query.offset(nonNegative(name, value));
                case "limit" -> {
                    int limit = nonNegative(name, value);
                    if (limit > Query.MAX_LIMIT) {
                        throw new InvalidQueryException(name,
                                "Too many records requested, maximum allowed value is limit=" + Query.MAX_LIMIT);
                    }
                    query.limit(limit);
                }
                case "facets" -> values.forEach(list -> facets.addAll(facetList(list)));
                case "fields" -> values.forEach(list -> fields.addAll(fieldList(list)));
                case "from" -> from = Optional.of(time(name, value));
                case "to" -> to = Optional.of(time(name, value));
                case "start" -> start = Optional.of(time(name, value));
                case "end" -> end = Optional.of(time(name, value));
                case "bbox" -> query.bbox(bbox(value));
                case "latest" -> query.latest(flag(name, value));
                case "replica" -> query.replica(flag(name, value));
                case "retracted" -> query.retracted(flag(name, value));
                case "min_version" -> query.minVersion(version(name, value));
                case "max_version" -> query.maxVersion(version(name, value));
                case "sort" -> newestFirst = flag(name, value);
                default -> {
                    List<String> target = (negated ? noneOf : anyOf).computeIfAbsent(field, key -> new ArrayList<>());
                    values.forEach(list -> splitValues(list).forEach(part -> target.add(indexedValue(name, field, part))));
                    if (target.isEmpty()) {
                        // Only separators, such as "project=,": no value to constrain by.
                        throw emptyValue(name);
                    }
                }
            }
        }
        Set<String> constrained = new LinkedHashSet<>(anyOf.keySet());
        constrained.addAll(noneOf.keySet());
        for (String field : constrained) {
            query.constraint(new FieldConstraint(field, anyOf.getOrDefault(field, List.of()),
                    noneOf.getOrDefault(field, List.of())));
        }
        query.facets(List.copyOf(facets));
        query.cataloged(range("to", from, to));
        query.coverage(new CoverageOverlap(start, end));
        Query built = build(query);
        if (newestFirst) {
            built = built.toBuilder().sort(SortOrder.NEWEST).build();
        } else if (built.type().equals(Optional.of(RecordType.FILE))) {
            // ESGF lists files in id order unless asked to sort by time, a text query or not
            // (spec §2 `sort`), so a dataset's files come in the order of their names.
            built = built.toBuilder().sort(SortOrder.ID).build();
        }
        return new SearchRequest(built, fields.contains("*") ? List.of() : fields);
    }

    /**
     * True for names a caller may constrain by value: core fields, profile facets, federation
     * names, and the keywords that are record fields too ({@code type} and the flags, which only
     * reach here negated, as {@code latest!=true}). The other keywords ({@code limit},
     * {@code query}, …) are no record field, so {@code limit!=5} would exclude nothing.
     */
    private boolean isConstrainable(String field) {
        return CORE_CONSTRAINTS.contains(field) || profile.offers(field)
                || FacetProfile.FEDERATION_FIELDS.contains(field) || field.equals("type")
                || PlainBooleans.FLAG_FIELDS.contains(field);
    }

    /**
     * A constraint value as the index holds it: the type's label and the flags' {@code true} or
     * {@code false}, read as their own parameters read them, so {@code latest!=True} excludes
     * what {@code latest=True} keeps; every other value is taken as it is.
     */
    private static String indexedValue(String name, String field, String value) {
        if (field.equals("type")) {
            return parse(name, () -> RecordType.fromLabel(value)).label();
        }
        if (PlainBooleans.FLAG_FIELDS.contains(field)) {
            return Boolean.toString(flag(name, value));
        }
        return value;
    }

    private List<String> facetList(String list) {
        if (list.strip().equals("*")) {
            return profile.facets();
        }
        List<String> names = nonEmptyCommaList("facets", list);
        for (String name : names) {
            // Of the keywords, the type and the flags are record fields too, and are counted like any facet.
            boolean recordField = name.equals("type") || PlainBooleans.FLAG_FIELDS.contains(name);
            if (!isConstrainable(name) || KEYWORDS.contains(name) && !recordField) {
                throw new InvalidQueryException("facets", "Invalid facet name in parameter facets: " + name);
            }
            if (Query.UNCOUNTABLE_FIELDS.contains(name)) {
                throw new InvalidQueryException("facets",
                        "Field " + name + " cannot be a facet: its values are (nearly) unique to each record");
            }
        }
        return names;
    }

    /**
     * Field names to return. A name no record carries is not an error (records of different
     * projects carry different attributes, and Solr answers the same), but a name no record
     * could carry is: it is a typo or a malformed list.
     */
    private static List<String> fieldList(String list) {
        if (list.strip().equals("*")) {
            return List.of("*");
        }
        List<String> names = nonEmptyCommaList("fields", list);
        for (String name : names) {
            if (!isFieldName(name)) {
                throw new InvalidQueryException("fields", "Invalid field name in parameter fields: '" + name
                        + "' (field names are letters, digits and _, starting with a letter or _)");
            }
        }
        return names;
    }

    private static boolean isFieldName(String name) {
        if (name.equals("*")) {
            return true;
        }
        return FIELD_NAME.matcher(name).matches();
    }

    /** ESGF's refusal of an empty value, in its words (pyesgf matches on them). */
    private static InvalidQueryException emptyValue(String parameter) {
        return new InvalidQueryException(parameter, "Invalid empty value for parameter=" + parameter);
    }

    /** {@link #commaList}, refusing a list of separators only ({@code facets=,}). */
    private static List<String> nonEmptyCommaList(String parameter, String list) {
        List<String> names = commaList(list);
        if (names.isEmpty()) {
            throw emptyValue(parameter);
        }
        return names;
    }

    /** A comma list with blanks removed: {@code "a, b ,c"} → [a, b, c]. */
    private static List<String> commaList(String list) {
        List<String> names = new ArrayList<>();
        for (String part : list.split(",")) {
            String name = part.strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Splits a constraint value on commas that are not inside (), [] or {}, so model names like
     * {@code CESM1(CAM5.1,FV2)} stay whole (§3).
     */
    static List<String> splitValues(String value) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth = Math.max(0, depth - 1);
                default -> {
                }
            }
            if (c == ',' && depth == 0) {
                addPart(parts, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        addPart(parts, current);
        return parts;
    }

    private static void addPart(List<String> parts, StringBuilder current) {
        String part = current.toString().strip();
        if (!part.isEmpty()) {
            parts.add(part);
        }
    }

    private static boolean flag(String name, String value) {
        return PlainBooleans.read(value).orElseThrow(() -> new InvalidQueryException(name,
                "Parameter " + name + " must be " + PlainBooleans.ALLOWED + ", got '" + value + "'"));
    }

    private static int nonNegative(String name, String value) {
        try {
            long number = PlainNumbers.wholeNumber(value);
            if (number >= 0 && number <= Integer.MAX_VALUE) {
                return (int) number;
            }
        } catch (NumberFormatException e) {
            // fall through to the messages below, which say what is allowed
        }
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // Digits only: not negative, just too large, so "must be >= 0" would mislead.
            throw new InvalidQueryException(name, "Parameter " + name + " must be at most " + Integer.MAX_VALUE
                    + ", got '" + value + "'");
        }
        throw new InvalidQueryException(name, "Parameter " + name + " must be a whole number >= 0, got '" + value + "'");
    }

    private static Long version(String name, String value) {
        String digits = value.startsWith("v") ? value.substring(1) : value;
        try {
            return PlainNumbers.wholeNumber(digits);
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(name, "Parameter " + name + " must be a version number like 20190308, got '" + value + "'");
        }
    }

    private Instant time(String name, String value) {
        return parse(name, () -> dates.parse(value));
    }

    private static TimeRange range(String upperName, Optional<Instant> lower, Optional<Instant> upper) {
        return parse(upperName, () -> new TimeRange(lower, upper));
    }

    private static GeoBox bbox(String value) {
        String inner = value;
        if (inner.startsWith("[") && inner.endsWith("]")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        String[] parts = inner.split(",");
        if (parts.length != 4) {
            throw new InvalidQueryException("bbox", "Parameter bbox must be [west,south,east,north], got '" + value + "'");
        }
        double[] degrees = new double[4];
        for (int i = 0; i < parts.length; i++) {
            try {
                degrees[i] = PlainNumbers.decimal(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new InvalidQueryException("bbox", "Parameter bbox must hold four finite numbers, got '" + value + "'");
            }
        }
        try {
            return new GeoBox(degrees[0], degrees[1], degrees[2], degrees[3]);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("bbox", "Parameter bbox: " + e.getMessage());
        }
    }

    private static Query build(Query.Builder query) {
        try {
            return query.build();
        } catch (IllegalArgumentException e) {
            // The builder's own checks (offset, limit) already name their component.
            throw new InvalidQueryException("query", e.getMessage());
        }
    }

    private static <T> T parse(String name, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (InvalidQueryException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(name, "Parameter " + name + ": " + e.getMessage());
        }
    }
}
