package org.meridian.server.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.meridian.catalog.RecordType;

/**
 * The search page's whole state as query parameters, so every search is a shareable URL and the
 * back button works. Names are the ones the ESGF and native APIs take ({@code query},
 * {@code type}, {@code latest}, {@code offset}, facet constraints such as {@code source_id=CESM2});
 * the page adds only {@code more}, the facets listed in full.
 *
 * <p>Blank values are dropped: an empty search box submits {@code query=}, which on a form means
 * "not set", while the shared parser rightly rejects it from API clients.
 */
record SearchState(Map<String, List<String>> parameters) {
    static final String PATH = "/search";
    /** Facets whose values are all listed rather than the top ones. */
    static final String EXPANDED = "more";
    static final String OFFSET = "offset";
    /** ESGF's download-script endpoint: it takes the search parameters and scripts matching files (spec §8). */
    static final String WGET_PATH = "/esg-search/wget";
    /** Files one script lists; the endpoint's default too, sent so the link says what it gets. */
    static final int WGET_LIMIT = 1000;
    /** What only shapes this page, not which records match. */
    private static final Set<String> NOT_FOR_WGET = Set.of("type", OFFSET, "limit", EXPANDED, "facets", "fields");

    SearchState {
        requireNonNull(parameters, "parameters is null");
        LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            List<String> kept = values.stream().filter(value -> value != null && !value.isBlank()).toList();
            if (!kept.isEmpty()) {
                copy.put(name, kept);
            }
        });
        parameters = Collections.unmodifiableMap(copy);
    }

    static SearchState empty() {
        return new SearchState(Map.of());
    }

    /** What the shared parser sees: every parameter except the page's own. */
    Map<String, List<String>> searchParameters() {
        Map<String, List<String>> search = new LinkedHashMap<>(parameters);
        search.remove(EXPANDED);
        return search;
    }

    Set<String> expandedFacets() {
        return new LinkedHashSet<>(parameters.getOrDefault(EXPANDED, List.of()));
    }

    Optional<String> first(String name) {
        return parameters.getOrDefault(name, List.of()).stream().findFirst();
    }

    /**
     * Replaces a parameter's values (none removes it). The result starts at the first page again,
     * because a changed search makes the old offset meaningless.
     */
    SearchState with(String name, List<String> values) {
        Map<String, List<String>> changed = new LinkedHashMap<>(parameters);
        changed.remove(OFFSET);
        if (values.isEmpty()) {
            changed.remove(name);
        } else {
            changed.put(name, List.copyOf(values));
        }
        return new SearchState(changed);
    }

    SearchState without(String name) {
        return with(name, List.of());
    }

    SearchState withOffset(long offset) {
        Map<String, List<String>> changed = new LinkedHashMap<>(parameters);
        if (offset == 0) {
            changed.remove(OFFSET);
        } else {
            changed.put(OFFSET, List.of(Long.toString(offset)));
        }
        return new SearchState(changed);
    }

    /** The same search with one more facet listed in full; the page stays where it is. */
    SearchState expanding(String facet) {
        Set<String> expanded = expandedFacets();
        expanded.add(facet);
        Map<String, List<String>> changed = new LinkedHashMap<>(parameters);
        changed.put(EXPANDED, new ArrayList<>(expanded));
        return new SearchState(changed);
    }

    /**
     * A wget script for the files this search matches: its text and filters for type File (the
     * endpoint scripts files only; a dataset's files carry its facets), without this page's
     * paging, listed fields and expanded facets.
     */
    String wgetHref() {
        Map<String, List<String>> script = new LinkedHashMap<>();
        script.put("type", List.of(RecordType.FILE.label()));
        parameters.forEach((name, values) -> {
            if (!NOT_FOR_WGET.contains(name)) {
                script.put(name, values);
            }
        });
        script.put("limit", List.of(Integer.toString(WGET_LIMIT)));
        return new SearchState(script).withQueryString(WGET_PATH);
    }

    /** The search page's URL for this state, relative to the application's context path. */
    String href() {
        return withQueryString(PATH);
    }

    /** {@code path} followed by this state's query string, if any. */
    String withQueryString(String path) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, values) -> values.forEach(value -> query.add(encode(name) + "=" + encode(value))));
        return query.length() == 0 ? path : path + "?" + query;
    }

    private static String encode(String text) {
        // URLEncoder, unlike a URI-template encoder, also escapes '+', which servlet containers
        // decode to a space in query strings.
        return URLEncoder.encode(text, UTF_8);
    }
}
