package org.meridian.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.meridian.scenario.evaluation.ResultVariable;
import org.meridian.scenario.evaluation.ScenarioOutcome;
import org.meridian.scenario.evaluation.ScenarioSamples;
import org.meridian.scenario.model.TechnologyModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReproducibilityTest {
    /** Not a multiple of the chunk size, so the short last chunk is covered too. */
    private static final int SAMPLES = 30_001;

    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static ScenarioSamples evaluate(TechnologyModel model, ScenarioEngine engine, long seed) {
        return engine.evaluate(model, SAMPLES, ScenarioEngine.seeded(seed));
    }

    @Test
    void oneThreadAndManyThreadsGiveBitIdenticalSamples() {
        for (String example : new String[] {"simple-electrolysis", "tutorial-basic"}) {
            TechnologyModel model = ExampleModels.load(example);
            ScenarioSamples serial = evaluate(model, new ScenarioEngine(Runnable::run, 1, InstantSource.system()), 7);
            ScenarioSamples parallel = evaluate(model, new ScenarioEngine(pool, 4, InstantSource.system()), 7);

            assertSameSamples(serial, parallel);
        }
    }

    @Test
    void sameSeedGivesSameStatisticsAndOtherSeedDiffers() {
        TechnologyModel model = ExampleModels.load("simple-electrolysis");
        ScenarioEngine engine = new ScenarioEngine(pool, 3, InstantSource.system());

        ScenarioRunResult first = engine.run(model, SAMPLES, 99);
        ScenarioRunResult second = engine.run(model, SAMPLES, 99);
        ScenarioRunResult other = engine.run(model, SAMPLES, 100);

        assertThat(second.results()).isEqualTo(first.results());
        assertThat(other.results()).isNotEqualTo(first.results());
    }

    @Test
    void longerRunStartsWithTheShorterRunsSamples() {
        TechnologyModel model = ExampleModels.load("simple-electrolysis");
        ScenarioEngine engine = new ScenarioEngine(pool, 4, InstantSource.system());

        double[] shorter = engine.evaluate(model, 5_000, ScenarioEngine.seeded(3)).outcomes().get(1).values(ResultVariable.METRIC, 0);
        double[] longer = engine.evaluate(model, 50_000, ScenarioEngine.seeded(3)).outcomes().get(1).values(ResultVariable.METRIC, 0);

        assertThat(Arrays.copyOf(longer, 5_000)).isEqualTo(shorter);
    }

    private static void assertSameSamples(ScenarioSamples expected, ScenarioSamples actual) {
        assertThat(actual.outcomes()).hasSameSizeAs(expected.outcomes());
        for (int scenario = 0; scenario < expected.outcomes().size(); scenario++) {
            ScenarioOutcome left = expected.outcomes().get(scenario);
            ScenarioOutcome right = actual.outcomes().get(scenario);
            for (ResultVariable variable : ResultVariable.values()) {
                for (int offset = 0; offset < left.count(variable); offset++) {
                    assertThat(right.values(variable, offset))
                            .as("%s %s %d", left.scenario(), variable, offset)
                            .isEqualTo(left.values(variable, offset));
                }
            }
        }
    }
}
