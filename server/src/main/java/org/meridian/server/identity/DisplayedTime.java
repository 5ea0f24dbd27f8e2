package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** An instant on a page: to the minute in UTC for people, exact for the {@code <time datetime>} attribute. */
record DisplayedTime(Instant instant) {
    private static final DateTimeFormatter TO_THE_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    DisplayedTime {
        requireNonNull(instant, "instant is null");
    }

    public String text() {
        return TO_THE_MINUTE.format(instant);
    }

    public String machine() {
        return instant.toString();
    }
}
