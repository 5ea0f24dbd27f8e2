package org.meridian.server.web;

import java.util.Locale;

/**
 * A number of bytes as people read it: decimal units ({@code 1.2 GB} = 1.2 × 10⁹ bytes), the
 * convention of data portals and storage vendors, one decimal below 100 of a unit.
 */
record ByteSize(long bytes) {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB", "EB"};

    ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative, got " + bytes);
        }
    }

    String human() {
        if (bytes < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        String pattern = value < 99.95 ? "%.1f %s" : "%.0f %s";
        return String.format(Locale.ROOT, pattern, value, UNITS[unit]);
    }
}
