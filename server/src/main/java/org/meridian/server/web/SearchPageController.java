package org.meridian.server.web;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.meridian.catalog.FacetProfile;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.search.InvalidQueryException;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchParameters;
import org.meridian.server.identity.Caller;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.system.HtmxRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;

/**
 * The search page. Its URL carries the whole search in the API's parameter names, parsed by the
 * shared {@link SearchParameters}, so a page URL and an API call with the same query string mean
 * the same search.
 *
 * <p>Requests from htmx ({@code HX-Request}) get only the region that changes (filters, facets,
 * results) plus the result status; everything else gets the whole page, which is also what works
 * without JavaScript.
 */
@Controller
class SearchPageController {
    private static final Logger LOG = LoggerFactory.getLogger(SearchPageController.class);
    static final int DEFAULT_LIMIT = 20;
    /** The search form's element id, which htmx sends as {@code HX-Trigger} when the form made the request. */
    private static final String SEARCH_FORM_ID = "search-form";
    /** An HTML page of 10,000 results (the API's maximum) would cost the node more than it helps a reader. */
    static final int MAX_LIMIT = 100;
    /**
     * Web visitors are not signed in yet, so they see public production records only; the
     * defaults carry that scope into the parser.
     */
    private static final Query DEFAULTS = Query.builder().type(RecordType.DATASET).limit(DEFAULT_LIMIT).build();

    private final SearchParameters parameters;
    private final FacetProfile profile;
    private final FacetedSearch search;
    private final String nodeName;

    SearchPageController(SearchIndex index, SearchParameters parameters, FacetProfile profile,
            MeridianProperties properties) {
        this.search = new FacetedSearch(requireNonNull(index, "index is null"));
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.profile = requireNonNull(profile, "profile is null");
        this.nodeName = requireNonNull(properties, "properties is null").node().hostname();
    }

    @GetMapping({"/", SearchState.PATH})
    String search(@RequestParam MultiValueMap<String, String> query, HttpServletRequest request,
            HttpServletResponse response, Model model, Caller caller) {
        SearchState state = new SearchState(query);
        // The same URL answers with a fragment, a page or a redirect; caches must keep them apart.
        response.addHeader(HttpHeaders.VARY, "HX-Request");
        boolean fragment = HtmxRequests.wantsFragment(request);
        if (!fragment && hasBlankValue(query)) {
            // A form sent without JavaScript names every field, blank ones too (query=&latest=),
            // which the search APIs refuse. The address bar gets the same search without them, so
            // the page's query string is one the APIs accept. (htmx gets HX-Push-Url instead.)
            request.setAttribute(View.RESPONSE_STATUS_ATTRIBUTE, HttpStatus.SEE_OTHER);
            return "redirect:" + state.href();
        }
        SearchPage page;
        try {
            Query parsed = parse(state, caller);
            page = SearchPage.of(state, parsed, search.search(parsed, profile.facets()), profile);
        } catch (InvalidQueryException e) {
            // Bad input is the reader's to fix: the page says which parameter and why, with 400.
            LOG.debug("Rejected search parameter {}: {}", e.parameter(), e.getMessage());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            page = SearchPage.rejected(state, e);
        }
        model.addAttribute("page", page);
        model.addAttribute("node", nodeName);
        if (fragment) {
            // The form submits blank fields too; the address bar gets the canonical URL instead.
            response.setHeader("HX-Push-Url", request.getContextPath() + state.href());
            // The form's fields already say what it sent; after any other link they must follow the URL.
            model.addAttribute("refreshForm", !SEARCH_FORM_ID.equals(request.getHeader("HX-Trigger")));
            return "search-region :: update";
        }
        return "search";
    }

    /**
     * One facet's full list of values, swapped in by the panel's "show all" link. Opened as a page,
     * it sends the reader to the search page with that facet listed in full.
     */
    @GetMapping(FacetPanel.FRAGMENT_PATH + "{facet}")
    String facet(@PathVariable String facet, @RequestParam MultiValueMap<String, String> query,
            HttpServletRequest request, HttpServletResponse response, Model model, Caller caller) {
        if (!HtmxRequests.wantsFragment(request)) {
            SearchState state = new SearchState(query);
            // The href is percent-encoded throughout, so no brace in it reads as a URI template variable.
            return "redirect:" + (profile.offers(facet) ? state.expanding(facet) : state).href();
        }
        if (!profile.offers(facet)) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("message", "This node offers no facet named " + facet + ".");
            return "search-facet :: problem";
        }
        SearchState state = new SearchState(query);
        try {
            Query parsed = parse(state, caller);
            model.addAttribute("panel", FacetPanel.of(facet, search.counts(parsed, facet),
                    FacetPanel.picked(parsed, facet), true, state));
            return "search-facet :: expanded";
        } catch (InvalidQueryException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("message", e.getMessage());
            return "search-facet :: problem";
        }
    }

    private static boolean hasBlankValue(MultiValueMap<String, String> query) {
        return query.values().stream().flatMap(List::stream).anyMatch(value -> value == null || value.isBlank());
    }

    private Query parse(SearchState state, Caller caller) {
        for (String facet : state.expandedFacets()) {
            if (!profile.offers(facet)) {
                throw new InvalidQueryException(SearchState.EXPANDED, "Parameter " + SearchState.EXPANDED
                        + " must name a facet of this node (" + String.join(", ", profile.facets()) + "), got '"
                        + facet + "'");
            }
        }
        Query query = parameters.parse(state.searchParameters(),
                DEFAULTS.toBuilder().access(caller.accessScope()).build()).query();
        if (query.limit() > MAX_LIMIT) {
            throw new InvalidQueryException("limit", "Parameter limit must be at most " + MAX_LIMIT
                    + " on this page, got " + query.limit() + "; the search API serves larger pages");
        }
        return query;
    }
}
