package org.meridian.server.web;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Where one page of results sits in the whole: "21–40 of 134", with links to the neighbouring
 * pages when there are any.
 *
 * @param first,last one-based positions of the first and last item shown; 0 when none is shown
 */
record Paging(long first, long last, long total, Optional<String> previousHref, Optional<String> nextHref) {
    Paging {
        requireNonNull(previousHref, "previousHref is null");
        requireNonNull(nextHref, "nextHref is null");
    }

    /**
     * @param shown how many items this page holds
     * @param hrefForOffset the link to the page starting at an offset
     */
    static Paging of(long offset, int limit, int shown, long total, LongFunction<String> hrefForOffset) {
        Optional<String> previous = offset > 0 && limit > 0
                ? Optional.of(hrefForOffset.apply(Math.max(0, Math.min(offset, total) - limit)))
                : Optional.empty();
        Optional<String> next = limit > 0 && offset + shown < total
                ? Optional.of(hrefForOffset.apply(offset + limit))
                : Optional.empty();
        return new Paging(shown == 0 ? 0 : offset + 1, offset + shown, total, previous, next);
    }

    public boolean isEmpty() {
        return first == 0;
    }

    public boolean hasMorePages() {
        return previousHref.isPresent() || nextHref.isPresent();
    }

    /** "21–40 of 134" (en dash, as in print), "1–20 of 19,606". */
    public String summary() {
        String of = " of " + totalText();
        return isEmpty() ? "0" + of : new Count(first).grouped() + "–" + new Count(last).grouped() + of;
    }

    /** The total with its digits grouped: "19,606". */
    public String totalText() {
        return new Count(total).grouped();
    }
}
