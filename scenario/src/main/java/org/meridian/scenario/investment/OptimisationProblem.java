package org.meridian.scenario.investment;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.meridian.scenario.statistics.Statistic;

/**
 * An epsilon-constraint problem: optimise one metric's statistic over the amounts funded per
 * category, subject to a total budget, per-category limits and bounds on other metrics' statistic.
 *
 * @param budget the most all categories may spend together
 * @param categoryLimits the most each named category may spend; categories not named may spend up
 *     to their largest tranche amount
 * @param bounds constraints on the same statistic of other metrics (the epsilon constraints)
 */
public record OptimisationProblem(
        String metric, Statistic statistic, Sense sense, double budget, Map<String, Double> categoryLimits,
        List<MetricBound> bounds) {

    public enum Sense { MAXIMISE, MINIMISE }

    /** {@code statistic(metric) >= limit} or {@code <= limit}. */
    public record MetricBound(String metric, Direction direction, double limit) {
        public enum Direction { AT_LEAST, AT_MOST }

        public MetricBound {
            requireNonNull(metric, "metric is null");
            requireNonNull(direction, "direction is null");
            if (!Double.isFinite(limit)) {
                throw new IllegalArgumentException("the bound on " + metric + " must be a finite number, got " + limit);
            }
        }

        /** How far {@code value} is on the wrong side of the limit (0 when it satisfies it). */
        double violation(double value) {
            return switch (direction) {
                case AT_LEAST -> Math.max(0, limit - value);
                case AT_MOST -> Math.max(0, value - limit);
            };
        }
    }

    public OptimisationProblem {
        requireNonNull(metric, "metric is null");
        requireNonNull(statistic, "statistic is null");
        requireNonNull(sense, "sense is null");
        categoryLimits = Map.copyOf(requireNonNull(categoryLimits, "categoryLimits is null"));
        bounds = List.copyOf(requireNonNull(bounds, "bounds is null"));
        if (!(budget > 0) || Double.isInfinite(budget)) {
            throw new IllegalArgumentException("budget must be a positive finite amount, got " + budget);
        }
        categoryLimits.forEach((category, limit) -> {
            if (!(limit >= 0) || Double.isInfinite(limit)) {
                throw new IllegalArgumentException("the limit of category " + category + " must be >= 0 and finite, got " + limit);
            }
        });
    }

    public OptimisationProblem withBudget(double newBudget) {
        return new OptimisationProblem(metric, statistic, sense, newBudget, categoryLimits, bounds);
    }

    public OptimisationProblem withBounds(List<MetricBound> newBounds) {
        return new OptimisationProblem(metric, statistic, sense, budget, categoryLimits, newBounds);
    }
}
