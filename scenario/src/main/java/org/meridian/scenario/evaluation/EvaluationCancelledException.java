package org.meridian.scenario.evaluation;

import org.meridian.scenario.ScenarioException;

/**
 * An evaluation stopped because its {@link EvaluationMonitor} asked it to; no samples are
 * returned. Stable code: {@code evaluation-cancelled}.
 */
public final class EvaluationCancelledException extends ScenarioException {
    public EvaluationCancelledException(int completed, int total) {
        super("evaluation-cancelled", "the evaluation was cancelled after " + completed + " of " + total + " work items");
    }
}
