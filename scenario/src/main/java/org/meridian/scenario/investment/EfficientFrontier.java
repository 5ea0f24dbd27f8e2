package org.meridian.scenario.investment;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** The best objective as a constraint is swept: over budgets, or over one metric's bound. */
public final class EfficientFrontier {
    /** One point: the swept value (budget or bound) and the optimum found there. */
    public record Point(double constraint, OptimisationResult result) {
        public Point {
            requireNonNull(result, "result is null");
        }
    }

    private final EpsilonConstraintOptimiser optimiser;

    public EfficientFrontier(EpsilonConstraintOptimiser optimiser) {
        this.optimiser = requireNonNull(optimiser, "optimiser is null");
    }

    /** Metric versus budget. */
    public List<Point> overBudgets(OptimisationProblem problem, List<Double> budgets) {
        List<Point> points = new ArrayList<>();
        for (double budget : budgets) {
            points.add(new Point(budget, optimiser.optimise(problem.withBudget(budget))));
        }
        return points;
    }

    /** Metric versus metric: the problem's bounds plus {@code metric} bounded by each limit in turn. */
    public List<Point> overBound(OptimisationProblem problem, String metric,
            OptimisationProblem.MetricBound.Direction direction, List<Double> limits) {
        List<Point> points = new ArrayList<>();
        for (double limit : limits) {
            List<OptimisationProblem.MetricBound> bounds = new ArrayList<>(problem.bounds());
            bounds.add(new OptimisationProblem.MetricBound(metric, direction, limit));
            points.add(new Point(limit, optimiser.optimise(problem.withBounds(bounds))));
        }
        return points;
    }
}
