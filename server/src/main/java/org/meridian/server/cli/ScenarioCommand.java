package org.meridian.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.meridian.scenario.ModelValidator;
import org.meridian.scenario.ResultStatistics;
import org.meridian.scenario.ScenarioEngine;
import org.meridian.scenario.ScenarioRunResult;
import org.meridian.scenario.investment.OptimisationProblem;
import org.meridian.scenario.investment.OptimisationResult;
import org.meridian.scenario.model.ModelProblem;
import org.meridian.scenario.model.TechnologyModel;
import org.meridian.scenario.statistics.Statistic;
import org.meridian.scenario.tyche.TycheWorkbookImporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code meridian scenario}: run technology scenario models headless. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Run, validate and optimise technology scenario models (Monte Carlo, Tyche-style).",
        subcommands = {ScenarioCommand.Run.class, ScenarioCommand.Validate.class, ScenarioCommand.Optimize.class,
                ScenarioCommand.ImportTyche.class})
final class ScenarioCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    static String read(Path model) {
        try {
            return Files.readString(model, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file " + model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + model, e);
        }
    }

    /** Runs {@code work} on an engine using every core, closing its threads afterwards. */
    static <T> T withEngine(java.util.function.Function<ScenarioEngine, T> work) {
        int cores = Runtime.getRuntime().availableProcessors();
        try (ExecutorService executor = Executors.newFixedThreadPool(cores)) {
            return work.apply(new ScenarioEngine(executor, cores, Clock.systemUTC()));
        }
    }

    /** {@code meridian scenario run}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Evaluate every scenario of a model and print mean, std, p10, p50, p90 per variable and index.")
    static final class Run implements Callable<Integer> {
        enum Format { TABLE, JSON }

        @Parameters(paramLabel = "MODEL.yaml", description = "Technology model file.")
        Path model;

        @Option(names = "--samples", defaultValue = "100000", description = "Samples per scenario (default: ${DEFAULT-VALUE}).")
        int samples;

        @Option(names = "--seed", defaultValue = "42", description = "Seed; the same seed gives identical results (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--format", defaultValue = "TABLE", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Format format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (samples < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--samples must be at least 1, got " + samples);
            }
            TechnologyModel technology = ModelValidator.load(model.toString(), read(model));
            ScenarioRunResult result = withEngine(engine -> engine.run(technology, samples, seed));
            switch (format) {
                case JSON -> System.out.println(json(result));
                case TABLE -> printTable(result);
            }
            return 0;
        }

        private static String json(ScenarioRunResult result) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ResultStatistics row : result.results()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("technology", row.technology());
                entry.put("scenario", row.scenario());
                entry.put("variable", row.variable().label());
                entry.put("index", row.index());
                entry.put("mean", row.statistics().mean());
                entry.put("std", row.statistics().standardDeviation());
                entry.put("p10", row.statistics().p10());
                entry.put("p50", row.statistics().p50());
                entry.put("p90", row.statistics().p90());
                rows.add(entry);
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("samples", result.samples());
            document.put("elapsed_ms", result.elapsed().toMillis());
            document.put("results", rows);
            return JsonMapper.builder().build().writeValueAsString(document);
        }

        private static void printTable(ScenarioRunResult result) {
            // Text columns as wide as their longest entry, so a long scenario name never shifts its row.
            int scenario = width("scenario", result.results().stream().map(ResultStatistics::scenario));
            int variable = width("variable", result.results().stream().map(row -> row.variable().label()));
            int index = width("index", result.results().stream().map(ResultStatistics::index));
            String text = "%-" + scenario + "s %-" + variable + "s %-" + index + "s ";
            System.out.printf(Locale.ROOT, text + "%14s %14s %14s %14s %14s%n",
                    "scenario", "variable", "index", "mean", "std", "p10", "p50", "p90");
            for (ResultStatistics row : result.results()) {
                System.out.printf(Locale.ROOT, text + "%14.6g %14.6g %14.6g %14.6g %14.6g%n",
                        row.scenario(), row.variable().label(), row.index(), row.statistics().mean(),
                        row.statistics().standardDeviation(), row.statistics().p10(), row.statistics().p50(),
                        row.statistics().p90());
            }
            System.out.printf(Locale.ROOT, "%,d samples per scenario, engine time %d ms%n", result.samples(),
                    result.elapsed().toMillis());
        }
    }

    /** {@code meridian scenario validate}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a model file: syntax, names, distributions, expressions. Lists every problem with its place.")
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "MODEL.yaml", description = "Technology model file.")
        Path model;

        @Override
        public Integer call() {
            List<ModelProblem> problems = ModelValidator.validate(model.toString(), read(model));
            if (problems.isEmpty()) {
                System.out.println(model + ": valid");
                return 0;
            }
            problems.forEach(problem -> System.err.println("meridian: " + problem));
            return MeridianCommand.FAILED;
        }
    }

    /** {@code meridian scenario optimize}. */
    @Command(name = "optimize", mixinStandardHelpOptions = true,
            description = "Find the R&D funding split that optimises one metric's statistic within a budget (epsilon-constraint).")
    static final class Optimize implements Callable<Integer> {
        enum Sense { MINIMISE, MAXIMISE }

