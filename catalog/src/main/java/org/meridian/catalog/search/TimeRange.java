package org.meridian.catalog.search;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A closed time interval; a missing side is open. */
public record TimeRange(Optional<Instant> from, Optional<Instant> to) {
    public static final TimeRange UNBOUNDED = new TimeRange(Optional.empty(), Optional.empty());

    public TimeRange {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new IllegalArgumentException("time range ends (" + to.get() + ") before it starts (" + from.get() + ")");
        }
    }

    public boolean isUnbounded() {
        return from.isEmpty() && to.isEmpty();
    }
}
