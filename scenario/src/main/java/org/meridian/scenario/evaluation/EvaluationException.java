package org.meridian.scenario.evaluation;

import static java.util.Objects.requireNonNull;

import org.meridian.scenario.ScenarioException;
import org.meridian.scenario.expression.SourcePosition;

/**
 * A function that cannot be computed for some sample (division by zero, log of a negative number,
 * overflow), naming the function, the position of the failing operation, the scenario and the
 * sample, so a model author can find it. Evaluation never hands back a table with silent NaNs.
 * Stable code: {@code evaluation-failed}.
 */
public final class EvaluationException extends ScenarioException {
    private final String place;
    private final SourcePosition position;
    private final String scenario;
    private final int sample;

    public EvaluationException(String place, SourcePosition position, String problem, String scenario, int sample) {
        super("evaluation-failed", place + " (" + position + "): " + problem + ", in scenario '" + scenario
                + "', sample " + sample);
        this.place = requireNonNull(place, "place is null");
        this.position = requireNonNull(position, "position is null");
        this.scenario = requireNonNull(scenario, "scenario is null");
        this.sample = sample;
    }

    public String place() {
        return place;
    }

    public SourcePosition position() {
        return position;
    }

    public String scenario() {
        return scenario;
    }

    public int sample() {
        return sample;
    }
}
