package org.meridian.server.scenario.plot;

/** Maps data values linearly onto viewBox coordinates; a vertical axis simply has {@code rangeStart > rangeEnd}. */
record LinearScale(double domainStart, double domainEnd, double rangeStart, double rangeEnd) {
    LinearScale {
        if (!(domainStart < domainEnd)) {
            throw new IllegalArgumentException("a scale needs domainStart < domainEnd, got " + domainStart + ", " + domainEnd);
        }
    }

    static LinearScale of(NiceScale ticks, double rangeStart, double rangeEnd) {
        return new LinearScale(ticks.first(), ticks.last(), rangeStart, rangeEnd);
    }

    double at(double value) {
        // Subtract before dividing: (value − start) / (end − start) stays exact enough for 5e6 ± 1e-3.
        return rangeStart + (value - domainStart) / (domainEnd - domainStart) * (rangeEnd - rangeStart);
    }
}
