package org.meridian.catalog.search;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link Query}: the total number of matches, one page of hits, and for each
 * requested facet its values with counts (values in lexical order, counts ≥ 1; a requested facet
 * with no values maps to an empty list).
 *
 * @param maxScore the highest score of any match, whatever the sort order and page (Solr's
 *     {@code maxScore}); 0 when nothing matches. Each hit carries its own score too.
 */
public record SearchResult(long total, int offset, List<Hit> hits, float maxScore, Map<String, List<FacetCount>> facets) {
    public SearchResult {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative");
        }
        hits = List.copyOf(hits);
        requireNonNull(facets, "facets is null");
        LinkedHashMap<String, List<FacetCount>> copy = new LinkedHashMap<>();
        facets.forEach((name, counts) -> copy.put(name, List.copyOf(counts)));
        facets = Collections.unmodifiableMap(copy);
    }
}
