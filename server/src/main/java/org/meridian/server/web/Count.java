package org.meridian.server.web;

import java.util.Locale;

/**
 * A number of things as pages print it: digits grouped in threes by commas whatever the node's
 * locale ("19,606"), as the command line prints counts, and the noun agreeing with the number.
 */
record Count(long value) {
    Count {
        if (value < 0) {
            throw new IllegalArgumentException("a count must not be negative, got " + value);
        }
    }

    String grouped() {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** "1 file", "19,606 files". */
    String of(String singular, String plural) {
        return grouped() + " " + (value == 1 ? singular : plural);
    }
}
