package org.meridian.server.web;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.FacetProfile;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.search.FacetCount;
import org.meridian.catalog.search.FieldConstraint;
import org.meridian.catalog.search.InvalidQueryException;
import org.meridian.catalog.search.PlainBooleans;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchResult;

/**
 * What the search page shows. The form's own fields (text, type, versions) are read from the URL,
 * so they keep what the user typed even when the search is rejected.
 *
 * @param hiddenFields the rest of the search state, submitted with the form so a new text
 *     search keeps the filters
 * @param chips the active filters, each removable
 * @param wgetHref a download script for the files of this search, when it found any
 * @param problem why the search could not run, if it could not
 */
record SearchPage(
        String query,
        String type,
        List<TypeOption> types,
        List<VersionOption> versions,
        List<HiddenField> hiddenFields,
        List<Chip> chips,
        String clearHref,
        List<FacetPanel> facets,
        List<Result> results,
        Paging paging,
        Optional<String> wgetHref,
        Optional<Problem> problem) {

    /** Parameters the search form edits itself, or that only position the page. */
    private static final Set<String> FORM_PARAMETERS = Set.of("query", "type", "latest", SearchState.OFFSET);
    /** Parameters that are no filter a user would want to see or remove as a chip. */
    private static final Set<String> NOT_FILTERS = Set.of("query", "type", SearchState.OFFSET, "limit",
            SearchState.EXPANDED, "facets", "fields");
    /**
     * Chip words for the parameters that bound a time: {@code start} and {@code end} keep records
     * whose temporal coverage overlaps them (spec §2), which "start = 2000-01-01" would misstate;
     * {@code from} and {@code to} bound when records were cataloged.
     */
    private static final Map<String, TimeBound> TIME_BOUNDS = Map.of(
            "start", new TimeBound("Data covering", "from"),
            "end", new TimeBound("Data covering", "until"),
            "from", new TimeBound("Cataloged", "from"),
            "to", new TimeBound("Cataloged", "until"));
    /** Facet values shown with each result; the title and id carry the rest. */
    private static final int KEY_FACETS = 6;
    /** Facets too uniform to tell results apart (one project, one era per node), or shown on their own. */
    private static final Set<String> NOT_KEY_FACETS = Set.of("project", "mip_era", "data_node");

    record TypeOption(String label, boolean selected) {
    }

    private record TimeBound(String label, String operator) {
    }

    /**
     * One choice of the versions control: every version (no {@code latest} parameter), the latest
     * only, or the earlier ones only. A choice of three, not a checkbox, so {@code latest=false} can
     * be shown and kept too.
     */
    record VersionOption(String value, String label, boolean selected) {
    }

    record HiddenField(String name, String value) {
    }

    /**
     * An active filter: {@code Source = CESM2}, {@code Experiment ≠ ssp585}, {@code Data covering from 2015-01-01}.
     */
    record Chip(String name, String label, String operator, String value, String removeHref) {
    }

    /** A parameter the search could not use, with a link to the same search without it. */
    record Problem(String parameter, String message, String withoutHref) {
    }

    record Field(String name, String label, List<String> values) {
    }

    /** One hit; {@code href} leads to its dataset (for a file, the dataset it belongs to). */
    record Result(String title, String id, String href, String typeLabel, List<Field> keyFacets, String version,
            boolean latest, boolean replica, boolean retracted, long bytes, String size,
            Optional<String> numberOfFiles, String dataNode) {
    }

    SearchPage {
        requireNonNull(query, "query is null");
        requireNonNull(type, "type is null");
        types = List.copyOf(types);
        versions = List.copyOf(versions);
        hiddenFields = List.copyOf(hiddenFields);
        chips = List.copyOf(chips);
        requireNonNull(clearHref, "clearHref is null");
        facets = List.copyOf(facets);
        results = List.copyOf(results);
        requireNonNull(paging, "paging is null");
        requireNonNull(wgetHref, "wgetHref is null");
        requireNonNull(problem, "problem is null");
    }

    /** The page for a search that ran. */
    static SearchPage of(SearchState state, Query query, SearchResult result, FacetProfile profile) {
        Set<String> expanded = state.expandedFacets();
        List<FacetPanel> facets = new ArrayList<>();
        for (String facet : profile.facets()) {
            List<FacetCount> counts = result.facets().getOrDefault(facet, List.of());
            List<String> picked = FacetPanel.picked(query, facet);
            if (!counts.isEmpty() || !picked.isEmpty()) {
                facets.add(FacetPanel.of(facet, counts, picked, expanded.contains(facet), state));
            }
        }
        List<Result> results = result.hits().stream().map(hit -> result(hit.record(), profile)).toList();
        Paging paging = Paging.of(query.offset(), query.limit(), results.size(), result.total(),
                offset -> state.withOffset(offset).href());
        return new SearchPage(state.first("query").orElse(""), typeLabel(state), typeOptions(state),
                versionOptions(state), hiddenFields(state), chips(state, query), SearchState.empty().href(), facets,
                results, paging, result.total() == 0 ? Optional.empty() : Optional.of(state.wgetHref()),
                Optional.empty());
    }

    /**
     * The page for a search the parser or the index refused. The form's own fields keep what was
     * sent, so it can be corrected; the filters it carries leave out the parameter the problem
     * names, or the next search from the form would be refused again for it.
     */
    static SearchPage rejected(SearchState state, InvalidQueryException problem) {
        String parameter = problem.parameter();
        return new SearchPage(state.first("query").orElse(""), typeLabel(state), typeOptions(state),
                versionOptions(state), hiddenFields(state.without(parameter)), List.of(), SearchState.empty().href(), List.of(), List.of(),
                Paging.of(0, 0, 0, 0, offset -> ""), Optional.empty(),
                Optional.of(new Problem(parameter, problem.getMessage(), state.without(parameter).href())));
    }

    /** How many files a download script lists at most, for the words beside its link. */
    public String wgetLimit() {
        return new Count(SearchState.WGET_LIMIT).grouped();
    }

    /** The page's title before the site's name: the text searched for, if any. */
    public String title() {
        return query.isEmpty() ? "Search" : query + " – Search";
    }

    /** "datasets" or "files", for sentences about the results. */
    public String noun() {
        return switch (type) {
            case "File" -> "files";
            case "Aggregation" -> "aggregations";
            default -> "datasets";
        };
    }

    /** The sentence a screen reader announces when results change. */
    public String status() {
        if (problem.isPresent()) {
            return "The search could not run.";
        }
        if (paging.total() == 0) {
            return "No " + noun() + " match.";
        }
        if (paging.pastEnd()) {
            return "This page is past the last one; " + paging.totalText() + " " + noun() + " match, on "
                    + new Count(paging.pages()).of("page", "pages") + ".";
        }
        if (paging.isEmpty()) {
            return "No " + noun() + " on this page; " + paging.totalText() + " match in all.";
        }
        return "Showing " + paging.summary() + " " + noun() + ".";
    }

    private static String typeLabel(SearchState state) {
        return state.first("type").orElse(RecordType.DATASET.label());
    }

    /** Dataset and File always; another type only when the URL asks for it, so the form keeps it. */
    private static List<TypeOption> typeOptions(SearchState state) {
        String current = typeLabel(state);
        List<TypeOption> options = new ArrayList<>();
        for (RecordType type : RecordType.values()) {
            if (type != RecordType.AGGREGATION || type.label().equals(current)) {
                options.add(new TypeOption(type.label(), type.label().equals(current)));
            }
        }
        return options;
    }

    /** The shared parser's boolean rule, so the control shows what the search applies. */
    private static List<VersionOption> versionOptions(SearchState state) {
        Optional<Boolean> latest = state.first("latest").flatMap(PlainBooleans::read);
        return List.of(
                new VersionOption("", "All versions", latest.isEmpty()),
                new VersionOption("true", "Latest versions only", latest.equals(Optional.of(true))),
                new VersionOption("false", "Earlier versions only", latest.equals(Optional.of(false))));
    }

    /** Whether the versions control shows this parameter, so no chip needs to. */
    private static boolean shownByVersionControl(String name, List<String> values) {
        return name.equals("latest") && values.size() == 1 && PlainBooleans.read(values.getFirst()).isPresent();
    }

    private static List<HiddenField> hiddenFields(SearchState state) {
        List<HiddenField> fields = new ArrayList<>();
        state.parameters().forEach((name, values) -> {
            if (!FORM_PARAMETERS.contains(name)) {
                values.forEach(value -> fields.add(new HiddenField(name, value)));
            }
        });
        return fields;
    }

    private static List<Chip> chips(SearchState state, Query query) {
        List<Chip> chips = new ArrayList<>();
        Map<String, FieldConstraint> constraints = new LinkedHashMap<>();
        query.constraints().forEach(constraint -> constraints.put(constraint.field(), constraint));
        for (FieldConstraint constraint : constraints.values()) {
            String field = constraint.field();
            for (String value : constraint.anyOf()) {
                chips.add(new Chip(field, FacetPanel.label(field), "=", value,
                        state.with(field, without(constraint.anyOf(), value)).href()));
            }
            for (String value : constraint.noneOf()) {
                chips.add(new Chip(field, FacetPanel.label(field), "≠", value,
                        state.with(field + "!", without(constraint.noneOf(), value)).href()));
            }
        }
        state.parameters().forEach((name, values) -> {
            String field = name.endsWith("!") ? name.substring(0, name.length() - 1) : name;
            if (!NOT_FILTERS.contains(name) && !constraints.containsKey(field) && !shownByVersionControl(name, values)) {
                TimeBound bound = TIME_BOUNDS.getOrDefault(name, new TimeBound(name, "="));
                chips.add(new Chip(name, bound.label(), bound.operator(), String.join(", ", values),
                        state.without(name).href()));
            }
        });
        return chips;
    }

    private static List<String> without(List<String> values, String removed) {
        return values.stream().filter(value -> !value.equals(removed)).toList();
    }

    private static Result result(CatalogRecord record, FacetProfile profile) {
        List<Field> keyFacets = new ArrayList<>();
        for (String facet : profile.facets()) {
            if (!NOT_KEY_FACETS.contains(facet) && !record.attribute(facet).isEmpty() && keyFacets.size() < KEY_FACETS) {
                keyFacets.add(new Field(facet, FacetPanel.label(facet), record.attribute(facet)));
            }
        }
        return new Result(record.title(), record.id().value(), DatasetPage.href(record.datasetId().orElse(record.id())),
                record.type().label(), keyFacets, record.version(), record.latest(), record.replica(),
                record.retracted(), record.size(), new ByteSize(record.size()).human(),
                record.numberOfFiles().map(files -> new Count(files).grouped()),
                record.dataNode());
    }
}
