package org.meridian.scenario.evaluation;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.meridian.scenario.model.TechnologyModel;

/** Every scenario of a technology, evaluated for the same number of samples. */
public record ScenarioSamples(TechnologyModel model, int samples, List<ScenarioOutcome> outcomes) {
    public ScenarioSamples {
        requireNonNull(model, "model is null");
        outcomes = List.copyOf(requireNonNull(outcomes, "outcomes is null"));
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be positive, got " + samples);
        }
    }

    public ScenarioOutcome outcome(String scenario) {
        return outcomes.stream().filter(outcome -> outcome.scenario().equals(scenario)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario '" + scenario + "' was evaluated"));
    }
}
