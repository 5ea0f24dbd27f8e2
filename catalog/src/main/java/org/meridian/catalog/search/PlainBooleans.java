package org.meridian.catalog.search;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Booleans as ESGF's Solr reads them (spec §2), without its guesses: {@code true}, {@code t} and
 * {@code 1} are true and {@code false}, {@code f} and {@code 0} false, in any case, so pyesgf's
 * {@code True} works. Solr reads a value as true when it starts with t, T or 1 and as false
 * otherwise, so {@code latest=yes} would silently mean "not latest" and {@code latest=tomato}
 * "latest"; here such values are no boolean. Parameters and queries both read the flags through
 * here, so one rule holds everywhere.
 */
public final class PlainBooleans {
    /** The record flags, indexed as {@code true} or {@code false}. */
    public static final Set<String> FLAG_FIELDS = Set.of("latest", "replica", "retracted");

    /** What a refusal tells the caller is allowed. */
    public static final String ALLOWED = "true or false (or t, f, 1, 0)";

    private PlainBooleans() {
    }

    /** The boolean {@code text} denotes, or empty when it denotes none. */
    public static Optional<Boolean> read(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "t", "1" -> Optional.of(true);
            case "false", "f", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
