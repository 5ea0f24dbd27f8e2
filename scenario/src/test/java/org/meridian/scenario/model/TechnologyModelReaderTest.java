package org.meridian.scenario.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.meridian.scenario.distribution.Constant;
import org.meridian.scenario.distribution.TruncatedNormal;
import org.meridian.scenario.expression.Expression;
import org.meridian.scenario.expression.ExpressionCompiler;
import org.meridian.scenario.expression.ExpressionException;
import org.meridian.scenario.expression.Scope;
import org.meridian.scenario.expression.SourcePosition;
import org.junit.jupiter.api.Test;

class TechnologyModelReaderTest {
    private static final String MODEL = """
            format: 1
            technology: Tiny
            indices:
              input: [Water]
              output:
                - name: Steam
                  unit: kg
              metric: [Cost]
              parameter: [factor]
            functions:
              production:
                Steam: >-
                  input.Water
                  * parameter.factor
              metric:
                Cost: |
                  cost /
                    output.Steam
            scenarios:
              - name: Base
                scale: 1
                lifetime: {}
                rawInput: {Water: 2}
                inputEfficiency: {Water: 1}
                inputPrice: {Water: 3}
                outputEfficiency: {Steam: 0.5}
                outputPrice: {Steam: 0}
                parameter: {factor: 4}
              - name: Better
                basedOn: Base
                inputEfficiency:
                  Water: "st.truncnorm(-1, 1, loc=0.9, scale=0.05)"
            """;

    @Test
    void readsIndicesScenariosAndInheritance() {
        TechnologyModel model = TechnologyModelReader.read("tiny.yaml", MODEL);

        assertThat(model.technology()).isEqualTo("Tiny");
        assertThat(model.indices().of(IndexKind.OUTPUT)).containsExactly(new Index("Steam", "", "kg"));
        assertThat(model.indices().of(IndexKind.CAPITAL)).isEmpty();
        Scenario better = model.scenario("Better");
        assertThat(better.value(ScenarioVariable.INPUT_EFFICIENCY, 0)).isEqualTo(new TruncatedNormal(-1, 1, 0.9, 0.05));
        assertThat(better.value(ScenarioVariable.PARAMETER, 0)).isEqualTo(new Constant(4));
        assertThat(model.scenario("Base").value(ScenarioVariable.INPUT_EFFICIENCY, 0)).isEqualTo(new Constant(1));
    }

    @Test
    void positionsInFoldedAndLiteralBlocksPointIntoTheFile() {
        TechnologyModel model = TechnologyModelReader.read("tiny.yaml", MODEL);
        Scope empty = new Scope(Map.of(), Map.of());

        // The folded block's text starts on line 13, column 7; the literal block's on line 17.
        assertThatThrownBy(() -> ExpressionCompiler.compile(model.functions().of(FunctionKind.PRODUCTION).getFirst(), empty, "production Steam"))
                .isInstanceOfSatisfying(ExpressionException.class, error -> assertThat(error.position()).isEqualTo(new SourcePosition(13, 7)));
        var division = (Expression.Binary) model.functions().of(FunctionKind.METRIC).getFirst();
        assertThat(division.position()).as("the operator").isEqualTo(new SourcePosition(17, 12));
        assertThat(division.left().position()).isEqualTo(new SourcePosition(17, 7));
        assertThat(division.right().position()).isEqualTo(new SourcePosition(18, 9));
    }

    @Test
    void reportsMissingFunctionsAndCells() {
        String broken = MODEL.replace("    Cost: |\n      cost /\n        output.Steam\n", "")
                .replace("    parameter: {factor: 4}\n", "");

        assertThatThrownBy(() -> TechnologyModelReader.read("tiny.yaml", broken))
                .isInstanceOfSatisfying(ModelException.class, error -> assertThat(error.problems())
                        .extracting(ModelProblem::message)
                        .contains("no metric function for metric 'Cost'", "missing parameter for 'factor'"));
    }

    @Test
    void rejectsNamesThatExpressionsCouldNotReach() {
        String broken = MODEL.replace("input: [Water]", "input: [N/A]");

        assertThatThrownBy(() -> TechnologyModelReader.read("tiny.yaml", broken))
                .isInstanceOfSatisfying(ModelException.class, error -> assertThat(error.problems()).first()
                        .satisfies(problem -> assertThat(problem.message()).contains("index name 'N/A' must consist of letters")));
    }

    @Test
    void rejectsBasedOnAnUnknownScenario() {
        String broken = MODEL.replace("basedOn: Base", "basedOn: Bsae");

        assertThatThrownBy(() -> TechnologyModelReader.read("tiny.yaml", broken))
                .hasMessageContaining("'Bsae' is not a scenario defined above this one");
    }
}
