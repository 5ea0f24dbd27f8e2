package org.meridian.scenario.evaluation;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator.SplittableGenerator;
import org.meridian.scenario.distribution.Sampler;
import org.meridian.scenario.expression.Frame;
import org.meridian.scenario.expression.LaneFault;
import org.meridian.scenario.model.IndexKind;
import org.meridian.scenario.model.Scenario;
import org.meridian.scenario.model.ScenarioVariable;
import org.meridian.scenario.model.TechnologyModel;

/**
 * Evaluates every scenario of a technology for N samples: the work is cut into (scenario, chunk)
 * items of {@link #CHUNK_SIZE} samples, which {@code parallelism} workers on the injected executor
 * take in increasing order, each reusing one {@link Frame}. Results do not depend on the number of
 * workers (see {@link RandomStreams}).
 */
public final class ScenarioEvaluator {
    /**
     * Samples per chunk: small enough that a chunk's columns stay in the core's caches, large enough
     * that per-chunk overhead vanishes. Streams are split per chunk, so this is part of what a seed
     * means: changing it changes results.
     */
    public static final int CHUNK_SIZE = 4096;

    private final Executor executor;
    private final int parallelism;

    /**
     * @param executor runs the workers; {@code Runnable::run} evaluates on the calling thread
     * @param parallelism how many workers to start (at most one per item)
     */
    public ScenarioEvaluator(Executor executor, int parallelism) {
        this.executor = requireNonNull(executor, "executor is null");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /**
     * Samples and evaluates every scenario of {@code model}. Streams are split from {@code random}
     * (which this advances), so the same generator state gives the same samples.
     *
     * @throws EvaluationException for the first failing sample in (scenario, sample) order
     */
    public ScenarioSamples evaluate(TechnologyModel model, int samples, SplittableGenerator random) {
        return evaluate(model, samples, random, EvaluationMonitor.NONE);
    }

    /**
     * As {@link #evaluate(TechnologyModel, int, SplittableGenerator)}, reporting each finished work
     * item to {@code monitor} and stopping early when it says so.
     *
     * @throws EvaluationCancelledException when {@code monitor} cancelled the evaluation
     */
    public ScenarioSamples evaluate(TechnologyModel model, int samples, SplittableGenerator random,
            EvaluationMonitor monitor) {
        requireNonNull(model, "model is null");
        requireNonNull(monitor, "monitor is null");
        requireNonNull(random, "random is null");
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
        TechnologyProgram program = TechnologyProgram.compile(model);
        List<TechnologyProgram> programs = model.scenarios().stream()
                .map(scenario -> TechnologyProgram.compile(model, scenario))
                .toList();
        Run run = new Run(model, program, programs, samples, random, monitor);
        int workers = Math.min(parallelism, run.items);
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int worker = 0; worker < workers; worker++) {
            futures.add(CompletableFuture.runAsync(run::work, executor));
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException failure) {
            // Unwraps a programming error from a worker so it surfaces as itself.
            if (failure.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failure;
        }
        int firstFailure = run.firstFailure.get();
        if (firstFailure != Integer.MAX_VALUE) {
            throw run.failures.get(firstFailure);
        }
        if (run.completed.get() < run.items) {
            throw new EvaluationCancelledException(run.completed.get(), run.items);
        }
        return new ScenarioSamples(model, samples, run.outcomes);
    }

    /** The shared state of one evaluation. */
    private static final class Run {
        private final TechnologyProgram program;
        private final List<TechnologyProgram> programs;
        private final List<Scenario> scenarios;
        private final int samples;
        private final int chunks;
        private final int items;
        private final RandomStreams streams;
        private final Sampler[][] samplers;
        private final ScenarioVariable[] cellVariables;
        private final int[] cellOffsets;
        private final List<ScenarioOutcome> outcomes = new ArrayList<>();
        private final AtomicInteger firstFailure = new AtomicInteger(Integer.MAX_VALUE);
        private final Map<Integer, EvaluationException> failures = new ConcurrentHashMap<>();
        private final EvaluationMonitor monitor;
        private final AtomicInteger completed = new AtomicInteger();

        Run(TechnologyModel model, TechnologyProgram program, List<TechnologyProgram> programs, int samples,
                SplittableGenerator random, EvaluationMonitor monitor) {
            this.monitor = monitor;
            this.program = program;
            this.programs = programs;
            this.scenarios = model.scenarios();
            this.samples = samples;
            this.chunks = (samples + CHUNK_SIZE - 1) / CHUNK_SIZE;
            this.items = scenarios.size() * chunks;
            int cells = program.cellCount();
            this.streams = new RandomStreams(random, scenarios.size(), cells, chunks);
            this.cellVariables = new ScenarioVariable[cells];
            this.cellOffsets = new int[cells];
            int cell = 0;
            for (ScenarioVariable variable : ScenarioVariable.values()) {
                for (int offset = 0; offset < variable.size(model.indices()); offset++) {
                    cellVariables[cell] = variable;
                    cellOffsets[cell] = offset;
                    cell++;
                }
            }
            this.samplers = new Sampler[scenarios.size()][cells];
            int outputs = model.indices().size(IndexKind.OUTPUT);
            int metrics = model.indices().size(IndexKind.METRIC);
            for (int scenario = 0; scenario < scenarios.size(); scenario++) {
                for (int index = 0; index < cells; index++) {
                    samplers[scenario][index] = scenarios.get(scenario).value(cellVariables[index], cellOffsets[index]).sampler();
                }
                outcomes.add(new ScenarioOutcome(scenarios.get(scenario).name(), samples, outputs, metrics));
            }
        }

        void work() {
            Frame frame = program.newFrame(Math.min(CHUNK_SIZE, samples));
            while (!monitor.cancelled()) {
                // Items are claimed in increasing order, so every item before the first failure
                // still completes and the reported failure is the same on every run.
                Optional<RandomStreams.Claim> claim = streams.claim(firstFailure.get());
                if (claim.isEmpty()) {
                    return;
                }
                int item = claim.get().item();
                try {
                    evaluate(frame, item / chunks, item % chunks, claim.get().streams());
                } catch (EvaluationException failure) {
                    failures.put(item, failure);
                    firstFailure.accumulateAndGet(item, Math::min);
                }
                monitor.progress(completed.incrementAndGet(), items);
            }
        }

        private void evaluate(Frame frame, int scenario, int chunk, SplittableGenerator[] cellStreams) {
            int from = chunk * CHUNK_SIZE;
            int length = Math.min(CHUNK_SIZE, samples - from);
            frame.reset(length);
            TechnologyProgram specialised = programs.get(scenario);
            for (int cell = 0; cell < cellVariables.length; cell++) {
                int slot = program.cellSlot(cellVariables[cell], cellOffsets[cell]);
                // Constant cells were folded into the scenario's program; nothing reads their column.
                if (!specialised.isConstant(slot)) {
                    samplers[scenario][cell].fill(cellStreams[cell], frame.column(slot), 0, length);
                }
            }
            String scenarioName = scenarios.get(scenario).name();
            for (TechnologyProgram.Step step : specialised.steps()) {
                double[] target = frame.column(step.slot());
                step.node().evaluate(frame, target);
                check(frame, step, target, scenarioName, from);
            }
            ScenarioOutcome outcome = outcomes.get(scenario);
            System.arraycopy(frame.column(program.costSlot()), 0, outcome.column(ResultVariable.COST, 0), from, length);
            for (int output = 0; output < outcome.count(ResultVariable.OUTPUT); output++) {
                System.arraycopy(frame.column(program.outputSlot(output)), 0,
                        outcome.column(ResultVariable.OUTPUT, output), from, length);
            }
            for (int metric = 0; metric < outcome.count(ResultVariable.METRIC); metric++) {
                System.arraycopy(frame.column(program.metricSlot(metric)), 0,
                        outcome.column(ResultVariable.METRIC, metric), from, length);
            }
        }

        /**
         * Fails if a step left a non-finite value, or if an operation inside it produced one in a
         * lane where the checked scalar evaluation (which skips untaken {@code if} branches) shows
         * that it mattered.
         */
        private static void check(Frame frame, TechnologyProgram.Step step, double[] target, String scenario, int from) {
            int length = frame.length();
            boolean inspect = frame.anySuspect();
            for (int lane = 0; lane < length && !inspect; lane++) {
                inspect = !Double.isFinite(target[lane]);
            }
            if (inspect) {
                for (int lane = 0; lane < length; lane++) {
                    if (frame.suspect(lane) || !Double.isFinite(target[lane])) {
                        try {
                            double value = step.node().evaluateLane(frame, lane);
                            if (!Double.isFinite(value)) {
                                throw new EvaluationException(step.place(), step.node().position(),
                                        "the result is not a finite number", scenario, from + lane);
                            }
                        } catch (LaneFault fault) {
                            throw new EvaluationException(step.place(), fault.position(), fault.problem(), scenario, from + lane);
                        }
                    }
                }
            }
            frame.clearSuspects();
        }
    }
}