        @Parameters(paramLabel = "MODEL.yaml", description = "Technology model file with tranches and investments.")
        Path model;

        @Option(names = "--metric", required = true, description = "Metric to optimise, e.g. Cost.")
        String metric;

        @Option(names = "--statistic", defaultValue = "mean", description = Statistic.NAMES + " (default: ${DEFAULT-VALUE}).")
        String statistic;

        @Option(names = "--sense", defaultValue = "MINIMISE", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Sense sense;

        @Option(names = "--budget-max", required = true, description = "Total funding available (USD).")
        double budget;

        @Option(names = "--samples", defaultValue = "10000", description = "Samples per tranche scenario (default: ${DEFAULT-VALUE}).")
        int samples;

        @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Statistic parsed = parseStatistic();
            TechnologyModel technology = ModelValidator.load(model.toString(), read(model));
            OptimisationProblem problem = new OptimisationProblem(metric, parsed,
                    sense == Sense.MINIMISE ? OptimisationProblem.Sense.MINIMISE : OptimisationProblem.Sense.MAXIMISE,
                    budget, Map.of(), List.of());
            OptimisationResult result = withEngine(engine -> engine.optimise(technology, problem, samples, seed));
            System.out.printf(Locale.ROOT, "%s of %s: %.6g (%s; %d portfolios evaluated)%n", statistic, metric,
                    result.objective(), result.feasible() ? "feasible" : "NO feasible portfolio; least violating shown",
                    result.evaluations());
            result.amounts().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                    System.out.printf(Locale.ROOT, "  %-40s %,16.0f%n", entry.getKey(), entry.getValue()));
            System.out.printf(Locale.ROOT, "  %-40s %,16.0f of %,.0f%n", "total", result.totalAmount(), budget);
            result.metricStatistics().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                    System.out.printf(Locale.ROOT, "  %s %s = %.6g%n", statistic, entry.getKey(), entry.getValue()));
            return result.feasible() ? 0 : MeridianCommand.FAILED;
        }

        private Statistic parseStatistic() {
            return Statistic.named(statistic).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "--statistic must be " + Statistic.NAMES + ", got '" + statistic + "'"));
        }
    }

    /** {@code meridian scenario import-tyche}. */
    @Command(name = "import-tyche", mixinStandardHelpOptions = true,
            description = "Convert a Tyche workbook (.xlsx) and a YAML file of its functions into a Meridian model file.")
    static final class ImportTyche implements Callable<Integer> {
        @Parameters(paramLabel = "WORKBOOK.xlsx", description = "Tyche workbook.")
        Path workbook;

        @Option(names = "--functions", required = true, paramLabel = "FUNCS.yaml",
                description = "The workbook's capital, fixed, production and metric functions as expressions.")
        Path functions;

        @Option(names = "--out", required = true, paramLabel = "MODEL.yaml", description = "Model file to write.")
        Path out;

        @Override
        public Integer call() throws IOException {
            String functionsText = read(functions);
            String model;
            try (InputStream in = Files.newInputStream(workbook)) {
                model = TycheWorkbookImporter.importWorkbook(in, workbook.getFileName().toString(), functionsText);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("no such file " + workbook);
            }
            Files.writeString(out, model, StandardCharsets.UTF_8);
            System.out.println("Wrote " + out);
            return 0;
        }
    }

    private static int width(String heading, Stream<String> values) {
        return Math.max(heading.length(), values.mapToInt(String::length).max().orElse(0));
    }
}
