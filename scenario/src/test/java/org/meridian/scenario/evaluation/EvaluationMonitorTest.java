package org.meridian.scenario.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.meridian.scenario.ExampleModels;
import org.meridian.scenario.ScenarioEngine;
import org.meridian.scenario.model.TechnologyModel;

class EvaluationMonitorTest {
    private static final TechnologyModel MODEL = ExampleModels.load("simple-electrolysis");
    /** Three chunks per scenario, four scenarios: twelve work items. */
    private static final int SAMPLES = 2 * ScenarioEvaluator.CHUNK_SIZE + 1;
    private static final int ITEMS = 12;

    private final ScenarioEvaluator serial = new ScenarioEvaluator(Runnable::run, 1);

    @Test
    void reportsEveryWorkItemOnceAndEndsAtTheTotal() {
        List<Integer> completed = new ArrayList<>();
        List<Integer> totals = new ArrayList<>();

        serial.evaluate(MODEL, SAMPLES, ScenarioEngine.seeded(1), monitor((done, total) -> {
            completed.add(done);
            totals.add(total);
        }, () -> false));

        assertThat(completed).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(totals).containsOnly(ITEMS);
    }

    @Test
    void stopsClaimingWorkOnceCancelledAndReturnsNoSamples() {
        AtomicInteger reported = new AtomicInteger();

        assertThatThrownBy(() -> serial.evaluate(MODEL, SAMPLES, ScenarioEngine.seeded(1),
                monitor((done, total) -> reported.set(done), () -> reported.get() >= 5)))
                .isInstanceOf(EvaluationCancelledException.class)
                .hasMessage("the evaluation was cancelled after 5 of 12 work items");
        assertThat(reported).hasValue(5);
    }

    @Test
    void watchingDoesNotChangeTheSamples() {
        ScenarioSamples unwatched = serial.evaluate(MODEL, SAMPLES, ScenarioEngine.seeded(9));
        ScenarioSamples watched = serial.evaluate(MODEL, SAMPLES, ScenarioEngine.seeded(9),
                monitor((done, total) -> { }, () -> false));

        for (int scenario = 0; scenario < unwatched.outcomes().size(); scenario++) {
            assertThat(watched.outcomes().get(scenario).values(ResultVariable.METRIC, 0))
                    .isEqualTo(unwatched.outcomes().get(scenario).values(ResultVariable.METRIC, 0));
        }
    }

    private static EvaluationMonitor monitor(BiConsumer<Integer, Integer> progress, BooleanSupplier cancelled) {
        return new EvaluationMonitor() {
            @Override
            public void progress(int completed, int total) {
                progress.accept(completed, total);
            }

            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }
        };
    }
}
