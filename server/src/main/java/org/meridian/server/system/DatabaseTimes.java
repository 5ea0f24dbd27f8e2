package org.meridian.server.system;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * How instants go into and come out of {@code TIMESTAMP WITH TIME ZONE} columns, on H2 and
 * PostgreSQL alike.
 *
 * <p>Never bind a {@code java.sql.Timestamp}: H2 reads one as a local time of the session's zone,
 * and a local time in the hour that comes twice when summer time ends is ambiguous, so H2 stores
 * such an instant an hour off. A node in a zone with summer time would then, once a year, store
 * audit events that fail their hash, catalog times the index disagrees with, and token expiries an
 * hour early. An {@link OffsetDateTime} carries its offset, so the instant itself is stored.
 */
public final class DatabaseTimes {
    private DatabaseTimes() {
    }

    /** {@code instant} as it is bound to a statement. */
    public static OffsetDateTime bind(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The instant a column holds, read with its offset as it was bound; empty when it is null. */
    public static Optional<Instant> read(ResultSet row, int column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    /** {@link #read(ResultSet, int)} by the column's name. */
    public static Optional<Instant> read(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    /**
     * Now, to the precision both databases keep (microseconds), so a time kept in memory or hashed
     * equals the one read back.
     */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
