package org.meridian.server.scenario;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.meridian.scenario.ModelValidator;
import org.meridian.scenario.ScenarioEngine;
import org.meridian.scenario.evaluation.EvaluationCancelledException;
import org.meridian.scenario.evaluation.EvaluationMonitor;
import org.meridian.scenario.evaluation.ResultVariable;
import org.meridian.scenario.evaluation.ScenarioOutcome;
import org.meridian.scenario.evaluation.ScenarioSamples;
import org.meridian.scenario.investment.InvestmentAnalysis;
import org.meridian.scenario.model.IndexKind;
import org.meridian.scenario.model.ModelProblem;
import org.meridian.scenario.model.TechnologyModel;
import org.meridian.scenario.statistics.Statistics;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditEntry;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.Outcome;
import org.meridian.server.identity.Caller;
import org.meridian.server.identity.IdentityProblem;
import org.meridian.server.identity.Membership;
import org.meridian.server.identity.NodeRole;
import org.meridian.server.identity.TokenScope;
import org.meridian.server.identity.User;
import org.meridian.server.system.DurableTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Technology models and scenario runs on the node, and who may see them.
 *
 * <p>Models are added and replaced by node administrators and publishers, and read by anyone
 * signed in. A run belongs to the user who started it; its owner may share it with one of their
 * own organisations, whose members may then read it. Nobody else sees it, node administrators
 * included: scenario data is an analyst's working material, not the node's catalog. A run the
 * caller may not see is answered exactly like one that does not exist.
 *
 * <p>Runs are evaluated one at a time on a background worker (the engine itself uses every
 * core), from a bounded queue; the same model, samples and seed give identical results.
 */
