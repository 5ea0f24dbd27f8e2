package org.meridian.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.meridian.scenario.evaluation.EvaluationException;
import org.meridian.scenario.evaluation.ResultVariable;
import org.meridian.scenario.expression.SourcePosition;
import org.meridian.scenario.model.ModelException;
import org.meridian.scenario.model.ModelProblem;
import org.meridian.scenario.model.TechnologyModel;
import org.junit.jupiter.api.Test;

/** Bad models and bad numbers fail with messages that name the place; never a silent NaN table. */
class ModelErrorTest {
    private static final String ELECTROLYSIS = ExampleModels.text("simple-electrolysis");

    private static String replace(String target, String replacement) {
        assertThat(ELECTROLYSIS).contains(target);
        return ELECTROLYSIS.replace(target, replacement);
    }

    private static int lineOf(String text, String fragment) {
        return (int) text.substring(0, text.indexOf(fragment)).chars().filter(character -> character == '\n').count() + 1;
    }

    @Test
    void shippedExamplesAreValid() {
        for (String example : List.of("simple-electrolysis", "pv-residential-simple", "tutorial-basic")) {
            assertThat(ModelValidator.validate(example, ExampleModels.text(example))).as(example).isEmpty();
        }
    }

    @Test
    void unknownVariableIsReportedWithItsName() {
        String text = replace("Jobs: parameter.jobsPerMole / output.Hydrogen", "Jobs: parameter.jobsPerMole / outptu.Hydrogen");

        List<ModelProblem> problems = ModelValidator.validate("broken.yaml", text);

        int line = lineOf(text, "    Jobs: parameter.jobsPerMole / outptu");
        int column = "    Jobs: parameter.jobsPerMole / ".length() + 1;
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.place()).isEqualTo("metric Jobs");
            assertThat(problem.position()).contains(new SourcePosition(line, column));
            assertThat(problem.message()).startsWith("unknown variable 'outptu'");
        });
    }

    @Test
    void unknownIndexAndStageVisibilityAreReported() {
        String text = replace("Oxygen: moles * parameter.oxygenPerMole", "Oxygen: moles * parameter.oxygen")
                .replace("Catalyst: parameter.referenceCatalystCost * scale", "Catalyst: output.Hydrogen * scale");

        List<ModelProblem> problems = ModelValidator.validate("broken.yaml", text);

        assertThat(problems).extracting(ModelProblem::message).anySatisfy(message ->
                assertThat(message).contains("'parameter' has no index 'oxygen'"));
        assertThat(problems).extracting(ModelProblem::message).anySatisfy(message ->
                assertThat(message).contains("'output' is not available in capital functions"));
    }

    @Test
    void definitionUsingALaterQuantityIsRejectedWhereItIsTooEarly() {
        String text = replace("Rent: parameter.referenceRent * scale / parameter.referenceScale", "Rent: moles");

        assertThat(ModelValidator.validate("broken.yaml", text)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("definition 'moles' uses [input], which fixed functions cannot see"));
    }

    @Test
    void invalidDistributionParametersNameTheCell() {
        String text = replace("Water: st.truncnorm(-1, 4, loc=0.96, scale=0.01)", "Water: st.truncnorm(-1, 4, loc=0.96, scale=-0.01)");

        assertThatThrownBy(() -> ModelValidator.load("broken.yaml", text))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("scenarios[Slow Progress on Electrolysis].inputEfficiency.Water (line "
                        + lineOf(text, "      Water: st.truncnorm(-1, 4, loc=0.96, scale=-0.01)") + ", column 14): "
                        + "truncnorm: scale must be greater than 0, got -0.01");
    }

    @Test
    void mixtureWeightsNotSummingToOneNameTheCell() {
        String text = ExampleModels.text("tutorial-basic").replace("mixture([0.7, 0.3]", "mixture([0.7, 0.2]");

        assertThat(ModelValidator.validate("broken.yaml", text)).singleElement().satisfies(problem -> {
            assertThat(problem.place()).isEqualTo("scenarios[Intense Tower R&D].parameter.towerDesign");
            assertThat(problem.message()).contains("weights must sum to 1");
        });
    }

    @Test
    void structuralProblemsAreAllListed() {
        String text = replace("    rawInput:\n      Water: 19.04\n", "    rawInput:\n      Steam: 19.04\n")
                .replace("format: 1", "format: 1\nauthor: someone");

        List<ModelProblem> problems = ModelValidator.validate("broken.yaml", text);

        assertThat(problems).extracting(ModelProblem::toString).anySatisfy(text1 -> assertThat(text1).contains("unknown key 'author'"));
        assertThat(problems).extracting(ModelProblem::toString).anySatisfy(text1 -> assertThat(text1).contains("unknown key 'Steam'"));
        assertThat(problems).extracting(ModelProblem::toString).anySatisfy(text1 -> assertThat(text1).contains("missing rawInput for 'Water'"));
    }

    @Test
    void invalidYamlIsAProblemWithPosition() {
        assertThat(ModelValidator.validate("broken.yaml", "format: 1\ntechnology: [unclosed\n")).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.message()).startsWith("not valid YAML");
                    assertThat(problem.position()).isPresent();
                });
    }

    @Test
    void divisionByZeroAtRunTimeNamesFunctionScenarioAndSample() {
        // Zero water efficiency in one scenario: no moles, no hydrogen, cost per gram undefined.
        String text = replace("Water: st.truncnorm(-3, 2, loc=0.97, scale=0.01)", "Water: 0");
        TechnologyModel model = ModelValidator.load("zero.yaml", text);
        ScenarioEngine engine = new ScenarioEngine(Runnable::run, 1, InstantSource.system());

        assertThatThrownBy(() -> engine.run(model, 1_000, 1))
                .isInstanceOf(EvaluationException.class)
                .hasMessageStartingWith("metric Cost (line " + lineOf(text, "    Cost: cost / output.Hydrogen") + ", column 16): "
                        + "division by zero: output.Hydrogen is 0, in scenario 'Fast Progress on Electrolysis', sample 0")
                .satisfies(error -> assertThat(((EvaluationException) error).code()).isEqualTo("evaluation-failed"));
    }

    @Test
    void divisionByZeroInAnUntakenBranchIsNotAnError() {
        String text = replace("Cost: cost / output.Hydrogen", "Cost: if(output.Hydrogen > 0, cost / output.Hydrogen, 0)")
                .replace("Water: st.truncnorm(-3, 2, loc=0.97, scale=0.01)", "Water: 0")
                .replace("Jobs: parameter.jobsPerMole / output.Hydrogen", "Jobs: 1")
                .replace("GHG: (rawInput.Water", "GHG: 1 + 0 * (rawInput.Water")
                .replace(") / output.Hydrogen", ")");
        TechnologyModel model = ModelValidator.load("guarded.yaml", text);

        ScenarioRunResult result = new ScenarioEngine(Runnable::run, 1, InstantSource.system()).run(model, 1_000, 1);

        assertThat(result.result("Fast Progress on Electrolysis", ResultVariable.METRIC, "Cost")
                .statistics().mean()).isZero();
    }

    @Test
    void modelProblemPrintsPlacePositionAndMessage() {
        assertThat(new ModelProblem("metric Cost", Optional.of(new SourcePosition(3, 7)), "unknown variable 'x'"))
                .hasToString("metric Cost (line 3, column 7): unknown variable 'x'");
    }
}
