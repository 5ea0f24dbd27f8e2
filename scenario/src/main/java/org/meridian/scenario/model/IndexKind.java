package org.meridian.scenario.model;

/** The index sets of a technology, named as in the model file and in expressions. */
public enum IndexKind {
    CAPITAL("capital"), FIXED("fixed"), INPUT("input"), OUTPUT("output"), METRIC("metric"), PARAMETER("parameter");

    private final String key;

    IndexKind(String key) {
        this.key = key;
    }

    /** The name in model files and expressions ({@code sum(i in input, …)}). */
    public String key() {
        return key;
    }
}
