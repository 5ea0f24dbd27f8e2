package org.meridian.scenario.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;
import org.meridian.scenario.ScenarioException;

/** A model file that cannot be used, with every problem found. Stable code: {@code invalid-model}. */
public final class ModelException extends ScenarioException {
    private final List<ModelProblem> problems;

    public ModelException(String source, List<ModelProblem> problems) {
        super("invalid-model", describe(source, problems));
        this.problems = List.copyOf(problems);
    }

    private static String describe(String source, List<ModelProblem> problems) {
        requireNonNull(source, "source is null");
        if (requireNonNull(problems, "problems is null").isEmpty()) {
            throw new IllegalArgumentException("a model exception needs at least one problem");
        }
        return problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + source + ":\n"
                + problems.stream().map(problem -> "  " + problem).collect(Collectors.joining("\n"));
    }

    public List<ModelProblem> problems() {
        return problems;
    }
}
