package org.meridian.server.web;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.meridian.catalog.search.FacetCount;
import org.meridian.catalog.search.FieldConstraint;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchResult;

/**
 * Runs a page's search and counts facets the way a filter sidebar needs them. A facet the user
 * has already picked values of is counted without its own picks (negations still apply), so its
 * other values stay listed and can be added, which widens the search (values of one facet are
 * ORed). That costs one extra counts-only search per picked facet; the rest come with the main
 * search.
 */
final class FacetedSearch {
    private final SearchIndex index;

    FacetedSearch(SearchIndex index) {
        this.index = requireNonNull(index, "index is null");
    }

    /** The query's page of hits, with counts for {@code facets}. */
    SearchResult search(Query query, List<String> facets) {
        SearchResult main = index.search(query.toBuilder().facets(facets).build());
        Map<String, List<FacetCount>> counts = new LinkedHashMap<>(main.facets());
        for (FieldConstraint constraint : query.constraints()) {
            if (facets.contains(constraint.field()) && !constraint.anyOf().isEmpty()) {
                counts.put(constraint.field(), counts(query, constraint.field()));
            }
        }
        return new SearchResult(main.total(), main.offset(), main.hits(), main.maxScore(), counts);
    }

    /** All values of one facet with their counts, ignoring the query's own picks of that facet. */
    List<FacetCount> counts(Query query, String facet) {
        List<FieldConstraint> others = new ArrayList<>();
        for (FieldConstraint constraint : query.constraints()) {
            if (!constraint.field().equals(facet)) {
                others.add(constraint);
            } else if (!constraint.noneOf().isEmpty()) {
                others.add(new FieldConstraint(facet, List.of(), constraint.noneOf()));
            }
        }
        Query countsOnly = new Query(query.text(), query.type(), others, query.latest(), query.replica(),
                query.retracted(), query.cataloged(), query.coverage(), query.minVersion(), query.maxVersion(),
                query.bbox(), 0, 0, List.of(facet), query.sort(), query.stage(), query.access());
        return index.search(countsOnly).facets().getOrDefault(facet, List.of());
    }
}
