package org.meridian.server.esgf;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchParameters;
import org.meridian.catalog.search.SearchRequest;
import org.meridian.catalog.search.SearchResult;
import org.meridian.server.identity.Caller;
import org.meridian.server.ops.MeridianProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ESGF search API ({@code /esg-search/search}, spec §1–§5) for esgf-pyclient, esgpull and
 * scripts written against ESGF index nodes. Parameters mean what they mean on the native API
 * (both parse through {@link SearchParameters}); only the response is Solr's.
 *
 * <p>{@code /esgf-1-5-bridge} and {@code /esgf-1-5-bridge/search} answer the same, for clients
 * configured with the bridge that fronted ESGF-NG's Globus index.
 */
@RestController
class EsgfSearchController {
    /** ESGF's defaults: datasets, ten per page, published records visible to anyone. */
    private static final Query DEFAULTS = Query.builder().type(RecordType.DATASET).limit(10).build();

    private final SearchIndex index;
    private final SearchParameters parameters;
    private final String hostname;
    private final Clock clock;
    private final SolrJsonWriter jsonWriter = new SolrJsonWriter();
    private final SolrXmlWriter xmlWriter = new SolrXmlWriter();

    EsgfSearchController(SearchIndex index, SearchParameters parameters, MeridianProperties properties, Clock clock) {
        this.index = requireNonNull(index, "index is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.hostname = requireNonNull(properties, "properties is null").node().hostname();
        this.clock = requireNonNull(clock, "clock is null");
    }

    @GetMapping({"/esg-search/search", "/esgf-1-5-bridge", "/esgf-1-5-bridge/search"})
    ResponseEntity<byte[]> search(@RequestParam MultiValueMap<String, String> query, HttpServletRequest request,
            Caller caller) {
        Instant started = clock.instant();
        ResponseFormat format = ResponseFormat.from(query);
        Distribution distribution = Distribution.from(query);
        SearchRequest search = parameters.parse(WgetOptions.without(query),
                DEFAULTS.toBuilder().access(caller.accessScope()).build());
        SearchResult result = index.search(search.query());
        List<String> shards = distribution.shards(hostname + ":" + request.getServerPort(),
                search.query().type().orElse(RecordType.DATASET));
        SolrResponse response = SolrResponse.of(search, result, SolrParameterEcho.of(search, format, shards),
                distribution.distributed() ? Optional.of(SolrResponse.LOCAL_ONLY) : Optional.empty(),
                Duration.between(started, clock.instant()).toMillis());
        byte[] body = switch (format) {
            case SOLR_JSON -> jsonWriter.write(response);
            case SOLR_XML -> xmlWriter.write(response);
        };
        return ResponseEntity.ok().contentType(format.contentType()).body(body);
    }
}
