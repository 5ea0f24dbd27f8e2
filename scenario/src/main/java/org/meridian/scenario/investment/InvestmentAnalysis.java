package org.meridian.scenario.investment;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator.SplittableGenerator;
import org.meridian.scenario.evaluation.ResultVariable;
import org.meridian.scenario.evaluation.ScenarioOutcome;
import org.meridian.scenario.evaluation.ScenarioSamples;
import org.meridian.scenario.model.IndexKind;
import org.meridian.scenario.model.Investment;
import org.meridian.scenario.model.TechnologyModel;
import org.meridian.scenario.model.Tranche;
import org.meridian.scenario.statistics.Statistics;

/**
 * Tyche's {@code evaluate_tranches} and {@code evaluate_investments} over evaluated scenarios:
 * every tranche gets its scenario's metric samples and samples of its (possibly uncertain)
 * amount; an investment sums both over its categories, sample by sample — tranches that share a
 * scenario share its samples, as in Tyche.
 */
public final class InvestmentAnalysis {
    private final TechnologyModel model;
    private final int samples;
    private final List<String> metrics;
    private final Map<String, Map<String, double[][]>> trancheMetrics = new LinkedHashMap<>();
    private final Map<String, Map<String, double[]>> trancheAmounts = new LinkedHashMap<>();

    /**
     * @param random amount samples of tranche {@code k} (in model order) come from its own stream,
     *     the k-th split of this generator
     */
    public InvestmentAnalysis(ScenarioSamples evaluated, SplittableGenerator random) {
        requireNonNull(evaluated, "evaluated is null");
        requireNonNull(random, "random is null");
        this.model = evaluated.model();
        this.samples = evaluated.samples();
        this.metrics = model.indices().names(IndexKind.METRIC);
        if (model.tranches().isEmpty()) {
            throw new IllegalArgumentException("technology '" + model.technology() + "' defines no tranches");
        }
        for (Tranche tranche : model.tranches()) {
            ScenarioOutcome outcome = evaluated.outcome(tranche.scenario());
            double[][] values = new double[metrics.size()][];
            for (int metric = 0; metric < metrics.size(); metric++) {
                values[metric] = outcome.values(ResultVariable.METRIC, metric);
            }
            double[] amounts = new double[samples];
            tranche.amount().sampler().fill(random.split(), amounts, 0, samples);
            trancheMetrics.computeIfAbsent(tranche.category(), category -> new LinkedHashMap<>()).put(tranche.name(), values);
            trancheAmounts.computeIfAbsent(tranche.category(), category -> new LinkedHashMap<>()).put(tranche.name(), amounts);
        }
    }

    public TechnologyModel model() {
        return model;
    }

    public List<String> metrics() {
        return metrics;
    }

    /** The samples of one metric for one tranche (a copy). */
    public double[] trancheMetric(String category, String tranche, String metric) {
        return tranche(trancheMetrics, category, tranche)[metrics.indexOf(metric)].clone();
    }

    public InvestmentResult evaluate(Investment investment) {
        double[] amount = new double[samples];
        double[][] sums = new double[metrics.size()][samples];
        investment.tranches().forEach((category, tranche) -> {
            add(amount, tranche(trancheAmounts, category, tranche));
            double[][] values = tranche(trancheMetrics, category, tranche);
            for (int metric = 0; metric < metrics.size(); metric++) {
                add(sums[metric], values[metric]);
            }
        });
        Map<String, Statistics> statistics = new HashMap<>();
        for (int metric = 0; metric < metrics.size(); metric++) {
            statistics.put(metrics.get(metric), Statistics.of(sums[metric]));
        }
        return new InvestmentResult(investment.name(), Statistics.of(amount), statistics);
    }

    /** Every investment of the model, in model order. */
    public List<InvestmentResult> evaluateInvestments() {
        List<InvestmentResult> results = new ArrayList<>();
        for (Investment investment : model.investments()) {
            results.add(evaluate(investment));
        }
        return results;
    }

    /** The response surface over funding amounts per category. */
    public InterpolatingEvaluator evaluator() {
        Map<String, List<InterpolatingEvaluator.Knot>> knots = new LinkedHashMap<>();
        trancheMetrics.forEach((category, tranches) -> {
            List<InterpolatingEvaluator.Knot> categoryKnots = new ArrayList<>();
            tranches.forEach((tranche, values) -> categoryKnots.add(new InterpolatingEvaluator.Knot(
                    tranche, Statistics.of(trancheAmounts.get(category).get(tranche)).mean(), values)));
            knots.put(category, categoryKnots);
        });
        return new InterpolatingEvaluator(metrics, samples, knots);
    }

    private static <T> T tranche(Map<String, Map<String, T>> table, String category, String tranche) {
        Map<String, T> byTranche = table.get(category);
        if (byTranche == null || !byTranche.containsKey(tranche)) {
            throw new IllegalArgumentException("no tranche '" + tranche + "' in category '" + category + "'");
        }
        return byTranche.get(tranche);
    }

    private static void add(double[] target, double[] values) {
        for (int index = 0; index < target.length; index++) {
            target[index] += values[index];
        }
    }
}
