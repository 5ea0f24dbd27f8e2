package org.meridian.server.esgf;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.meridian.catalog.search.InvalidQueryException;
import org.springframework.http.MediaType;

/** The ESGF search API's {@code format} parameter (spec §2). */
enum ResponseFormat {
    SOLR_XML("application/solr+xml", "xml", MediaType.parseMediaType("text/xml;charset=UTF-8")),
    SOLR_JSON("application/solr+json", "json", MediaType.parseMediaType("text/json;charset=UTF-8"));

    static final String PARAMETER = "format";

    private final String name;
    private final String writerType;
    private final MediaType contentType;

    ResponseFormat(String name, String writerType, MediaType contentType) {
        this.name = name;
        this.writerType = writerType;
        this.contentType = contentType;
    }

    /**
     * The requested format, XML when none is given (ESGF's default).
     *
     * @throws UnsupportedFormatException for a format ESGF does not offer (answered with 501)
     */
    static ResponseFormat from(Map<String, List<String>> parameters) {
        List<String> values = parameters.getOrDefault(PARAMETER, List.of());
        if (values.isEmpty()) {
            return SOLR_XML;
        }
        if (values.size() > 1) {
            throw new InvalidQueryException(PARAMETER, "Parameter format may be given only once, got " + values.size());
        }
        String value = values.get(0).strip();
        if (value.isEmpty()) {
            throw new InvalidQueryException(PARAMETER, "Invalid empty value for parameter=format");
        }
        // An unencoded '+' in a typed-in URL arrives as a space: application/solr json.
        String requested = value.replace(' ', '+');
        return Arrays.stream(values())
                .filter(format -> format.name.equals(requested))
                .findFirst()
                .orElseThrow(() -> new UnsupportedFormatException(value));
    }

    static String supported() {
        return Arrays.stream(values()).map(format -> format.name).collect(Collectors.joining(", "));
    }

    /** Solr's {@code wt} value, echoed in the response parameters. */
    String writerType() {
        return writerType;
    }

    /** The original service answered text/json and text/xml; clients parse the body regardless. */
    MediaType contentType() {
        return contentType;
    }
}
