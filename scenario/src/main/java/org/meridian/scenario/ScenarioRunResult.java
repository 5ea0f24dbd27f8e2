package org.meridian.scenario;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import org.meridian.scenario.evaluation.ResultVariable;

/**
 * What a scenario run reports: for JSON, {@code {"samples": N, "elapsed_ms": T, "results":
 * [{"technology", "scenario", "variable", "index", "mean", "std", "p10", "p50", "p90"}]}} maps
 * one-to-one onto {@link #samples}, {@link #elapsed} and {@link #results}.
 *
 * @param results per scenario (in model order): cost, then each output, then each metric
 */
public record ScenarioRunResult(int samples, Duration elapsed, List<ResultStatistics> results) {
    public ScenarioRunResult {
        requireNonNull(elapsed, "elapsed is null");
        results = List.copyOf(requireNonNull(results, "results is null"));
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be positive, got " + samples);
        }
    }

    /** The row of one scenario, variable and index. */
    public ResultStatistics result(String scenario, ResultVariable variable, String index) {
        return results.stream()
                .filter(row -> row.scenario().equals(scenario) && row.variable() == variable && row.index().equals(index))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result for " + scenario + " / " + variable.label() + " / " + index));
    }
}
