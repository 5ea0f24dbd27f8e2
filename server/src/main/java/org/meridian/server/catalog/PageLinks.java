package org.meridian.server.catalog;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Links to other pages of the current request: the same URL and parameters, another offset. */
final class PageLinks {
    private static final String OFFSET = "offset";

    private PageLinks() {
    }

    static String self(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromRequest(request).build().toUriString();
    }

    /**
     * The query string is kept as the client encoded it; only {@code offset} is replaced, however
     * its name was encoded ({@code %6Fffset} is offset too, and two of them would be refused).
     */
    static String withOffset(HttpServletRequest request, int offset) {
        StringJoiner query = new StringJoiner("&");
        String raw = request.getQueryString();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (!pair.isEmpty() && !OFFSET.equals(decodedName(pair))) {
                    query.add(pair);
                }
            }
        }
        query.add(OFFSET + "=" + offset);
        return ServletUriComponentsBuilder.fromRequest(request).replaceQuery(query.toString()).build().toUriString();
    }

    private static String decodedName(String pair) {
        String name = pair.split("=", 2)[0];
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Malformed escapes are refused before any handler runs; keep such a pair as it came.
            return name;
        }
    }
}
