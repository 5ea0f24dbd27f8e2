package org.meridian.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import org.meridian.scenario.evaluation.ResultVariable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped simple-electrolysis model reproduces Tyche 1.2's own statistics for its workbook at
 * 100,000 samples: means within 4 standard errors, spread and quantiles within 2 %, constant cells
 * exactly (to the CSV's six significant digits).
 */
class ReferenceStatisticsTest {
    private static final int SAMPLES = 100_000;

    private record Reference(String scenario, String variable, String index, double mean, double standardDeviation,
            double p10, double p50, double p90) {
    }

    private static ScenarioRunResult result;

    @BeforeAll
    static void run() {
        ScenarioEngine engine = new ScenarioEngine(Runnable::run, 1, InstantSource.system());
        result = engine.run(ExampleModels.load("simple-electrolysis"), SAMPLES, 20261123L);
    }

    @Test
    void reproducesEveryReferenceRow() throws IOException {
        List<Reference> references = references();
        assertThat(references).hasSize(24);
        assertThat(result.results()).hasSize(24);
        for (Reference reference : references) {
            ResultStatistics row = result.result(reference.scenario(), ResultVariable.valueOf(reference.variable().toUpperCase()),
                    reference.index());
            String what = reference.scenario() + " / " + reference.variable() + " / " + reference.index();
            boolean constant = reference.standardDeviation() <= 1e-12 * Math.abs(reference.mean());
            if (constant) {
                double tolerance = 1e-5 * Math.abs(reference.mean());
                assertThat(row.statistics().mean()).as(what + " mean").isCloseTo(reference.mean(), within(tolerance));
                assertThat(row.statistics().p50()).as(what + " p50").isCloseTo(reference.p50(), within(tolerance));
                assertThat(row.statistics().standardDeviation()).as(what + " std").isLessThanOrEqualTo(1e-12 * Math.abs(reference.mean()));
                continue;
            }
            double standardError = reference.standardDeviation() / Math.sqrt(SAMPLES);
            assertThat(row.statistics().mean()).as(what + " mean").isCloseTo(reference.mean(), within(4 * standardError));
            assertThat(row.statistics().standardDeviation()).as(what + " std")
                    .isCloseTo(reference.standardDeviation(), within(0.02 * reference.standardDeviation()));
            assertThat(row.statistics().p10()).as(what + " p10").isCloseTo(reference.p10(), within(0.02 * Math.abs(reference.p10())));
            assertThat(row.statistics().p50()).as(what + " p50").isCloseTo(reference.p50(), within(0.02 * Math.abs(reference.p50())));
            assertThat(row.statistics().p90()).as(what + " p90").isCloseTo(reference.p90(), within(0.02 * Math.abs(reference.p90())));
        }
    }

    @Test
    void reportsSamplesAndElapsedTime() {
        assertThat(result.samples()).isEqualTo(SAMPLES);
        assertThat(result.elapsed()).isPositive();
    }

    private static List<Reference> references() throws IOException {
        try (InputStream stream = ReferenceStatisticsTest.class.getResourceAsStream("/simple-electrolysis-reference.csv")) {
            String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().skip(1).filter(line -> !line.isBlank()).map(line -> {
                String[] fields = line.split(",");
                return new Reference(fields[1], fields[2], fields[3], Double.parseDouble(fields[4]),
                        Double.parseDouble(fields[5]), Double.parseDouble(fields[6]), Double.parseDouble(fields[7]),
                        Double.parseDouble(fields[8]));
            }).toList();
        }
    }
}
