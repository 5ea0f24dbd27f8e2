package org.meridian.server.catalog;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordId;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.search.Hit;
import org.meridian.catalog.search.InvalidQueryException;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchParameters;
import org.meridian.catalog.search.SearchRequest;
import org.meridian.catalog.search.SearchResult;
import org.meridian.catalog.search.SortOrder;
import org.meridian.server.identity.Caller;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * Single records by id, and the files of a dataset. Ids contain {@code |} and dots, so clients
 * percent-encode them as one path segment ({@code …v20190308%7Cesgf-data.example.org}).
 *
 * <p>Lookups go through the search index, the same view of production as search itself, so a
 * record is found here exactly when a search could find it, restricted records only by callers
 * whose access covers them.
 */
@RestController
class RecordApiController {
    /** A dataset's files in id order, a hundred per page: most datasets fit on one. */
    private static final Query FILES = Query.builder().type(RecordType.FILE).sort(SortOrder.ID).limit(100).build();
    private static final Set<String> PAGING = Set.of("offset", "limit");

    private final SearchIndex index;
    private final SearchParameters parameters;
    private final RecordJson json = new RecordJson();

    RecordApiController(SearchIndex index, SearchParameters parameters) {
        this.index = requireNonNull(index, "index is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
    }

    @GetMapping(value = "/api/v1/records/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode record(@PathVariable String id, @RequestParam MultiValueMap<String, String> query, Caller caller) {
        if (!query.isEmpty()) {
            String name = query.keySet().iterator().next();
            throw new InvalidQueryException(name, "Invalid HTTP query parameter=" + name
                    + " (a record is looked up by its id alone)");
        }
        return find(id, Optional.empty(), caller)
                .map(json::toNode)
                .orElseThrow(() -> new RecordNotFoundException("record", id));
    }

    @GetMapping(value = "/api/v1/datasets/{id}/files", produces = MediaType.APPLICATION_JSON_VALUE)
    NativeSearchResponse files(@PathVariable String id, @RequestParam MultiValueMap<String, String> query,
            HttpServletRequest request, Caller caller) {
        CatalogRecord dataset = find(id, Optional.of(RecordType.DATASET), caller)
                .orElseThrow(() -> new RecordNotFoundException("dataset", id));
        for (String name : query.keySet()) {
            if (!PAGING.contains(name)) {
                throw new InvalidQueryException(name, "Invalid HTTP query parameter=" + name
                        + " (a dataset's files are paged with offset and limit only)");
            }
        }
        Query defaults = FILES.toBuilder().access(caller.accessScope()).where("dataset_id", dataset.id().value()).build();
        SearchRequest files = parameters.parse(query, defaults);
        SearchResult result = index.search(files.query());
        return NativeSearchResponse.of(files, result, json, PageLinks.self(request),
                offset -> PageLinks.withOffset(request, offset));
    }

    private Optional<CatalogRecord> find(String id, Optional<RecordType> type, Caller caller) {
        RecordId recordId;
        try {
            recordId = RecordId.of(id);
        } catch (IllegalArgumentException e) {
            // Not a well-formed id (blank, too long, control characters), so no record's.
            return Optional.empty();
        }
        Query.Builder lookup = Query.builder().access(caller.accessScope()).where("id", recordId.value()).limit(1);
        type.ifPresent(lookup::type);
        return index.search(lookup.build()).hits().stream().findFirst().map(Hit::record);
    }
}
