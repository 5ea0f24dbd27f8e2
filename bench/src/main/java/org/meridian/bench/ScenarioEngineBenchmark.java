package org.meridian.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.meridian.scenario.ModelValidator;
import org.meridian.scenario.ScenarioEngine;
import org.meridian.scenario.ScenarioRunResult;
import org.meridian.scenario.evaluation.ScenarioSamples;
import org.meridian.scenario.investment.OptimisationProblem;
import org.meridian.scenario.investment.OptimisationResult;
import org.meridian.scenario.model.TechnologyModel;
import org.meridian.scenario.statistics.Statistic;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scenario engine on the shipped examples, on every core:
 * <ul>
 *   <li>{@code electrolysisFourScenarios}: the four simple-electrolysis scenarios at 100,000 samples
 *       each, evaluation and statistics (Tyche 1.2 takes 5.3 s for this on this machine kind). The
 *       electrolysis pipeline is about 30 arithmetic operations per sample, so 400,000 divided by
 *       the time is the sample-evaluation rate of a 30-operation model;</li>
 *   <li>{@code electrolysisEvaluationOnly}: the same samples without the statistics, the
 *       evaluation kernel alone;</li>
 *   <li>{@code optimiseThreeCategories}: minimise mean LCOE of the residential PV model over its
 *       three R&amp;D categories within a 3 M USD budget, 10,000 samples per tranche.</li>
 * </ul>
 * Run from the repository root: {@code java -jar bench/target/benchmarks.jar ScenarioEngineBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgs = {"-Xmx2g"})
public class ScenarioEngineBenchmark {
    private ExecutorService executor;
    private ScenarioEngine engine;
    private TechnologyModel electrolysis;
    private TechnologyModel photovoltaic;
    private OptimisationProblem lowestCost;

    @Setup
    public void load() throws IOException {
        Path examples = Path.of(System.getProperty("meridian.examples", "examples/scenarios"));
        electrolysis = model(examples.resolve("simple-electrolysis.yaml"));
        photovoltaic = model(examples.resolve("pv-residential-simple.yaml"));
        int cores = Runtime.getRuntime().availableProcessors();
        executor = Executors.newFixedThreadPool(cores);
        engine = new ScenarioEngine(executor, cores, Clock.systemUTC());
        lowestCost = new OptimisationProblem("LCOE", new Statistic.Mean(), OptimisationProblem.Sense.MINIMISE, 3e6,
                Map.of(), List.of());
    }

    @TearDown
    public void stop() {
        executor.shutdownNow();
    }

    @Benchmark
    public ScenarioRunResult electrolysisFourScenarios() {
        return engine.run(electrolysis, 100_000, 42);
    }

    /**
     * Evaluation alone, without the statistics: 400,000 sample-evaluations of the ~30-operation
     * electrolysis pipeline, so 400,000 divided by this time is the evaluation kernel's rate.
     */
    @Benchmark
    public ScenarioSamples electrolysisEvaluationOnly() {
        return engine.evaluate(electrolysis, 100_000, ScenarioEngine.seeded(42));
    }

    @Benchmark
    public OptimisationResult optimiseThreeCategories() {
        return engine.optimise(photovoltaic, lowestCost, 10_000, 42);
    }

    private static TechnologyModel model(Path file) throws IOException {
        return ModelValidator.load(file.toString(), Files.readString(file));
    }
}
