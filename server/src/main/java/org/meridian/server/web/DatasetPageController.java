package org.meridian.server.web;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordId;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.search.AccessScope;
import org.meridian.catalog.search.Hit;
import org.meridian.catalog.search.InvalidQueryException;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchParameters;
import org.meridian.catalog.search.SearchResult;
import org.meridian.catalog.search.SortOrder;
import org.meridian.server.identity.Caller;
import org.meridian.server.ops.MeridianProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** A dataset's page: metadata, access, its files one page at a time, its versions and replicas. */
@Controller
class DatasetPageController {
    static final int FILES_PER_PAGE = 25;
    static final int MAX_FILES_PER_PAGE = 100;
    /**
     * Versions times data nodes of one dataset; real CMIP6 datasets have a handful of each, so
     * this bound only protects the page from a pathological catalog.
     */
    static final int MAX_FAMILY = 500;
    /** Aggregations the page lists; ESGF datasets have a handful, and a search lists any beyond. */
    static final int MAX_AGGREGATIONS = 50;

    private final SearchIndex index;
    private final SearchParameters parameters;
    private final String nodeName;

    DatasetPageController(SearchIndex index, SearchParameters parameters, MeridianProperties properties) {
        this.index = requireNonNull(index, "index is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.nodeName = requireNonNull(properties, "properties is null").node().hostname();
    }

    @GetMapping(DatasetPage.PATH + "{id}")
    String dataset(@PathVariable String id, @RequestParam MultiValueMap<String, String> query, Model model,
            Caller caller) {
        AccessScope access = caller.accessScope();
        CatalogRecord dataset = find(id, access);
        String href = DatasetPage.href(dataset.id());
        SearchState filesState = new SearchState(paging(query));
        Query files = parameters.parse(filesState.parameters(), Query.builder().access(access)
                .type(RecordType.FILE).where("dataset_id", dataset.id().value()).sort(SortOrder.ID)
                .limit(FILES_PER_PAGE).build()).query();
        if (files.limit() > MAX_FILES_PER_PAGE) {
            throw new InvalidQueryException("limit", "Parameter limit must be at most " + MAX_FILES_PER_PAGE
                    + " on this page, got " + files.limit());
        }
        SearchResult fileResult = index.search(files);
        Paging filesPaging = Paging.of(files.offset(), files.limit(), fileResult.hits().size(), fileResult.total(),
                offset -> filesState.withOffset(offset).withQueryString(href));
        List<CatalogRecord> family = index.search(Query.builder().access(access).type(RecordType.DATASET)
                .where("master_id", dataset.masterId()).limit(MAX_FAMILY).build())
                .hits().stream().map(Hit::record).toList();
        SearchResult aggregations = index.search(Query.builder().access(access).type(RecordType.AGGREGATION)
                .where("dataset_id", dataset.id().value()).sort(SortOrder.ID).limit(MAX_AGGREGATIONS).build());
        model.addAttribute("page", DatasetPage.of(dataset, fileResult.hits(), filesPaging, family, aggregations));
        model.addAttribute("node", nodeName);
        return "dataset";
    }

    @ExceptionHandler
    ModelAndView notFound(DatasetNotFoundException exception, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return new ModelAndView("problem", Map.of("node", nodeName, "title", "Dataset not found",
                "message", exception.getMessage()));
    }

    @ExceptionHandler
    ModelAndView invalid(InvalidQueryException exception, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return new ModelAndView("problem", Map.of("node", nodeName, "title", "Invalid request",
                "message", exception.getMessage()));
    }

    private CatalogRecord find(String id, AccessScope access) {
        RecordId recordId;
        try {
            recordId = RecordId.of(id);
        } catch (IllegalArgumentException e) {
            // Not a well-formed id, so certainly no record's: the same answer as an unknown one.
            throw new DatasetNotFoundException(id);
        }
        return index.search(Query.builder().access(access).type(RecordType.DATASET).where("id", recordId.value()).limit(1).build())
                .hits().stream().findFirst().map(Hit::record)
                .orElseThrow(() -> new DatasetNotFoundException(id));
    }

    /** Only paging applies to the files table; other parameters are ignored rather than rejected. */
    private static Map<String, List<String>> paging(MultiValueMap<String, String> query) {
        Map<String, List<String>> paging = new LinkedHashMap<>();
        for (String name : List.of(SearchState.OFFSET, "limit")) {
            if (query.containsKey(name)) {
                paging.put(name, query.get(name));
            }
        }
        return paging;
    }
}
