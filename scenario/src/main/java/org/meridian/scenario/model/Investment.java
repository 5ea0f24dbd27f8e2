package org.meridian.scenario.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A portfolio: one tranche chosen in each of some categories.
 *
 * @param tranches category name → tranche name
 */
public record Investment(String name, Map<String, String> tranches) {
    public Investment {
        requireNonNull(name, "name is null");
        requireNonNull(tranches, "tranches is null");
        if (tranches.isEmpty()) {
            throw new IllegalArgumentException("investment '" + name + "' chooses no tranche");
        }
        // Keeps the order the modeller wrote, for display.
        tranches = Collections.unmodifiableMap(new LinkedHashMap<>(tranches));
    }
}
