package org.meridian.server.web;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Where one page of results sits in the whole: "21–40 of 134", page 2 of 7, with links to the
 * first, neighbouring and last pages when there are any.
 *
 * @param first,last one-based positions of the first and last item shown; 0 when none is shown
 * @param page the one-based number of this page (of pages of {@code limit} items)
 * @param pages how many pages the items fill; at least 1
 * @param pastEnd whether this page starts after the last item (an offset past the total)
 */
record Paging(long first, long last, long total, long page, long pages, boolean pastEnd,
        Optional<String> firstHref, Optional<String> previousHref, Optional<String> nextHref,
        Optional<String> lastHref) {
    Paging {
        requireNonNull(firstHref, "firstHref is null");
        requireNonNull(previousHref, "previousHref is null");
        requireNonNull(nextHref, "nextHref is null");
        requireNonNull(lastHref, "lastHref is null");
    }

    /**
     * @param shown how many items this page holds
     * @param hrefForOffset the link to the page starting at an offset
     */
    static Paging of(long offset, int limit, int shown, long total, LongFunction<String> hrefForOffset) {
        if (limit == 0) {
            // Counts only: there are no pages to move between.
            return new Paging(0, 0, total, 1, 1, false, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        long pages = Math.max(1, (total + limit - 1) / limit);
        Optional<String> lastHref = Optional.of(hrefForOffset.apply((pages - 1) * limit));
        if (offset > 0 && offset >= total) {
            // An old link or a hand-made offset: the way back is the last page, not the page before.
            return new Paging(0, 0, total, offset / limit + 1, pages, true, Optional.empty(), Optional.empty(),
                    Optional.empty(), lastHref);
        }
        boolean before = offset > 0;
        boolean after = offset + shown < total;
        // Counted from this page's own start, which a hand-made offset may put between two pages:
        // the items before it fill pages too (offset 5 of 20 a page: page 2, with a page 1 before it).
        long pagesBefore = (offset + limit - 1) / limit;
        long pagesFromHere = Math.max(1, pagesBefore + (total - offset + limit - 1) / limit);
        // The last page on the same grid as this one, so "Last" shows "Page M of M".
        long lastOffset = offset + (pagesFromHere - pagesBefore - 1) * limit;
        return new Paging(shown == 0 ? 0 : offset + 1, offset + shown, total, pagesBefore + 1, pagesFromHere, false,
                before ? Optional.of(hrefForOffset.apply(0)) : Optional.empty(),
                before ? Optional.of(hrefForOffset.apply(Math.max(0, offset - limit))) : Optional.empty(),
                after ? Optional.of(hrefForOffset.apply(offset + limit)) : Optional.empty(),
                after ? Optional.of(hrefForOffset.apply(lastOffset)) : Optional.empty());
    }

    public boolean isEmpty() {
        return first == 0;
    }

    public boolean hasMorePages() {
        return firstHref.isPresent() || previousHref.isPresent() || nextHref.isPresent() || lastHref.isPresent();
    }

    /** "21–40 of 134" (en dash, as in print), "1–20 of 19,606". */
    public String summary() {
        String of = " of " + totalText();
        return isEmpty() ? "0" + of : new Count(first).grouped() + "–" + new Count(last).grouped() + of;
    }

    /** "Page 2 of 7". */
    public String position() {
        return "Page " + new Count(page).grouped() + " of " + new Count(pages).grouped();
    }

    /** The total with its digits grouped: "19,606". */
    public String totalText() {
        return new Count(total).grouped();
    }
}
