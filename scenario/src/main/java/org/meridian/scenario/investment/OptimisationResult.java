package org.meridian.scenario.investment;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The best portfolio found.
 *
 * @param amounts funding per category
 * @param objective the optimised statistic of the objective metric
 * @param metricStatistics the same statistic for every metric
 * @param feasible whether budget, limits and bounds all hold; if none of the points tried
 *     satisfied them, this is the least-violating point and {@code false}
 * @param evaluations how many portfolios were evaluated
 */
public record OptimisationResult(
        Map<String, Double> amounts, double objective, Map<String, Double> metricStatistics, double totalAmount,
        boolean feasible, int evaluations) {
    public OptimisationResult {
        amounts = Map.copyOf(requireNonNull(amounts, "amounts is null"));
        metricStatistics = Map.copyOf(requireNonNull(metricStatistics, "metricStatistics is null"));
    }
}
