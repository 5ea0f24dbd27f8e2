package org.meridian.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.InstantSource;
import org.meridian.scenario.evaluation.ResultVariable;
import org.junit.jupiter.api.Test;

/**
 * Checks of the re-expressed functions against what the Tyche examples state about themselves.
 */
class ShippedExamplesTest {
    private final ScenarioEngine engine = new ScenarioEngine(Runnable::run, 1, InstantSource.system());

    @Test
    void photovoltaicBaseCaseHasNoChangeFromItself() {
        // The PV metrics are changes from the 2015 base case, written as Tyche's constants
        // (0.106125 $/kWh, 2000.077451 $, 82.676202217 gCO2e): evaluated on that case they vanish.
        ScenarioRunResult result = engine.run(ExampleModels.load("pv-residential-simple"), 20_000, 1);

        assertThat(result.result("2015 Actual", ResultVariable.METRIC, "LCOE").statistics().mean()).isCloseTo(0, within(1e-4));
        assertThat(result.result("2015 Actual", ResultVariable.METRIC, "Labor").statistics().mean()).isCloseTo(0, within(0.1));
        assertThat(result.result("2015 Actual", ResultVariable.METRIC, "GHG").statistics().mean()).isCloseTo(0, within(0.05));
        assertThat(result.result("Module Fast Progress", ResultVariable.METRIC, "LCOE").statistics().mean()).isPositive();
    }

    @Test
    void windTurbineReferenceMatchesItsDesign() {
        ScenarioRunResult result = engine.run(ExampleModels.load("tutorial-basic"), 20_000, 1);

        // Output efficiency is the capacity factor, and raw output is scaled so that AEP is 4312 MWh.
        assertThat(result.result("Reference", ResultVariable.METRIC, "CF").statistics().mean()).isEqualTo(0.3282);
        assertThat(result.result("Reference", ResultVariable.METRIC, "AEP").statistics().mean()).isCloseTo(4312, within(1e-9));
        double lcoe = result.result("Reference", ResultVariable.METRIC, "LCOE").statistics().mean();
        assertThat(lcoe).isBetween(0.04, 0.06);
        assertThat(result.result("Intense Rotor R&D", ResultVariable.METRIC, "LCOE").statistics().mean()).isLessThan(lcoe);
    }
}
