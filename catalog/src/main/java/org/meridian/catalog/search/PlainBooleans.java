package org.meridian.catalog.search;

import java.util.Optional;
import java.util.Set;

/**
 * Booleans as ESGF's Solr reads them (spec §2): true when the value starts with {@code t},
 * {@code T} or {@code 1}, so pyesgf's {@code True} works. Solr reads every other value as false,
 * so {@code latest=yes} would silently mean "not latest"; here only a value starting with
 * {@code f}, {@code F} or {@code 0} is false, and the rest is no boolean. Parameters and queries
 * both read the flags through here, so one rule holds everywhere.
 */
public final class PlainBooleans {
    /** The record flags, indexed as {@code true} or {@code false}. */
    public static final Set<String> FLAG_FIELDS = Set.of("latest", "replica", "retracted");

    /** What a refusal tells the caller is allowed. */
    public static final String ALLOWED = "true or false (or a value starting with t, T, 1, f, F or 0)";

    private PlainBooleans() {
    }

    /** The boolean {@code text} denotes, or empty when it denotes none. */
    public static Optional<Boolean> read(String text) {
        char first = text.isEmpty() ? ' ' : text.charAt(0);
        return switch (first) {
            case 't', 'T', '1' -> Optional.of(true);
            case 'f', 'F', '0' -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
