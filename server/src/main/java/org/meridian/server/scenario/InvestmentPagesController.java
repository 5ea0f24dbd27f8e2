package org.meridian.server.scenario;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.meridian.scenario.investment.EfficientFrontier;
import org.meridian.scenario.investment.EpsilonConstraintOptimiser;
import org.meridian.scenario.investment.InterpolatingEvaluator;
import org.meridian.scenario.investment.InvestmentAnalysis;
import org.meridian.scenario.investment.OptimisationProblem;
import org.meridian.scenario.investment.OptimisationResult;
import org.meridian.scenario.model.Index;
import org.meridian.scenario.model.IndexKind;
import org.meridian.scenario.model.TechnologyModel;
import org.meridian.scenario.statistics.Statistic;
import org.meridian.scenario.statistics.Statistics;
import org.meridian.server.identity.Caller;
import org.meridian.server.scenario.plot.AxisTitle;
import org.meridian.server.scenario.plot.BoxPlot;
import org.meridian.server.scenario.plot.BoxSeries;
import org.meridian.server.scenario.plot.BoxSummary;
import org.meridian.server.scenario.plot.ChartCaption;
import org.meridian.server.scenario.plot.FrontierPlot;
import org.meridian.server.scenario.plot.FrontierPoint;
import org.meridian.server.scenario.plot.HistogramPlot;
import org.meridian.server.scenario.plot.Series;
import org.meridian.server.system.HtmxRequests;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A model's investment page: a funding slider per R&D category whose metric distributions follow
 * the sliders live (htmx re-renders the results on every change), and the optimiser, which finds
 * the split that optimises one metric's statistic within a budget and draws the efficient
 * frontier over budgets up to it. Without JavaScript the same forms work as plain GETs.
 */
@Controller
class InvestmentPagesController {
    /** Budgets the frontier is drawn at, evenly up to the one asked for. */
    private static final int FRONTIER_POINTS = 8;

    private final ScenarioRuns scenarios;

    InvestmentPagesController(ScenarioRuns scenarios) {
        this.scenarios = requireNonNull(scenarios, "scenarios is null");
    }

    /** A category's slider: its name, range and current amount; the parameter is {@code amountN}. */
    record Slider(String parameter, String category, double max, double step, double amount) {
    }

    /** One metric under the chosen funding, beside no R&D funding at all. */
    record MetricView(String metric, String unit, String boxSvg, String histogramSvg, Statistics funded,
            Statistics unfunded) {
    }

    /** The best split for the optimiser form's question ({@code metric} … {@code budget}), and its frontier. */
    record Optimum(String metric, String statistic, String sense, double budget, boolean feasible,
            List<Map.Entry<String, Double>> amounts, double objective, double total, String frontierSvg) {
    }

    @GetMapping("/scenarios/models/{id}")
    String model(@PathVariable String id, Caller caller, Model model) {
        ScenarioModelEntry entry = scenarios.model(caller, id);
        model.addAttribute("model", entry);
        TechnologyModel technology = scenarios.technology(entry);
        model.addAttribute("technology", technology);
        model.addAttribute("parameters", ParameterTable.of(technology));
        return "scenario-model";
    }

    @GetMapping("/scenarios/models/{id}/investments")
    String investments(@PathVariable String id, @RequestParam MultiValueMap<String, String> parameters,
            Caller caller, Model model) {
        addPortfolio(id, parameters, caller, model);
        model.addAttribute("modelEntry", scenarios.model(caller, id));
        return "scenario-investments";
    }

    /** The results region alone, for htmx; opened as a page, the whole page. */
    @GetMapping("/scenarios/models/{id}/investments/portfolio")
    String portfolio(@PathVariable String id, @RequestParam MultiValueMap<String, String> parameters, Caller caller,
            Model model, HttpServletRequest request) {
        if (!HtmxRequests.wantsFragment(request)) {
            return investments(id, parameters, caller, model);
        }
        addPortfolio(id, parameters, caller, model);
        return "scenario-investments :: portfolio";
    }

