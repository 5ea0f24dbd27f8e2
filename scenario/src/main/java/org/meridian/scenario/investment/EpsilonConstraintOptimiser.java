package org.meridian.scenario.investment;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Solves an {@link OptimisationProblem} over an {@link InterpolatingEvaluator} in two steps.
 *
 * <ol>
 *   <li>Exhaustive search over the discrete choices — every combination of one tranche amount (or
 *       nothing) per category — when there are few enough of them; this is what Tyche's MILP
 *       answers, and it gives a feasible start.</li>
 *   <li>Continuous refinement of the amounts with an exact penalty for the budget and metric
 *       bounds: BOBYQA (bounded, derivative-free, suits the piecewise-linear surface) for two or
 *       more categories, Brent's method for one.</li>
 * </ol>
 *
 * The better feasible point of the two is returned.
 */
public final class EpsilonConstraintOptimiser {
    /** Beyond this many tranche combinations the exhaustive step is skipped. */
    private static final int MAXIMUM_COMBINATIONS = 20_000;
    /** Violations (relative to the limit's size) below this count as satisfied. */
    private static final double FEASIBILITY_TOLERANCE = 1e-9;
    private static final double PENALTY = 1e3;
    private static final int MAXIMUM_CONTINUOUS_EVALUATIONS = 3_000;

    private final InterpolatingEvaluator evaluator;

    public EpsilonConstraintOptimiser(InterpolatingEvaluator evaluator) {
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
    }

    public OptimisationResult optimise(OptimisationProblem problem) {
        return new Search(requireNonNull(problem, "problem is null")).run();
    }

    /** The state of one optimisation. */
    private final class Search {
        private final OptimisationProblem problem;
        private final int categories = evaluator.categories().size();
        private final double[] upper = new double[categories];
        private final int objectiveMetric;
        private final int[] boundMetrics;
        private int evaluations;
        private Candidate best;

        /** A point tried: amounts, objective, total violation (0 = feasible). */
        private record Candidate(double[] amounts, double objective, double violation) {
        }

        Search(OptimisationProblem problem) {
            this.problem = problem;
            this.objectiveMetric = evaluator.metricIndex(problem.metric());
            this.boundMetrics = problem.bounds().stream().mapToInt(bound -> evaluator.metricIndex(bound.metric())).toArray();
            for (String category : problem.categoryLimits().keySet()) {
                evaluator.categoryIndex(category);
            }
            for (int category = 0; category < categories; category++) {
                String name = evaluator.categories().get(category);
                double[] knots = evaluator.knotAmounts(name);
                double limit = problem.categoryLimits().getOrDefault(name, knots[knots.length - 1]);
                upper[category] = Math.max(0, Math.min(limit, problem.budget()));
            }
        }

        OptimisationResult run() {
            discrete();
            continuous();
            double[] amounts = best.amounts();
            Map<String, Double> byCategory = new HashMap<>();
            double total = 0;
            for (int category = 0; category < categories; category++) {
                byCategory.put(evaluator.categories().get(category), amounts[category]);
                total += amounts[category];
            }
            Map<String, Double> statistics = new HashMap<>();
            for (int metric = 0; metric < evaluator.metrics().size(); metric++) {
                statistics.put(evaluator.metrics().get(metric), evaluator.statistic(amounts, metric, problem.statistic()));
            }
            return new OptimisationResult(byCategory, best.objective(), statistics, total,
                    best.violation() <= FEASIBILITY_TOLERANCE, evaluations);
        }

