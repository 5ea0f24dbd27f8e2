package org.meridian.scenario.model;

import java.util.Optional;

/**
 * The quantities a scenario gives a value or distribution for, under the names the functions use.
 * {@code rawInput} is the input before efficiency; functions also see {@code input}, the input
 * after efficiency.
 */
public enum ScenarioVariable {
    SCALE("scale", null),
    LIFETIME("lifetime", IndexKind.CAPITAL),
    RAW_INPUT("rawInput", IndexKind.INPUT),
    INPUT_EFFICIENCY("inputEfficiency", IndexKind.INPUT),
    INPUT_PRICE("inputPrice", IndexKind.INPUT),
    OUTPUT_EFFICIENCY("outputEfficiency", IndexKind.OUTPUT),
    OUTPUT_PRICE("outputPrice", IndexKind.OUTPUT),
    PARAMETER("parameter", IndexKind.PARAMETER);

    private final String key;
    private final IndexKind indexKind;

    ScenarioVariable(String key, IndexKind indexKind) {
        this.key = key;
        this.indexKind = indexKind;
    }

    public String key() {
        return key;
    }

    /** The index set of a vector variable; empty for the scalar {@code scale}. */
    public Optional<IndexKind> indexKind() {
        return Optional.ofNullable(indexKind);
    }

    /** How many values a scenario gives for this variable. */
    public int size(Indices indices) {
        return indexKind == null ? 1 : indices.size(indexKind);
    }
}
