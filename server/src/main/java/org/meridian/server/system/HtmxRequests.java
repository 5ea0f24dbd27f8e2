package org.meridian.server.system;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What an htmx request asks for. Addresses that answer htmx with a fragment must answer anything
 * else (a link opened in a new tab, a form sent without JavaScript, the page sign-in returns to)
 * with a whole page, or the reader is left with a bare piece of one.
 */
public final class HtmxRequests {
    private HtmxRequests() {
    }

    /**
     * Whether htmx asks for a fragment to swap in: it marks its requests with {@code HX-Request};
     * after a history cache miss it also sends {@code HX-History-Restore-Request} and then needs the
     * whole page.
     */
    public static boolean wantsFragment(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"))
                && !"true".equals(request.getHeader("HX-History-Restore-Request"));
    }
}