        private Candidate evaluate(double[] amounts) {
            evaluations++;
            double objective = evaluator.statistic(amounts, objectiveMetric, problem.statistic());
            double total = 0;
            double violation = 0;
            for (int category = 0; category < categories; category++) {
                total += amounts[category];
                violation += Math.max(0, amounts[category] - upper[category]) / Math.max(upper[category], 1);
            }
            violation += Math.max(0, total - problem.budget()) / problem.budget();
            List<OptimisationProblem.MetricBound> bounds = problem.bounds();
            for (int index = 0; index < bounds.size(); index++) {
                OptimisationProblem.MetricBound bound = bounds.get(index);
                double value = evaluator.statistic(amounts, boundMetrics[index], problem.statistic());
                violation += bound.violation(value) / Math.max(Math.abs(bound.limit()), 1e-12);
            }
            Candidate candidate = new Candidate(amounts.clone(), objective, violation);
            if (best == null || better(candidate, best)) {
                best = candidate;
            }
            return candidate;
        }

        /** Feasible beats infeasible; among feasible, the better objective; else the smaller violation. */
        private boolean better(Candidate first, Candidate second) {
            boolean firstFeasible = first.violation() <= FEASIBILITY_TOLERANCE;
            boolean secondFeasible = second.violation() <= FEASIBILITY_TOLERANCE;
            if (firstFeasible != secondFeasible) {
                return firstFeasible;
            }
            if (!firstFeasible) {
                return first.violation() < second.violation();
            }
            return switch (problem.sense()) {
                case MAXIMISE -> first.objective() > second.objective();
                case MINIMISE -> first.objective() < second.objective();
            };
        }

        private void discrete() {
            double[][] choices = new double[categories][];
            long combinations = 1;
            for (int category = 0; category < categories; category++) {
                double limit = upper[category];
                choices[category] = DoubleStream.concat(
                                DoubleStream.of(0),
                                Arrays.stream(evaluator.knotAmounts(evaluator.categories().get(category))))
                        .filter(amount -> amount >= 0 && amount <= limit)
                        .distinct()
                        .toArray();
                combinations *= choices[category].length;
            }
            if (combinations > MAXIMUM_COMBINATIONS) {
                evaluate(new double[categories]);
                return;
            }
            int[] position = new int[categories];
            double[] amounts = new double[categories];
            for (long combination = 0; combination < combinations; combination++) {
                for (int category = 0; category < categories; category++) {
                    amounts[category] = choices[category][position[category]];
                }
                evaluate(amounts);
                for (int category = 0; category < categories; category++) {
                    if (++position[category] < choices[category].length) {
                        break;
                    }
                    position[category] = 0;
                }
            }
        }

        private void continuous() {
            double scale = Math.max(Math.abs(best.objective()), 1e-12);
            double sign = problem.sense() == OptimisationProblem.Sense.MAXIMISE ? -1 : 1;
            double[] widths = upper.clone();
            MultivariateFunction penalised = unit -> {
                double[] amounts = new double[categories];
                for (int category = 0; category < categories; category++) {
                    amounts[category] = unit[category] * widths[category];
                }
                Candidate candidate = evaluate(amounts);
                return sign * candidate.objective() / scale + PENALTY * candidate.violation();
            };
            double[] start = new double[categories];
            for (int category = 0; category < categories; category++) {
                start[category] = widths[category] > 0 ? best.amounts()[category] / widths[category] : 0;
            }
            try {
                if (categories == 1) {
                    if (widths[0] > 0) {
                        new BrentOptimizer(1e-10, 1e-14).optimize(new MaxEval(MAXIMUM_CONTINUOUS_EVALUATIONS),
                                new UnivariateObjectiveFunction(value -> penalised.value(new double[] {value})),
                                GoalType.MINIMIZE, new SearchInterval(0, 1, start[0]));
                    }
                } else {
                    double[] lower = new double[categories];
                    double[] upperUnit = new double[categories];
                    Arrays.fill(upperUnit, 1);
                    new BOBYQAOptimizer(2 * categories + 1, 0.1, 1e-8).optimize(
                            new MaxEval(MAXIMUM_CONTINUOUS_EVALUATIONS), new ObjectiveFunction(penalised),
                            GoalType.MINIMIZE, new InitialGuess(start), new SimpleBounds(lower, upperUnit));
                }
            } catch (TooManyEvaluationsException exhausted) {
                // Every point tried was recorded; the best of them stands even without convergence.
            }
        }
    }
}
