package org.meridian.server.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchRequest;
import org.meridian.catalog.search.SearchResult;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of the native search API, serialised as JSON as is.
 *
 * @param results records in their canonical JSON form ({@link RecordJson}) plus {@code score}
 * @param facets every requested facet, in request order, its values in lexical order
 */
record NativeSearchResponse(
        long total,
        int offset,
        int limit,
        List<ObjectNode> results,
        Map<String, List<FacetValue>> facets,
        Links links) {

    record FacetValue(String value, long count) {
    }

    /**
     * Paging links that keep every other parameter of the request. {@code prev} and {@code next}
     * are null on the first and last page; with {@code limit=0}
     * (counts only) there is neither.
     */
    record Links(String self, String first, String prev, String next) {
        Links {
            requireNonNull(self, "self is null");
            requireNonNull(first, "first is null");
        }
    }

    NativeSearchResponse {
        results = List.copyOf(results);
        facets = Collections.unmodifiableMap(new LinkedHashMap<>(facets));
        requireNonNull(links, "links is null");
    }

    /**
     * @param request the search, whose {@code fields} (when given) limit each result to those
     *     fields plus {@code id} and {@code score}
     * @param page the URL of this request with {@code offset} set to the given value
     */
    static NativeSearchResponse of(SearchRequest request, SearchResult result, RecordJson json, String self,
            IntFunction<String> page) {
        Query query = request.query();
        List<ObjectNode> results = result.hits().stream()
                .map(hit -> project(json.toNode(hit.record()).put("score", hit.score()), request))
                .toList();
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        for (String facet : query.facets()) {
            facets.put(facet, result.facets().getOrDefault(facet, List.of()).stream()
                    .map(count -> new FacetValue(count.value(), count.count()))
                    .toList());
        }
        int offset = query.offset();
        int limit = query.limit();
        String prev = null;
        if (limit > 0 && offset > 0) {
            // Past the end, the previous page is the last one that holds results.
            long lastPage = result.total() == 0 ? 0 : (result.total() - 1) / limit * limit;
            prev = page.apply((int) Math.min(Math.max(0, offset - limit), lastPage));
        }
        String next = limit > 0 && (long) offset + limit < result.total() ? page.apply(offset + limit) : null;
        return new NativeSearchResponse(result.total(), offset, limit, results, facets,
                new Links(self, page.apply(0), prev, next));
    }

    private static ObjectNode project(ObjectNode record, SearchRequest request) {
        if (!request.wantsAllFields()) {
            Set<String> kept = new HashSet<>(request.fields());
            kept.addAll(Set.of("id", "score"));
            record.retain(kept);
        }
        return record;
    }
}
