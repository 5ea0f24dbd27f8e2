package org.meridian.scenario.investment;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.meridian.scenario.statistics.Statistic;
import org.meridian.scenario.statistics.Statistics;

/**
 * Tyche's evaluator: for every category, metric and sample, the metric as a piecewise-linear
 * function of the amount funded in that category, through the tranches' (expected) amounts and
 * extrapolated beyond the first and last; a portfolio's metric is the sum over categories. Any
 * funding level then has a metric distribution, which is what the optimiser searches over.
 */
public final class InterpolatingEvaluator {
    /** One tranche as an interpolation point: its expected amount and its metric samples per metric. */
    record Knot(String tranche, double amount, double[][] metrics) {
    }

    private final List<String> metrics;
    private final int samples;
    private final List<String> categories;
    /** Per category, knots in increasing amount. */
    private final List<List<Knot>> knots = new ArrayList<>();
    /** Per category, knot, metric: the mean, for the linear short cut. */
    private final List<double[][]> knotMeans = new ArrayList<>();

    InterpolatingEvaluator(List<String> metrics, int samples, Map<String, List<Knot>> byCategory) {
        this.metrics = List.copyOf(metrics);
        this.samples = samples;
        this.categories = List.copyOf(byCategory.keySet());
        for (String category : categories) {
            List<Knot> sorted = new ArrayList<>(byCategory.get(category));
            sorted.sort(Comparator.comparingDouble(Knot::amount));
            for (int index = 1; index < sorted.size(); index++) {
                if (sorted.get(index).amount() == sorted.get(index - 1).amount()) {
                    throw new IllegalArgumentException("tranches '" + sorted.get(index - 1).tranche() + "' and '"
                            + sorted.get(index).tranche() + "' of category '" + category
                            + "' have the same expected amount; interpolation needs distinct amounts");
                }
            }
            knots.add(List.copyOf(sorted));
            double[][] means = new double[sorted.size()][metrics.size()];
            for (int knot = 0; knot < sorted.size(); knot++) {
                for (int metric = 0; metric < metrics.size(); metric++) {
                    means[knot][metric] = Statistics.of(sorted.get(knot).metrics()[metric]).mean();
                }
            }
            knotMeans.add(means);
        }
    }

    public List<String> categories() {
        return categories;
    }

    public List<String> metrics() {
        return metrics;
    }

    /** The tranche amounts of a category, ascending. */
    public double[] knotAmounts(String category) {
        return knots.get(categoryIndex(category)).stream().mapToDouble(Knot::amount).toArray();
    }

    int categoryIndex(String category) {
        int index = categories.indexOf(category);
        if (index < 0) {
            throw new IllegalArgumentException("no category '" + category + "'; the categories are " + categories);
        }
        return index;
    }

    public int metricIndex(String metric) {
        int index = metrics.indexOf(metric);
        if (index < 0) {
            throw new IllegalArgumentException("no metric '" + metric + "'; the metrics are " + metrics);
        }
        return index;
    }

    /** The samples of one metric for a portfolio funding {@code amounts[c]} in category c. */
    public double[] evaluate(double[] amounts, int metric) {
        requireNonNull(amounts, "amounts is null");
        if (amounts.length != categories.size()) {
            throw new IllegalArgumentException("one amount per category " + categories + ", got " + amounts.length);
        }
        double[] total = new double[samples];
        for (int category = 0; category < categories.size(); category++) {
            List<Knot> categoryKnots = knots.get(category);
            if (categoryKnots.size() == 1) {
                double[] values = categoryKnots.getFirst().metrics()[metric];
                for (int sample = 0; sample < samples; sample++) {
                    total[sample] += values[sample];
                }
                continue;
            }
            int segment = segment(categoryKnots, amounts[category]);
            Knot lower = categoryKnots.get(segment);
            Knot upper = categoryKnots.get(segment + 1);
            double weight = (amounts[category] - lower.amount()) / (upper.amount() - lower.amount());
            double[] from = lower.metrics()[metric];
            double[] to = upper.metrics()[metric];
            for (int sample = 0; sample < samples; sample++) {
                total[sample] += from[sample] + weight * (to[sample] - from[sample]);
            }
        }
        return total;
    }

    /**
     * A statistic of one metric for a portfolio. The mean is linear, so it is interpolated from
     * the tranches' means directly, without touching the samples.
     */
    public double statistic(double[] amounts, int metric, Statistic statistic) {
        return switch (statistic) {
            case Statistic.Mean mean -> meanOf(amounts, metric);
            case Statistic.Quantile quantile -> quantile.of(evaluate(amounts, metric));
        };
    }

    private double meanOf(double[] amounts, int metric) {
        double total = 0;
        for (int category = 0; category < categories.size(); category++) {
            List<Knot> categoryKnots = knots.get(category);
            double[][] means = knotMeans.get(category);
            if (categoryKnots.size() == 1) {
                total += means[0][metric];
                continue;
            }
            int segment = segment(categoryKnots, amounts[category]);
            double lower = categoryKnots.get(segment).amount();
            double upper = categoryKnots.get(segment + 1).amount();
            double weight = (amounts[category] - lower) / (upper - lower);
            total += means[segment][metric] + weight * (means[segment + 1][metric] - means[segment][metric]);
        }
        return total;
    }

    /** The segment whose line gives the value at {@code amount}: the first or last beyond the ends. */
    private static int segment(List<Knot> categoryKnots, double amount) {
        int segment = 0;
        while (segment < categoryKnots.size() - 2 && amount > categoryKnots.get(segment + 1).amount()) {
            segment++;
        }
        return segment;
    }
}
