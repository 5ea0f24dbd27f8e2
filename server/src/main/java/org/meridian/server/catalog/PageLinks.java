package org.meridian.server.catalog;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Links to other pages of the current request: the same URL and parameters, another offset. */
final class PageLinks {

    private PageLinks() {
    }

    static String self(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromRequest(request).build().toUriString();
    }

    /** The query string is kept as the client encoded it; only {@code offset} is replaced. */
    static String withOffset(HttpServletRequest request, int offset) {
        return ServletUriComponentsBuilder.fromRequest(request)
                .replaceQueryParam("offset", offset)
                .build()
                .toUriString();
    }
}