public final class ScenarioRuns implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScenarioRuns.class);
    public static final int MAX_SAMPLES = 1_000_000;
    /** Runs waiting beyond the one being evaluated; more are refused rather than queued for hours. */
    static final int QUEUE_CAPACITY = 16;
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,127}");

    private final ScenarioStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ExecutorService engineThreads;
    private final ScenarioEngine engine;
    private final ThreadPoolExecutor worker;
    /** Percent done of the runs being evaluated now; the database knows the rest. */
    private final Map<String, Integer> progress = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Map<String, InvestmentAnalysis> analyses = new ConcurrentHashMap<>();

    ScenarioRuns(DataSource dataSource, AuditLog audit, Clock clock) {
        this.store = new ScenarioStore(dataSource);
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.transactions = new TransactionTemplate(new DurableTransactions(dataSource));
        int cores = Runtime.getRuntime().availableProcessors();
        this.engineThreads = Executors.newFixedThreadPool(cores, Thread.ofPlatform().name("meridian-scenario-", 0)
                .daemon().factory());
        this.engine = new ScenarioEngine(engineThreads, cores, clock);
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                Thread.ofPlatform().name("meridian-scenario-runs").daemon().factory());
        for (String id : store.unfinishedRunIds()) {
            store.finish(id, RunStatus.FAILED, Optional.of("the node stopped before the run finished; start it again"),
                    Optional.empty(), List.of(), clock.instant());
        }
    }

    // ---- models ---------------------------------------------------------------------------

    public List<ScenarioModelEntry> models(Caller caller) {
        requireSignedIn(caller);
        return store.listModels();
    }

    public ScenarioModelEntry model(Caller caller, String id) {
        requireSignedIn(caller);
        return store.findModel(id).orElseThrow(() -> ScenarioProblem.notFound("scenario-model", id));
    }

    /** The model, parsed and checked; it was valid when stored. */
    public TechnologyModel technology(ScenarioModelEntry model) {
        return ModelValidator.load(model.name(), model.source());
    }

    public ScenarioModelEntry addModel(Caller caller, String requestId, String name, String source) {
        requireModelEditor(caller);
        if (name == null || !MODEL_NAME.matcher(name).matches()) {
            throw ScenarioProblem.invalid("name", "name must be 1-128 letters, digits, spaces, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
        TechnologyModel technology = validated(name, source);
        Instant now = clock.instant();
        ScenarioModelEntry model = new ScenarioModelEntry(UUID.randomUUID().toString(), name, technology.technology(),
                source, caller.name(), now, now);
        return transactions.execute(status -> {
            if (store.findModelByName(name).isPresent()) {
                throw ScenarioProblem.conflict("name", "a model named '" + name + "' exists; replace it with PUT");
            }
            store.insertModel(model);
            audit.append(AuditEntry.of(caller.actor(), "scenario.model-add", model.id(), Outcome.SUCCESS, requestId,
                    Map.of("name", name, "technology", model.technology())));
            return model;
        });
    }

    public ScenarioModelEntry replaceModel(Caller caller, String requestId, String id, String source) {
        requireModelEditor(caller);
        ScenarioModelEntry existing = model(caller, id);
        TechnologyModel technology = validated(existing.name(), source);
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            store.updateModel(id, technology.technology(), source, now);
            audit.append(AuditEntry.of(caller.actor(), "scenario.model-replace", id, Outcome.SUCCESS, requestId,
                    Map.of("name", existing.name(), "technology", technology.technology())));
        });
        return model(caller, id);
    }

    /** The example models shipped with Meridian (examples/scenarios), by the name they are stored under. */
    public static final List<String> EXAMPLE_MODELS = List.of("simple-electrolysis", "pv-residential-simple",
            "tutorial-basic");

    /**
     * Stores the shipped example models that are not stored yet, for the demo node; done by the
     * node's operator, so audited as {@code actor}.
     *
     * @return how many were added
     */
    public int addExampleModels(Actor actor) {
        int added = 0;
        for (String name : EXAMPLE_MODELS) {
            if (store.findModelByName(name).isPresent()) {
                continue;
            }
            String source = example(name);
            TechnologyModel technology = validated(name, source);
            Instant now = clock.instant();
            ScenarioModelEntry model = new ScenarioModelEntry(UUID.randomUUID().toString(), name,
                    technology.technology(), source, actor.name(), now, now);
            transactions.executeWithoutResult(status -> {
                store.insertModel(model);
                audit.append(AuditEntry.of(actor, "scenario.model-add", model.id(), Outcome.SUCCESS,
                        AuditEntry.NO_REQUEST, Map.of("name", name, "technology", model.technology())));
            });
            added++;
        }
        return added;
    }

    private static String example(String name) {
        try (InputStream in = ScenarioRuns.class.getResourceAsStream("examples/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("example model " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read example model " + name, e);
        }
    }

    private static TechnologyModel validated(String name, String source) {
        if (source == null || source.isBlank()) {
            throw ScenarioProblem.invalid("source", "source must hold the model's YAML");
        }
        List<ModelProblem> problems = ModelValidator.validate(name, source);
        if (!problems.isEmpty()) {
            throw ScenarioProblem.invalid("source", problems.stream().map(ModelProblem::toString)
                    .collect(Collectors.joining("; ")));
        }
        return ModelValidator.load(name, source);
    }

    // ---- investments ----------------------------------------------------------------------

    /** Samples per tranche scenario behind the investment pages: interactive, yet stable. */
    static final int INVESTMENT_SAMPLES = 10_000;
    static final long INVESTMENT_SEED = 42;

    /**
     * The response surface of a model's R&D tranches, evaluated once per model version and kept
     * for the sliders and the optimiser (a few models at a time).
     */
    public InvestmentAnalysis investments(Caller caller, String modelId) {
        ScenarioModelEntry model = model(caller, modelId);
        String key = model.id() + "@" + model.updatedAt();
        InvestmentAnalysis cached = analyses.get(key);
        if (cached != null) {
            return cached;
        }
        TechnologyModel technology = technology(model);
        if (technology.tranches().isEmpty()) {
            throw ScenarioProblem.invalid("model", "model '" + model.name() + "' defines no R&D tranches to invest in");
        }
        InvestmentAnalysis analysis = engine.investments(technology, INVESTMENT_SAMPLES, INVESTMENT_SEED);
        if (analyses.size() >= 8) {
            analyses.clear();
        }
        analyses.put(key, analysis);
        return analysis;
    }

    // ---- runs -----------------------------------------------------------------------------

    /** Queues a run of a model; its results appear on {@link #run} once it has finished. */
    public ScenarioRun start(Caller caller, String requestId, String modelId, int samples, long seed) {
        User user = requireSignedIn(caller);
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw ScenarioProblem.invalid("samples", "samples must be between 1 and " + MAX_SAMPLES + ", got " + samples);
        }
        if (modelId == null || modelId.isBlank()) {
            throw ScenarioProblem.invalid("model", "model must name a stored model's id");
        }
        ScenarioModelEntry model = store.findModel(modelId)
                .orElseThrow(() -> ScenarioProblem.invalid("model", "no model with id '" + modelId + "'"));
        if (worker.getQueue().remainingCapacity() == 0) {
            throw ScenarioProblem.conflict("model", QUEUE_CAPACITY + " runs are waiting already; try again when"
                    + " some have finished");
        }
        String id = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> {
            store.insertRun(id, model.id(), user.id(), samples, seed, clock.instant());
            audit.append(AuditEntry.of(caller.actor(), "scenario.run-start", id, Outcome.SUCCESS, requestId,
                    Map.of("model", model.name(), "samples", Integer.toString(samples), "seed", Long.toString(seed))));
        });
        try {
            worker.execute(() -> evaluate(id, model, samples, seed));
        } catch (RejectedExecutionException e) {
            store.finish(id, RunStatus.FAILED, Optional.of("the run queue was full"), Optional.empty(), List.of(),
                    clock.instant());
        }
        return run(caller, id);
    }

    public ScenarioRun run(Caller caller, String id) {
        User user = requireSignedIn(caller);
        ScenarioRun run = store.findRun(id).filter(found -> visibleTo(found, user))
                .orElseThrow(() -> ScenarioProblem.notFound("scenario-run", id));
        Integer done = progress.get(id);
        if (done == null || run.status().finished()) {
            return run;
        }
        return new ScenarioRun(run.id(), run.modelId(), run.modelName(), run.ownerId(), run.owner(), run.sharedWith(),
                run.samples(), run.seed(), run.status(), done, run.error(), run.elapsedMillis(), run.results(),
                run.createdAt(), run.finishedAt());
    }

    /** The caller's own runs and those shared with their organisations, newest first. */
    public List<ScenarioRun> runs(Caller caller, int limit) {
        User user = requireSignedIn(caller);
        return store.visibleRuns(user.id(), organisationsOf(user), Math.max(1, Math.min(limit, 500)));
    }

    /** Stops a queued or running run; its owner's to do. */
    public ScenarioRun cancel(Caller caller, String requestId, String id) {
        ScenarioRun run = ownRun(caller, requestId, id, "scenario.run-cancel");
        if (run.status().finished()) {
            throw ScenarioProblem.conflict("status", "the run has " + run.status().label() + " already");
        }
        cancelled.add(id);
        transactions.executeWithoutResult(status -> {
            store.finish(id, RunStatus.CANCELLED, Optional.empty(), Optional.empty(), List.of(), clock.instant());
            audit.append(AuditEntry.of(caller.actor(), "scenario.run-cancel", id, Outcome.SUCCESS, requestId, Map.of()));
        });
        return run(caller, id);
    }

    /**
     * Shares a run with one of its owner's organisations, or makes it private again (empty).
     * Only the owner may, and only with an organisation they belong to.
     */
    public ScenarioRun share(Caller caller, String requestId, String id, Optional<String> organisation) {
        ScenarioRun run = ownRun(caller, requestId, id, "scenario.run-share");
        User owner = caller.user().orElseThrow();
        if (organisation.isPresent() && !organisationsOf(owner).contains(organisation.get())) {
            throw ScenarioProblem.invalid("organisation", "you are not a member of organisation '"
                    + organisation.get() + "'; a run is shared only with its owner's organisations");
        }
        transactions.executeWithoutResult(status -> {
            store.share(run.id(), organisation);
            audit.append(AuditEntry.of(caller.actor(), "scenario.run-share", id, Outcome.SUCCESS, requestId,
                    Map.of("organisation", organisation.orElse("(private)"))));
        });
        return run(caller, id);
    }

    private ScenarioRun ownRun(Caller caller, String requestId, String id, String action) {
        ScenarioRun run = run(caller, id);
        if (!run.ownerId().equals(caller.user().orElseThrow().id())) {
            audit.append(AuditEntry.of(caller.actor(), action, id, Outcome.DENIED, requestId,
                    Map.of("reason", "not the run's owner")));
            throw IdentityProblem.forbidden("only the run's owner may do this");
        }
        return run;
    }

    private void evaluate(String id, ScenarioModelEntry model, int samples, long seed) {
        if (cancelled.remove(id) || !store.setStatus(id, RunStatus.RUNNING)) {
            return;
        }
        progress.put(id, 0);
        Instant started = clock.instant();
        try {
            TechnologyModel technology = technology(model);
            ScenarioSamples evaluated = engine.evaluate(technology, samples, ScenarioEngine.seeded(seed),
                    new EvaluationMonitor() {
                        @Override
                        public void progress(int completed, int total) {
                            // Evaluation is most of the time; the statistics take the last tenth.
                            progress.merge(id, 90 * completed / total, Math::max);
                        }

                        @Override
                        public boolean cancelled() {
                            return cancelled.contains(id);
                        }
                    });
            progress.put(id, 90);
            List<ResultRow> rows = summarise(technology, evaluated);
            long elapsed = Duration.between(started, clock.instant()).toMillis();
            store.finish(id, RunStatus.SUCCEEDED, Optional.empty(), Optional.of(elapsed), rows, clock.instant());
        } catch (EvaluationCancelledException e) {
            // The owner's cancel has already recorded the run as cancelled.
            log.debug("Scenario run {} stopped: {}", id, e.getMessage());
        } catch (RuntimeException e) {
            // The model's own errors (division by zero, invalid parameters) are the analyst's to
            // read; anything else is the node's, logged here with the run id.
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            log.warn("Scenario run {} of model '{}' failed: {}", id, model.name(), cause.getMessage());
            store.finish(id, RunStatus.FAILED, Optional.of(truncate(String.valueOf(cause.getMessage()))),
                    Optional.empty(), List.of(), clock.instant());
        } finally {
            progress.remove(id);
            cancelled.remove(id);
        }
    }

    /**
     * Statistics, box numbers and profile of every column, in the engine's row order, computed on
     * the engine's threads (sorting each column is most of the work).
     */
    private List<ResultRow> summarise(TechnologyModel technology, ScenarioSamples evaluated) {
        List<CompletableFuture<ResultRow>> rows = new ArrayList<>();
        for (ScenarioOutcome outcome : evaluated.outcomes()) {
            rows.add(row(technology, outcome, ResultVariable.COST, 0, "Cost"));
            List<String> outputs = technology.indices().names(IndexKind.OUTPUT);
            for (int offset = 0; offset < outputs.size(); offset++) {
                rows.add(row(technology, outcome, ResultVariable.OUTPUT, offset, outputs.get(offset)));
            }
            List<String> metrics = technology.indices().names(IndexKind.METRIC);
            for (int offset = 0; offset < metrics.size(); offset++) {
                rows.add(row(technology, outcome, ResultVariable.METRIC, offset, metrics.get(offset)));
            }
        }
        return rows.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<ResultRow> row(TechnologyModel technology, ScenarioOutcome outcome,
            ResultVariable variable, int offset, String index) {
        return CompletableFuture.supplyAsync(() -> resultRow(technology, outcome, variable, offset, index),
                engineThreads);
    }

    private static ResultRow resultRow(TechnologyModel technology, ScenarioOutcome outcome, ResultVariable variable,
            int offset, String index) {
        Statistics statistics = outcome.statistics(variable, offset);
        List<Double> profile = ResultRow.profileOf(outcome.values(variable, offset));
        return new ResultRow(technology.technology(), outcome.scenario(), variable.label(), index, statistics.mean(),
                statistics.standardDeviation(), statistics.p10(), statistics.p50(), statistics.p90(),
                ResultRow.boxOf(profile, statistics.mean()), profile);
    }

    private static boolean visibleTo(ScenarioRun run, User user) {
        return run.ownerId().equals(user.id())
                || run.sharedWith().map(organisationsOf(user)::contains).orElse(false);
    }

    private static Set<String> organisationsOf(User user) {
        return user.memberships().stream().map(Membership::organisationId).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Scenario data is read, and runs started, through a browser session or a token with the read
     * scope: a token made only to publish records or to administer reaches no scenario data.
     */
    private static User requireSignedIn(Caller caller) {
        User user = caller.user().orElseThrow(() -> IdentityProblem.unauthenticated("sign in to use scenarios"));
        if (!caller.scopeAllows(TokenScope.READ)) {
            throw IdentityProblem.forbidden("scenarios need a token with the read scope");
        }
        return user;
    }

    private static void requireModelEditor(Caller caller) {
        requireSignedIn(caller);
        if (!caller.hasNodeRole(NodeRole.NODE_ADMIN) && caller.publishingOrganisations().isEmpty()) {
            throw IdentityProblem.forbidden("adding or replacing models needs the publisher role or node-admin");
        }
    }

    private static String truncate(String message) {
        return message.length() <= 2000 ? message : message.substring(0, 1997) + "...";
    }

    @Override
    public void close() {
        worker.shutdownNow();
        engineThreads.shutdownNow();
    }
}
