package org.meridian.scenario.expression;

import static java.util.Objects.requireNonNull;

/**
 * What {@link Node#evaluateLane} found wrong with one sample: the operation's position and what
 * happened. Checked, so the evaluator has to turn it into a message that names the function,
 * scenario and sample.
 */
public final class LaneFault extends Exception {
    private final SourcePosition position;

    public LaneFault(SourcePosition position, String problem) {
        super(requireNonNull(problem, "problem is null"), null, false, false);
        this.position = requireNonNull(position, "position is null");
    }

    public SourcePosition position() {
        return position;
    }

    public String problem() {
        return getMessage();
    }
}
