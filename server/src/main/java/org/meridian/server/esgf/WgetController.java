package org.meridian.server.esgf;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.StringJoiner;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.search.InvalidQueryException;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchParameters;
import org.meridian.catalog.search.SearchRequest;
import org.meridian.catalog.search.SearchResult;
import org.meridian.catalog.search.SortOrder;
import org.meridian.server.identity.Caller;
import org.meridian.server.ops.MeridianProperties;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * ESGF's wget endpoint (spec §8): the search parameters, for files only, answered with a bash
 * script that downloads and verifies the matching files ({@link WgetScript}).
 */
@RestController
class WgetController {
    /** Files in id order, a thousand per script unless the caller says otherwise (spec §8). */
    private static final Query DEFAULTS = Query.builder().type(RecordType.FILE).limit(1000).sort(SortOrder.ID).build();
    static final MediaType SHELL_SCRIPT = MediaType.parseMediaType("text/x-sh;charset=UTF-8");
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final SearchIndex index;
    private final SearchParameters parameters;
    private final String hostname;
    private final Clock clock;

    WgetController(SearchIndex index, SearchParameters parameters, MeridianProperties properties, Clock clock) {
        this.index = requireNonNull(index, "index is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.hostname = requireNonNull(properties, "properties is null").node().hostname();
        this.clock = requireNonNull(clock, "clock is null");
    }

    @RequestMapping(path = "/esg-search/wget", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> wget(@RequestParam MultiValueMap<String, String> query, HttpServletRequest request,
            Caller caller) {
        if (request.getMethod().equals("GET") && (request.getQueryString() == null || request.getQueryString().isBlank())) {
            // A bare GET would script every file of the node; ESGF answers it with a one-file sample.
            return ResponseEntity.status(HttpStatus.FOUND)
                    .location(URI.create(request.getRequestURI() + "?limit=1&distrib=false"))
                    .build();
        }
        Distribution distribution = Distribution.from(query);
        WgetOptions options = WgetOptions.from(query);
        SearchRequest search = parameters.parse(WgetOptions.without(query),
                DEFAULTS.toBuilder().access(caller.accessScope()).build());
        Optional<RecordType> type = search.query().type();
        if (type.isEmpty() || type.get() != RecordType.FILE) {
            throw new InvalidQueryException("type", "type must be File for wget scripts, got '"
                    + type.map(RecordType::label).orElse("any") + "'");
        }
        SearchResult result = index.search(search.query());
        Instant generated = clock.instant();
        String script = WgetScript.render(searchUrl(query, request), hostname, generated, result,
                search.query().limit(), options, distribution.distributed());
        return ResponseEntity.ok()
                .contentType(SHELL_SCRIPT)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("wget-" + FILE_TIME.format(generated) + ".sh").build().toString())
                .body(script);
    }

    /** The request as a URL: the query string as sent, or for a form POST its fields encoded. */
    private static String searchUrl(MultiValueMap<String, String> query, HttpServletRequest request) {
        String queryString = request.getQueryString();
        if (queryString != null && !queryString.isBlank()) {
            return request.getRequestURL() + "?" + queryString;
        }
        StringJoiner fields = new StringJoiner("&");
        query.forEach((name, values) -> values.forEach(value ->
                fields.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return request.getRequestURL() + "?" + fields;
    }
}
