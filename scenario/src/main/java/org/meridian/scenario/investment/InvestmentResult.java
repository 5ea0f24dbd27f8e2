package org.meridian.scenario.investment;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.meridian.scenario.statistics.Statistics;

/**
 * What one investment buys: the distribution of its cost (the sum of its tranches' amounts) and of
 * each metric (the sum over its categories of the tranche scenarios' metric samples).
 */
public record InvestmentResult(String investment, Statistics amount, Map<String, Statistics> metrics) {
    public InvestmentResult {
        requireNonNull(investment, "investment is null");
        requireNonNull(amount, "amount is null");
        metrics = Map.copyOf(requireNonNull(metrics, "metrics is null"));
    }
}
