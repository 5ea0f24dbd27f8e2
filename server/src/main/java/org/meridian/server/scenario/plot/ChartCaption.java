package org.meridian.server.scenario.plot;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * What names a chart: its accessible title and an id unique on the page, from which the ids of
 * its {@code <title>} and {@code <desc>} are made (several charts share one HTML page, and
 * {@code aria-labelledby} needs ids that do not clash).
 *
 * @param id letters, digits, '-' and '_', starting with a letter, at most 64 characters
 * @param title what the chart shows, e.g. "Hydrogen cost by scenario"; any text, it is escaped
 */
public record ChartCaption(String id, String title) {
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    public ChartCaption {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "chart id must be a letter then up to 63 letters, digits, '-' or '_', got '" + id + "'");
        }
        if (title.isBlank()) {
            throw new IllegalArgumentException("chart title must not be blank (screen readers announce it)");
        }
    }

    String titleId() {
        return id + "-title";
    }

    String descriptionId() {
        return id + "-desc";
    }
}
