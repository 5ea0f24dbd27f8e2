package org.meridian.server.scenario;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meridian.server.identity.Caller;
import org.meridian.server.identity.Membership;
import org.meridian.server.scenario.plot.AxisTitle;
import org.meridian.server.scenario.plot.BoxPlot;
import org.meridian.server.scenario.plot.BoxSeries;
import org.meridian.server.scenario.plot.ChartCaption;
import org.meridian.server.scenario.plot.Series;
import org.meridian.server.scenario.plot.ViolinPlot;
import org.meridian.server.system.HtmxRequests;
import org.meridian.server.system.RequestIds;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The scenario pages: stored models and the caller's runs with a form to start one, and a run's
 * page, which follows its progress (htmx polls a fragment while it runs; without JavaScript the
 * page says to reload) and then shows the statistics table and a box plot per result.
 */
@Controller
class ScenarioPagesController {
    private final ScenarioRuns scenarios;

    ScenarioPagesController(ScenarioRuns scenarios) {
        this.scenarios = requireNonNull(scenarios, "scenarios is null");
    }

    /** The charts of one variable and index: every scenario's box and violin, and the numbers. */
    record ResultChart(String boxSvg, String violinSvg, List<ResultRow> rows) {
    }

    @GetMapping("/scenarios")
    String scenarios(Caller caller, Model model) {
        model.addAttribute("models", scenarios.models(caller));
        model.addAttribute("runs", scenarios.runs(caller, 50));
        return "scenarios";
    }

    @PostMapping("/scenarios/runs")
    String start(@RequestParam String model, @RequestParam(defaultValue = "100000") int samples,
            @RequestParam(defaultValue = "42") long seed, Caller caller, HttpServletRequest request) {
        ScenarioRun run = scenarios.start(caller, RequestIds.of(request), model, samples, seed);
        return "redirect:/scenarios/runs/" + run.id();
    }

    @GetMapping("/scenarios/runs/{id}")
    String run(@PathVariable String id, Caller caller, Model model) {
        ScenarioRun run = scenarios.run(caller, id);
        model.addAttribute("run", run);
        model.addAttribute("charts", charts(run));
        model.addAttribute("isOwner", run.ownerId().equals(caller.user().orElseThrow().id()));
        model.addAttribute("organisations", caller.user().orElseThrow().memberships().stream()
                .map(Membership::organisationId).distinct().sorted().toList());
        return "scenario-run";
    }

    /**
     * The progress fragment htmx polls; once the run has finished it asks for the whole page. Opened
     * as a page (a new tab, or the page sign-in returns to), it sends the reader to the run's page.
     */
    @GetMapping("/scenarios/runs/{id}/progress")
    String progress(@PathVariable String id, Caller caller, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        ScenarioRun run = scenarios.run(caller, id);
        if (!HtmxRequests.wantsFragment(request)) {
            return "redirect:/scenarios/runs/" + run.id();
        }
        if (run.status().finished()) {
            // htmx reloads the page, which then shows the results.
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("run", run);
        return "scenario-run :: progress";
    }

    @PostMapping("/scenarios/runs/{id}/cancel")
    String cancel(@PathVariable String id, Caller caller, HttpServletRequest request) {
        scenarios.cancel(caller, RequestIds.of(request), id);
        return "redirect:/scenarios/runs/" + id;
    }

    @PostMapping("/scenarios/runs/{id}/share")
    String share(@PathVariable String id, @RequestParam(defaultValue = "") String organisation, Caller caller,
            HttpServletRequest request) {
        scenarios.share(caller, RequestIds.of(request), id,
                Optional.of(organisation.strip()).filter(value -> !value.isEmpty()));
        return "redirect:/scenarios/runs/" + id;
    }

    /** Box plots, one per variable and index, comparing the scenarios. */
    static List<ResultChart> charts(ScenarioRun run) {
        Map<String, List<ResultRow>> byIndex = new LinkedHashMap<>();
        for (ResultRow row : run.results()) {
            byIndex.computeIfAbsent(row.variable() + " " + row.index(), key -> new ArrayList<>()).add(row);
        }
        List<ResultChart> charts = new ArrayList<>();
        int number = 0;
        for (Map.Entry<String, List<ResultRow>> entry : byIndex.entrySet()) {
            List<ResultRow> rows = entry.getValue();
            ResultRow first = rows.getFirst();
            String title = first.index().equals(first.variable()) ? first.index()
                    : first.variable() + ": " + first.index();
            int chart = number++;
            BoxPlot box = new BoxPlot(new ChartCaption("result-box-" + chart, title + " by scenario"),
                    AxisTitle.dimensionless(title),
                    rows.stream().map(row -> new BoxSeries(row.scenario(), row.box())).toList());
            // The profile's points are equally likely, so their density is the distribution's.
            ViolinPlot violin = new ViolinPlot(new ChartCaption("result-violin-" + chart,
                    title + " distribution by scenario"), AxisTitle.dimensionless(title),
                    rows.stream().map(row -> new Series(row.scenario(),
                            row.profile().stream().mapToDouble(Double::doubleValue).toArray())).toList());
            charts.add(new ResultChart(box.toSvg(), violin.toSvg(), rows));
        }
        return charts;
    }
}
