package org.meridian.scenario.model;

/**
 * The functions of a technology, in evaluation order, each giving one expression per element of
 * its index set and seeing only what Tyche's function of the same role sees.
 */
public enum FunctionKind {
    /** Capital cost per capital item, from scale and parameters. */
    CAPITAL("capital", IndexKind.CAPITAL),
    /** Fixed cost per fixed-cost item, from scale and parameters. */
    FIXED("fixed", IndexKind.FIXED),
    /** Raw output per output, before output efficiency. */
    PRODUCTION("production", IndexKind.OUTPUT),
    /** The metrics, from everything computed before. */
    METRIC("metric", IndexKind.METRIC);

    private final String key;
    private final IndexKind indexKind;

    FunctionKind(String key, IndexKind indexKind) {
        this.key = key;
        this.indexKind = indexKind;
    }

    public String key() {
        return key;
    }

    public IndexKind indexKind() {
        return indexKind;
    }
}