    /**
     * The optimiser's answer: for htmx the answer alone; for the form sent without JavaScript (or
     * the address opened later) the whole page, with the answer and the question in the form.
     */
    @GetMapping("/scenarios/models/{id}/investments/optimum")
    String optimum(@PathVariable String id, @RequestParam String metric,
            @RequestParam(defaultValue = "mean") String statistic, @RequestParam(defaultValue = "minimise") String sense,
            @RequestParam double budget, @RequestParam MultiValueMap<String, String> parameters, Caller caller,
            Model model, HttpServletRequest request) {
        InvestmentAnalysis analysis = scenarios.investments(caller, id);
        if (!analysis.metrics().contains(metric)) {
            throw ScenarioProblem.invalid("metric", "no metric '" + metric + "'; the metrics are " + analysis.metrics());
        }
        if (!(budget > 0) || Double.isInfinite(budget)) {
            throw ScenarioProblem.invalid("budget", "budget must be a positive amount, got " + budget);
        }
        OptimisationProblem problem = new OptimisationProblem(metric, statistic(statistic),
                switch (sense.toLowerCase(Locale.ROOT)) {
                    case "minimise" -> OptimisationProblem.Sense.MINIMISE;
                    case "maximise" -> OptimisationProblem.Sense.MAXIMISE;
                    default -> throw ScenarioProblem.invalid("sense", "sense must be minimise or maximise, got '"
                            + sense + "'");
                }, budget, Map.of(), List.of());
        EpsilonConstraintOptimiser optimiser = new EpsilonConstraintOptimiser(analysis.evaluator());
        OptimisationResult best = optimiser.optimise(problem);
        List<Double> budgets = new ArrayList<>();
        for (int point = 1; point <= FRONTIER_POINTS; point++) {
            budgets.add(budget * point / FRONTIER_POINTS);
        }
        List<FrontierPoint> points = new EfficientFrontier(optimiser).overBudgets(problem, budgets).stream()
                .map(point -> new FrontierPoint(point.constraint(), point.result().objective(), point.result().feasible()))
                .toList();
        String unit = unit(analysis, metric);
        FrontierPlot frontier = new FrontierPlot(new ChartCaption("frontier", statistic + " " + metric
                + " at the best split, by R&D budget"), new AxisTitle("R&D budget", "USD"),
                new AxisTitle(statistic + " " + metric, unit), points, OptionalInt.of(points.size() - 1));
        model.addAttribute("optimum", new Optimum(metric, statistic, problem.sense().name().toLowerCase(Locale.ROOT),
                budget, best.feasible(), best.amounts().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList(),
                best.objective(), best.totalAmount(), frontier.toSvg()));
        if (!HtmxRequests.wantsFragment(request)) {
            return investments(id, parameters, caller, model);
        }
        return "scenario-investments :: optimum";
    }

    private void addPortfolio(String id, MultiValueMap<String, String> parameters, Caller caller, Model model) {
        InvestmentAnalysis analysis = scenarios.investments(caller, id);
        InterpolatingEvaluator evaluator = analysis.evaluator();
        List<String> categories = evaluator.categories();
        double[] amounts = new double[categories.size()];
        List<Slider> sliders = new ArrayList<>();
        for (int category = 0; category < categories.size(); category++) {
            double[] knots = evaluator.knotAmounts(categories.get(category));
            double max = knots[knots.length - 1];
            String parameter = "amount" + category;
            amounts[category] = amount(parameters.getFirst(parameter), parameter, max);
            sliders.add(new Slider(parameter, categories.get(category), max, Math.max(1, max / 100), amounts[category]));
        }
        List<MetricView> metrics = new ArrayList<>();
        double[] none = new double[categories.size()];
        for (String metric : analysis.metrics()) {
            int index = evaluator.metricIndex(metric);
            double[] funded = evaluator.evaluate(amounts, index);
            double[] unfunded = evaluator.evaluate(none, index);
            String unit = unit(analysis, metric);
            BoxPlot plot = new BoxPlot(new ChartCaption("metric-" + metrics.size(), metric + " with this funding"),
                    new AxisTitle(metric, unit), List.of(new BoxSeries("No R&D", BoxSummary.of(unfunded)),
                            new BoxSeries("This funding", BoxSummary.of(funded))));
            HistogramPlot histogram = new HistogramPlot(new ChartCaption("histogram-" + metrics.size(),
                    metric + " samples with this funding"), new AxisTitle(metric, unit), new Series("This funding", funded));
            metrics.add(new MetricView(metric, unit, plot.toSvg(), histogram.toSvg(), Statistics.of(funded),
                    Statistics.of(unfunded)));
        }
        model.addAttribute("modelId", id);
        model.addAttribute("sliders", sliders);
        model.addAttribute("metrics", metrics);
        model.addAttribute("metricNames", analysis.metrics());
        model.addAttribute("totalAmount", Arrays.stream(amounts).sum());
        model.addAttribute("maxBudget", sliders.stream().mapToDouble(Slider::max).sum());
    }

    private static double amount(String value, String parameter, double max) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            double amount = Double.parseDouble(value);
            if (amount < 0 || amount > max || Double.isNaN(amount)) {
                throw ScenarioProblem.invalid(parameter, parameter + " must be between 0 and " + max + ", got " + value);
            }
            return amount;
        } catch (NumberFormatException e) {
            throw ScenarioProblem.invalid(parameter, parameter + " must be a number, got '" + value + "'");
        }
    }

    private static Statistic statistic(String name) {
        return Statistic.named(name).orElseThrow(() -> ScenarioProblem.invalid("statistic",
                "statistic must be " + Statistic.NAMES + ", got '" + name + "'"));
    }

    private static String unit(InvestmentAnalysis analysis, String metric) {
        return analysis.model().indices().of(IndexKind.METRIC).stream().filter(index -> index.name().equals(metric))
                .map(Index::unit).findFirst().orElse("");
    }
}
