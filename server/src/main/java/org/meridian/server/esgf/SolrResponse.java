package org.meridian.server.esgf;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meridian.catalog.search.FacetCount;
import org.meridian.catalog.search.SearchRequest;
import org.meridian.catalog.search.SearchResult;

/**
 * A Solr select response as ESGF clients read it (spec §4), independent of its JSON or XML form.
 *
 * @param queryTime milliseconds spent answering ({@code QTime})
 * @param parameters the effective Solr parameters, echoed in {@code responseHeader.params}
 * @param federation how far the search reached, written as {@code responseHeader.federation}
 *     when present: {@code local-only} while this node cannot fan out to peers
 * @param facetFields every requested facet, in request order, with its values in lexical order
 */
record SolrResponse(
        long queryTime,
        Map<String, SolrValue> parameters,
        Optional<String> federation,
        long numFound,
        int start,
        float maxScore,
        List<SolrDocument> documents,
        Map<String, List<FacetCount>> facetFields) {

    /** The federation marker while distributed search is answered from the local index alone. */
    static final String LOCAL_ONLY = "local-only";

    SolrResponse {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        requireNonNull(federation, "federation is null");
        documents = List.copyOf(documents);
        facetFields = copy(facetFields);
    }

    static SolrResponse of(SearchRequest request, SearchResult result, Map<String, SolrValue> parameters,
            Optional<String> federation, long queryTime) {
        Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
        // Every requested facet appears, empty when no record has a value (spec §4).
        request.query().facets().forEach(facet -> facets.put(facet, result.facets().getOrDefault(facet, List.of())));
        List<SolrDocument> documents = result.hits().stream()
                .map(hit -> SolrDocument.of(hit, request.fields()))
                .toList();
        return new SolrResponse(queryTime, parameters, federation, result.total(), result.offset(), result.maxScore(),
                documents, facets);
    }

    private static <T> Map<String, List<T>> copy(Map<String, List<T>> map) {
        requireNonNull(map, "map is null");
        Map<String, List<T>> copy = new LinkedHashMap<>();
        map.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
