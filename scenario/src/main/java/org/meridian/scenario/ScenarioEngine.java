package org.meridian.scenario;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator.SplittableGenerator;
import java.util.random.RandomGeneratorFactory;
import org.meridian.scenario.evaluation.EvaluationMonitor;
import org.meridian.scenario.evaluation.ResultVariable;
import org.meridian.scenario.evaluation.ScenarioEvaluator;
import org.meridian.scenario.evaluation.ScenarioOutcome;
import org.meridian.scenario.evaluation.ScenarioSamples;
import org.meridian.scenario.investment.EpsilonConstraintOptimiser;
import org.meridian.scenario.investment.InvestmentAnalysis;
import org.meridian.scenario.investment.OptimisationProblem;
import org.meridian.scenario.investment.OptimisationResult;
import org.meridian.scenario.model.IndexKind;
import org.meridian.scenario.model.TechnologyModel;

/**
 * The facade the CLI and server call: evaluate a technology model's scenarios for N samples and
 * summarise them. Parallel on the injected executor; for a given seed the result is bit-identical
 * whatever the parallelism.
 */
public final class ScenarioEngine {
    /** The generator family seeds refer to: fast, splittable, statistically strong (JDK 17+). */
    public static final String GENERATOR = "L64X128MixRandom";

    private final ScenarioEvaluator evaluator;
    private final Executor executor;
    private final InstantSource clock;

    /**
     * @param executor runs evaluation and summary work; {@code Runnable::run} keeps it on the caller
     * @param parallelism how many workers evaluate at once (the number of cores is a good choice)
     * @param clock measures elapsed time
     */
    public ScenarioEngine(Executor executor, int parallelism, InstantSource clock) {
        this.executor = requireNonNull(executor, "executor is null");
        this.evaluator = new ScenarioEvaluator(executor, parallelism);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A fresh generator of the {@link #GENERATOR} family from {@code seed}. */
    public static SplittableGenerator seeded(long seed) {
        return RandomGeneratorFactory.<SplittableGenerator>of(GENERATOR).create(seed);
    }

    /** The raw samples of every scenario (for histograms, investments, optimisation). */
    public ScenarioSamples evaluate(TechnologyModel model, int samples, SplittableGenerator random) {
        return evaluator.evaluate(model, samples, random);
    }

    /**
     * The raw samples, reporting progress to {@code monitor} and stopping when it cancels; the
     * samples are the same as without a monitor.
     *
     * @throws org.meridian.scenario.evaluation.EvaluationCancelledException when cancelled
     */
    public ScenarioSamples evaluate(TechnologyModel model, int samples, SplittableGenerator random,
            EvaluationMonitor monitor) {
        return evaluator.evaluate(model, samples, random, monitor);
    }

    /** Evaluates and summarises every scenario; the same seed gives the same numbers. */
    public ScenarioRunResult run(TechnologyModel model, int samples, long seed) {
        return run(model, samples, seeded(seed));
    }

    public ScenarioRunResult run(TechnologyModel model, int samples, SplittableGenerator random) {
        Instant start = clock.instant();
        ScenarioSamples evaluated = evaluate(model, samples, random);
        List<ResultStatistics> results = summarise(evaluated);
        return new ScenarioRunResult(samples, Duration.between(start, clock.instant()), results);
    }

    /**
     * Evaluates every scenario, then samples the tranche amounts from the same seeded generator:
     * the basis for comparing investments and for optimising funding.
     */
    public InvestmentAnalysis investments(TechnologyModel model, int samples, long seed) {
        SplittableGenerator random = seeded(seed);
        return new InvestmentAnalysis(evaluate(model, samples, random), random);
    }

    /** The epsilon-constraint optimum of {@code problem} over the model's tranches. */
    public OptimisationResult optimise(TechnologyModel model, OptimisationProblem problem, int samples, long seed) {
        return new EpsilonConstraintOptimiser(investments(model, samples, seed).evaluator()).optimise(problem);
    }

    /** Statistics of every column, computed in parallel (selection of quantiles dominates). */
    public List<ResultStatistics> summarise(ScenarioSamples evaluated) {
        TechnologyModel model = evaluated.model();
        List<CompletableFuture<ResultStatistics>> rows = new ArrayList<>();
        for (ScenarioOutcome outcome : evaluated.outcomes()) {
            rows.add(row(model, outcome, ResultVariable.COST, 0, "Cost"));
            List<String> outputs = model.indices().names(IndexKind.OUTPUT);
            for (int offset = 0; offset < outputs.size(); offset++) {
                rows.add(row(model, outcome, ResultVariable.OUTPUT, offset, outputs.get(offset)));
            }
            List<String> metrics = model.indices().names(IndexKind.METRIC);
            for (int offset = 0; offset < metrics.size(); offset++) {
                rows.add(row(model, outcome, ResultVariable.METRIC, offset, metrics.get(offset)));
            }
        }
        return rows.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<ResultStatistics> row(
            TechnologyModel model, ScenarioOutcome outcome, ResultVariable variable, int offset, String index) {
        return CompletableFuture.supplyAsync(() -> new ResultStatistics(model.technology(), outcome.scenario(), variable,
                index, outcome.statistics(variable, offset)), executor);
    }
}
