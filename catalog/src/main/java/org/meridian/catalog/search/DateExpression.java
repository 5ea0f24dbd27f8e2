package org.meridian.catalog.search;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the time values ESGF clients send: ISO instants ({@code 2019-03-08T12:00:00Z}, with or
 * without fractional seconds), plain dates ({@code 2019-03-08}, midnight UTC) and Solr date math
 * relative to now ({@code NOW}, {@code NOW-1YEAR}, {@code NOW-7DAYS/DAY}).
 */
public final class DateExpression {
    private static final Pattern DATE_MATH = Pattern.compile(
            "NOW((?:[+-]\\d+(?:YEARS?|MONTHS?|DAYS?|HOURS?|MINUTES?|SECONDS?))*)(?:/(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND))?");
    private static final Pattern STEP = Pattern.compile("([+-])(\\d+)([A-Z]+?)S?(?=[+-]|$)");

    private final Clock clock;

    public DateExpression(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** @throws IllegalArgumentException with a message saying what forms are accepted */
    public Instant parse(String text) {
        String value = text.strip();
        Matcher math = DATE_MATH.matcher(value.toUpperCase(Locale.ROOT));
        if (math.matches()) {
            try {
                return evaluate(math);
            } catch (DateTimeException | ArithmeticException e) {
                // NOW+9999999999YEARS: a step beyond the time line, which java.time refuses its own way.
                throw new IllegalArgumentException("'" + text + "' lies outside the years a time can have");
            }
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a time: use an ISO instant (2019-03-08T12:00:00Z), a date (2019-03-08) or NOW-1YEAR style date math");
        }
    }

    private Instant evaluate(Matcher math) {
        ZonedDateTime time = clock.instant().atZone(ZoneOffset.UTC);
        Matcher step = STEP.matcher(math.group(1));
        while (step.find()) {
            long amount = Long.parseLong(step.group(2)) * (step.group(1).equals("-") ? -1 : 1);
            time = time.plus(amount, unit(step.group(3)));
        }
        if (math.group(2) != null) {
            ChronoUnit unit = unit(math.group(2));
            time = switch (unit) {
                case YEARS -> time.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
                case MONTHS -> time.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                default -> time.truncatedTo(unit);
            };
        }
        return time.toInstant();
    }

    private static ChronoUnit unit(String name) {
        return switch (name) {
            case "YEAR" -> ChronoUnit.YEARS;
            case "MONTH" -> ChronoUnit.MONTHS;
            case "DAY" -> ChronoUnit.DAYS;
            case "HOUR" -> ChronoUnit.HOURS;
            case "MINUTE" -> ChronoUnit.MINUTES;
            case "SECOND" -> ChronoUnit.SECONDS;
            default -> throw new IllegalArgumentException("unknown date math unit " + name);
        };
    }
}
