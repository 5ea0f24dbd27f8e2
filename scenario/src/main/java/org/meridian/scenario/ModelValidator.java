package org.meridian.scenario;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.meridian.scenario.evaluation.TechnologyProgram;
import org.meridian.scenario.model.ModelException;
import org.meridian.scenario.model.ModelProblem;
import org.meridian.scenario.model.TechnologyModel;
import org.meridian.scenario.model.TechnologyModelReader;

/**
 * The one entry point for "is this model file usable?": reads it, then compiles its functions so
 * that unknown names, wrong index names and vectors used as numbers are found too, each with line
 * and column.
 */
public final class ModelValidator {
    private ModelValidator() {
    }

    /** Every problem of the model file; empty when the model can be run. */
    public static List<ModelProblem> validate(String source, String text) {
        try {
            load(source, text);
            return List.of();
        } catch (ModelException invalid) {
            return invalid.problems();
        }
    }

    /**
     * Reads and fully checks a model file.
     *
     * @throws ModelException listing every problem
     */
    public static TechnologyModel load(String source, String text) {
        TechnologyModel model = TechnologyModelReader.read(requireNonNull(source, "source is null"), text);
        TechnologyProgram.compile(model);
        return model;
    }
}
