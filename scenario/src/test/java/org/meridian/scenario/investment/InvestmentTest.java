package org.meridian.scenario.investment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.meridian.scenario.ExampleModels;
import org.meridian.scenario.ScenarioEngine;
import org.meridian.scenario.model.Investment;
import org.meridian.scenario.model.TechnologyModel;
import org.meridian.scenario.statistics.Statistic;
import org.meridian.scenario.statistics.Statistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InvestmentTest {
    private static final int SAMPLES = 20_000;
    private static InvestmentAnalysis photovoltaic;
    private static InvestmentAnalysis electrolysis;

    @BeforeAll
    static void evaluate() {
        ScenarioEngine engine = new ScenarioEngine(Runnable::run, 1, InstantSource.system());
        photovoltaic = engine.investments(ExampleModels.load("pv-residential-simple"), SAMPLES, 5);
        electrolysis = engine.investments(ExampleModels.load("simple-electrolysis"), SAMPLES, 5);
    }

    private static double mean(double[] values) {
        return Statistics.of(values).mean();
    }

    @Test
    void investmentSumsItsTranchesSampleBySample() {
        TechnologyModel model = photovoltaic.model();
        Investment low = model.investments().getFirst();

        InvestmentResult result = photovoltaic.evaluate(low);

        double expected = mean(photovoltaic.trancheMetric("Module R&D", "Module Low R&D", "LCOE"))
                + mean(photovoltaic.trancheMetric("Inverter R&D", "Inverter Low R&D", "LCOE"))
                + mean(photovoltaic.trancheMetric("BoS R&D", "BoS Low R&D", "LCOE"));
        assertThat(result.investment()).isEqualTo("Low R&D");
        assertThat(result.metrics().get("LCOE").mean()).isCloseTo(expected, within(1e-12));
        assertThat(result.amount().mean()).isEqualTo(1_500_000 + 1_000_000 + 300_000);
        assertThat(photovoltaic.evaluateInvestments()).extracting(InvestmentResult::investment)
                .containsExactly("Low R&D", "Medium R&D", "High R&D");
    }

    @Test
    void singleCategoryInvestmentIsItsTranchesScenario() {
        InvestmentResult high = electrolysis.evaluate(electrolysis.model().investments().get(3));

        assertThat(high.amount().mean()).isEqualTo(5_000_000);
        assertThat(high.metrics().get("GHG").mean())
                .isEqualTo(mean(electrolysis.trancheMetric("Electrolysis R&D", "High Electrolysis R&D", "GHG")));
    }

    @Test
    void evaluatorInterpolatesBetweenTranchesAndExtrapolatesBeyond() {
        InterpolatingEvaluator evaluator = electrolysis.evaluator();
        int cost = evaluator.metricIndex("Cost");
        double[] low = electrolysis.trancheMetric("Electrolysis R&D", "Low Electrolysis R&D", "Cost");
        double[] medium = electrolysis.trancheMetric("Electrolysis R&D", "Medium Electrolysis R&D", "Cost");
        double[] high = electrolysis.trancheMetric("Electrolysis R&D", "High Electrolysis R&D", "Cost");

        assertThat(evaluator.evaluate(new double[] {1_000_000}, cost)).containsExactly(low);
        double[] between = evaluator.evaluate(new double[] {1_750_000}, cost);
        double[] beyond = evaluator.evaluate(new double[] {7_500_000}, cost);
        for (int sample = 0; sample < SAMPLES; sample += 997) {
            assertThat(between[sample]).isCloseTo((low[sample] + medium[sample]) / 2, within(1e-15));
            assertThat(beyond[sample]).isCloseTo(high[sample] + (high[sample] - medium[sample]), within(1e-15));
        }
        assertThat(evaluator.statistic(new double[] {1_750_000}, cost, new Statistic.Mean()))
                .isCloseTo(mean(between), within(1e-15));
    }

    @Test
    void optimiserFindsTheBestPortfolioUnderBudget() {
        InterpolatingEvaluator evaluator = photovoltaic.evaluator();
        OptimisationProblem problem = new OptimisationProblem("LCOE", new Statistic.Mean(),
                OptimisationProblem.Sense.MAXIMISE, 4_000_000, Map.of(), List.of());

        long start = System.nanoTime();
        OptimisationResult result = new EpsilonConstraintOptimiser(evaluator).optimise(problem);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.feasible()).isTrue();
        assertThat(result.totalAmount()).isLessThanOrEqualTo(4_000_000 * (1 + 1e-9));
        assertThat(result.objective()).isGreaterThanOrEqualTo(gridOptimum(evaluator, problem) - 1e-9);
        assertThat(elapsedMillis).as("optimisation over 3 categories").isLessThan(2_000);
    }

    @Test
    void optimiserRespectsMetricBounds() {
        InterpolatingEvaluator evaluator = photovoltaic.evaluator();
        OptimisationProblem unbounded = new OptimisationProblem("LCOE", new Statistic.Mean(),
                OptimisationProblem.Sense.MAXIMISE, 10_000_000, Map.of(), List.of());
        OptimisationResult free = new EpsilonConstraintOptimiser(evaluator).optimise(unbounded);
        // The GHG change of the low tranches everywhere: reachable, and below the free optimum's.
        double limit = evaluator.statistic(new double[] {1_500_000, 1_000_000, 300_000},
                evaluator.metricIndex("GHG"), new Statistic.Mean());
        assertThat(free.metricStatistics().get("GHG")).isGreaterThan(limit);
        OptimisationProblem bounded = unbounded.withBounds(List.of(
                new OptimisationProblem.MetricBound("GHG", OptimisationProblem.MetricBound.Direction.AT_MOST, limit)));

        OptimisationResult result = new EpsilonConstraintOptimiser(evaluator).optimise(bounded);

        assertThat(result.feasible()).isTrue();
        assertThat(result.metricStatistics().get("GHG")).isLessThanOrEqualTo(limit + 1e-9 * Math.abs(limit));
        assertThat(result.objective()).isLessThan(free.objective());
    }

    @Test
    void optimiserHandlesQuantilesAndReportsInfeasibleProblems() {
        InterpolatingEvaluator evaluator = photovoltaic.evaluator();
        OptimisationProblem quantile = new OptimisationProblem("LCOE", new Statistic.Quantile(0.1),
                OptimisationProblem.Sense.MAXIMISE, 3_000_000, Map.of("BoS R&D", 600_000.0), List.of());

        OptimisationResult result = new EpsilonConstraintOptimiser(evaluator).optimise(quantile);

        assertThat(result.feasible()).isTrue();
        assertThat(result.amounts().get("BoS R&D")).isLessThanOrEqualTo(600_000 * (1 + 1e-9));

        OptimisationProblem impossible = quantile.withBounds(List.of(new OptimisationProblem.MetricBound(
                "GHG", OptimisationProblem.MetricBound.Direction.AT_LEAST, 1e12)));
        assertThat(new EpsilonConstraintOptimiser(evaluator).optimise(impossible).feasible()).isFalse();
    }

    @Test
    void frontierImprovesWithBudget() {
        EfficientFrontier frontier = new EfficientFrontier(new EpsilonConstraintOptimiser(photovoltaic.evaluator()));
        OptimisationProblem problem = new OptimisationProblem("LCOE", new Statistic.Mean(),
                OptimisationProblem.Sense.MAXIMISE, 1, Map.of(), List.of());

        List<EfficientFrontier.Point> points = frontier.overBudgets(problem, List.of(1e6, 2e6, 4e6, 8e6));

        assertThat(points).hasSize(4).allSatisfy(point -> assertThat(point.result().feasible()).isTrue());
        for (int index = 1; index < points.size(); index++) {
            assertThat(points.get(index).result().objective())
                    .isGreaterThanOrEqualTo(points.get(index - 1).result().objective() - 1e-12);
        }
    }

    /** Brute force on a grid of amounts: what any optimiser result must at least match. */
    private static double gridOptimum(InterpolatingEvaluator evaluator, OptimisationProblem problem) {
        int steps = 40;
        double[] upper = new double[3];
        for (int category = 0; category < 3; category++) {
            double[] knots = evaluator.knotAmounts(evaluator.categories().get(category));
            upper[category] = knots[knots.length - 1];
        }
        int metric = evaluator.metricIndex(problem.metric());
        double best = Double.NEGATIVE_INFINITY;
        for (int first = 0; first <= steps; first++) {
            for (int second = 0; second <= steps; second++) {
                for (int third = 0; third <= steps; third++) {
                    double[] amounts = {upper[0] * first / steps, upper[1] * second / steps, upper[2] * third / steps};
                    if (amounts[0] + amounts[1] + amounts[2] <= problem.budget()) {
                        best = Math.max(best, evaluator.statistic(amounts, metric, problem.statistic()));
                    }
                }
            }
        }
        return best;
    }
}
