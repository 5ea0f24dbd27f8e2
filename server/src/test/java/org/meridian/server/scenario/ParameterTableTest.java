package org.meridian.server.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.meridian.scenario.ModelValidator;
import org.meridian.scenario.distribution.Constant;
import org.meridian.scenario.distribution.Normal;

class ParameterTableTest {
    @Test
    void constantsAreNumbersAndDistributionsNameTheirFamilyAndParameters() {
        assertThat(ParameterTable.describe(new Constant(6650))).isEqualTo("6650");
        assertThat(ParameterTable.describe(new Constant(0.0048))).isEqualTo("0.0048");
        assertThat(ParameterTable.describe(new Normal(1.5, 0.25))).isEqualTo("Normal(location=1.5, scale=0.25)");
    }

    @Test
    void everyScenarioGetsATableWithItsIndexedInputs() throws Exception {
        List<ParameterTable> tables = ParameterTable.of(ModelValidator.load("simple-electrolysis",
                Files.readString(Path.of("..", "examples", "scenarios", "simple-electrolysis.yaml"))));

        assertThat(tables).extracting(ParameterTable::scenario).contains("Base Electrolysis");
        assertThat(tables.getFirst().rows()).contains(new ParameterTable.Row("scale", "", "6650"),
                new ParameterTable.Row("inputPrice", "Water", "0.0048"));
    }
}
