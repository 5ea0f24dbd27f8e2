package org.meridian.scenario.tyche;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import org.meridian.scenario.ExampleModels;
import org.meridian.scenario.ModelValidator;
import org.meridian.scenario.ScenarioEngine;
import org.meridian.scenario.model.TechnologyModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TycheWorkbookImporterTest {
    private static String resource(String name) throws IOException {
        try (InputStream stream = TycheWorkbookImporterTest.class.getResourceAsStream("/tyche/" + name)) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String importExample(String example, String functions) throws IOException {
        try (InputStream workbook = TycheWorkbookImporterTest.class.getResourceAsStream("/tyche/" + example + ".xlsx")) {
            return TycheWorkbookImporter.importWorkbook(workbook, example + ".xlsx", functions);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple-electrolysis", "pv-residential-simple", "tutorial-basic"})
    void importedWorkbookEvaluatesExactlyLikeTheShippedExample(String example) throws IOException {
        String imported = importExample(example, resource(example + ".functions.yaml"));
        TechnologyModel model = ModelValidator.load(example, imported);
        TechnologyModel shipped = ExampleModels.load(example);
        ScenarioEngine engine = new ScenarioEngine(Runnable::run, 1, InstantSource.system());

        assertThat(model.scenarios()).isEqualTo(shipped.scenarios());
        assertThat(model.tranches()).isEqualTo(shipped.tranches());
        assertThat(model.investments()).isEqualTo(shipped.investments());
        assertThat(engine.run(model, 5_000, 11).results()).isEqualTo(engine.run(shipped, 5_000, 11).results());
    }

    @Test
    void namesThatAreNotValidMustBeRenamed() throws IOException {
        String functions = resource("pv-residential-simple.functions.yaml").replace("rename:\n  \"N/A\": Placeholder\n", "");

        assertThatThrownBy(() -> importExample("pv-residential-simple", functions))
                .isInstanceOf(TycheImportException.class)
                .hasMessageContaining("'N/A' is not a valid name")
                .hasMessageContaining("rename");
    }

    @Test
    void parameterNamesMustMatchTheWorkbook() throws IOException {
        String functions = resource("simple-electrolysis.functions.yaml").replace(", electricityEmissionFactor]", "]");

        assertThatThrownBy(() -> importExample("simple-electrolysis", functions))
                .isInstanceOf(TycheImportException.class)
                .hasMessageContaining("names 9 parameters but the workbook has offset 9");
    }
}
