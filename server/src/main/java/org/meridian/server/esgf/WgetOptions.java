package org.meridian.server.esgf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.meridian.catalog.search.InvalidQueryException;

/**
 * The wget endpoint's own parameters (spec §8): {@code download_structure=a,b} lays files out in
 * directories named after those fields' values, and {@code download_emptypath} names the
 * directory used where a file has no value (without it, that level is left out).
 */
record WgetOptions(List<String> structure, Optional<String> emptyPath) {
    static final String STRUCTURE = "download_structure";
    static final String EMPTY_PATH = "download_emptypath";
    private static final Set<String> NAMES = Set.of(STRUCTURE, EMPTY_PATH);
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    WgetOptions {
        structure = List.copyOf(structure);
    }

    static WgetOptions from(Map<String, List<String>> parameters) {
        List<String> structure = new ArrayList<>();
        for (String list : parameters.getOrDefault(STRUCTURE, List.of())) {
            if (list.isBlank()) {
                throw new InvalidQueryException(STRUCTURE, "Invalid empty value for parameter=" + STRUCTURE);
            }
            for (String field : list.split(",")) {
                String name = field.strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (!FIELD.matcher(name).matches()) {
                    throw new InvalidQueryException(STRUCTURE,
                            "Parameter " + STRUCTURE + " must list field names, got '" + name + "'");
                }
                structure.add(name);
            }
        }
        List<String> emptyPath = parameters.getOrDefault(EMPTY_PATH, List.of());
        if (emptyPath.size() > 1) {
            throw new InvalidQueryException(EMPTY_PATH, "Parameter " + EMPTY_PATH + " may be given only once, got "
                    + emptyPath.size());
        }
        if (emptyPath.size() == 1 && emptyPath.get(0).isBlank()) {
            throw new InvalidQueryException(EMPTY_PATH, "Invalid empty value for parameter=" + EMPTY_PATH);
        }
        return new WgetOptions(structure, emptyPath.stream().map(String::strip).findFirst());
    }

    /**
     * The parameters without the wget options, for the shared search parser. ESGF lists both names
     * among its fields (spec §3), so the search endpoint accepts and ignores them too.
     */
    static Map<String, List<String>> without(Map<String, List<String>> parameters) {
        Map<String, List<String>> rest = new LinkedHashMap<>(parameters);
        rest.keySet().removeAll(NAMES);
        return rest;
    }
}
