package org.meridian.catalog.search;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Which temporal coverage a search keeps (ESGF {@code start}/{@code end}, spec §2): {@code start}
 * keeps records whose coverage ends at or after it, {@code end} those whose coverage starts at or
 * before it. The two are independent conditions, not an interval, so {@code start} may lie after
 * {@code end}: that keeps the records covering all of {@code [end, start]}.
 */
public record CoverageOverlap(Optional<Instant> start, Optional<Instant> end) {
    public static final CoverageOverlap ANY = new CoverageOverlap(Optional.empty(), Optional.empty());

    public CoverageOverlap {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
    }
}
