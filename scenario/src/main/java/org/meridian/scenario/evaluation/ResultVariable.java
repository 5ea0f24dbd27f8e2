package org.meridian.scenario.evaluation;

/** The kinds of result a scenario evaluation yields, with Tyche's names for them. */
public enum ResultVariable {
    /** The unit cost K (one value). */
    COST("Cost"),
    /** Output quantities after efficiency, one per output. */
    OUTPUT("Output"),
    /** The metrics, one per metric. */
    METRIC("Metric");

    private final String label;

    ResultVariable(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
