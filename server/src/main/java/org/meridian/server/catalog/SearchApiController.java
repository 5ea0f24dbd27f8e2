package org.meridian.server.catalog;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.search.InvalidQueryException;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchParameters;
import org.meridian.catalog.search.SearchRequest;
import org.meridian.catalog.search.SearchResult;
import org.meridian.server.identity.Caller;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The native search API: the ESGF parameter model ({@link SearchParameters}, so a query means the
 * same here as on {@code /esg-search/search}) answered with plain JSON and paging links.
 *
 * <p>Like ESGF it searches datasets unless {@code type} says otherwise: most searches are for
 * datasets, and mixing types in one page would mix thousands of files into every answer.
 */
@RestController
class SearchApiController {
    private static final Query DEFAULTS = Query.builder().type(RecordType.DATASET).limit(10).build();

    /**
     * The ESGF adapter's parameters: the shared parser skips them for the ESGF endpoint, but here
     * they would be silently ignored, so they are refused.
     */
    private static final Set<String> ESGF_ONLY = Set.of("format", "distrib", "shards");

    private final SearchIndex index;
    private final SearchParameters parameters;
    private final RecordJson json = new RecordJson();

    SearchApiController(SearchIndex index, SearchParameters parameters) {
        this.index = requireNonNull(index, "index is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
    }

    @GetMapping(value = "/api/v1/search", produces = MediaType.APPLICATION_JSON_VALUE)
    NativeSearchResponse search(@RequestParam MultiValueMap<String, String> query, HttpServletRequest request,
            Caller caller) {
        for (String name : query.keySet()) {
            if (ESGF_ONLY.contains(name)) {
                throw new InvalidQueryException(name, "Invalid HTTP query parameter=" + name
                        + " (it belongs to the ESGF search API, /esg-search/search)");
            }
        }
        SearchRequest search = parameters.parse(query, DEFAULTS.toBuilder().access(caller.accessScope()).build());
        SearchResult result = index.search(search.query());
        return NativeSearchResponse.of(search, result, json, PageLinks.self(request),
                offset -> PageLinks.withOffset(request, offset));
    }
}
