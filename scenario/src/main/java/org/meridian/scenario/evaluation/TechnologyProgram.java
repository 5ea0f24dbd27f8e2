package org.meridian.scenario.evaluation;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.meridian.scenario.expression.Expression;
import org.meridian.scenario.expression.ExpressionCompiler;
import org.meridian.scenario.expression.ExpressionException;
import org.meridian.scenario.expression.ExpressionParser;
import org.meridian.scenario.expression.ExpressionSource;
import org.meridian.scenario.expression.Frame;
import org.meridian.scenario.expression.Node;
import org.meridian.scenario.expression.Scope;
import org.meridian.scenario.distribution.Constant;
import org.meridian.scenario.model.Definition;
import org.meridian.scenario.model.FunctionKind;
import org.meridian.scenario.model.IndexKind;
import org.meridian.scenario.model.Indices;
import org.meridian.scenario.model.ModelException;
import org.meridian.scenario.model.ModelProblem;
import org.meridian.scenario.model.Scenario;
import org.meridian.scenario.model.ScenarioVariable;
import org.meridian.scenario.model.TechnologyModel;

/**
 * A technology's functions compiled for evaluation: where every quantity lives in a {@link Frame},
 * and the steps that compute one chunk of samples in the order of the specification —
 * {@code I = η ⊙ I_raw}; capital and fixed costs; production and {@code O = η' ⊙ O_raw}; the unit
 * cost {@code K}; the metrics — with each definition computed as soon as what it uses is known.
 */
public final class TechnologyProgram {
    /** Tyche's unit cost, written in the model language so that it is checked like any function. */
    private static final String UNIT_COST = "sum(c in capital, capital[c] / lifetime[c]) / scale"
            + " + sum(f in fixed, fixed[f]) / scale"
            + " + sum(i in input, inputPrice[i] * input[i])"
            + " - sum(o in output, outputPrice[o] * output[o])";

    /** One computed column: {@code slot = node} for the current chunk; {@code place} names it in errors. */
    record Step(String place, Node node, int slot) {
    }

    /** The names functions see, each with the stage from which it is known (0 = sampled). */
    private enum Quantity {
        SCALE("scale", 0), LIFETIME("lifetime", 0), RAW_INPUT("rawInput", 0), INPUT_EFFICIENCY("inputEfficiency", 0),
        INPUT_PRICE("inputPrice", 0), OUTPUT_EFFICIENCY("outputEfficiency", 0), OUTPUT_PRICE("outputPrice", 0),
        PARAMETER("parameter", 0), INPUT("input", 0), CAPITAL("capital", 1), FIXED("fixed", 1),
        RAW_OUTPUT("rawOutput", 2), OUTPUT("output", 2), COST("cost", 3);

        private final String key;
        private final int stage;

        Quantity(String key, int stage) {
            this.key = key;
            this.stage = stage;
        }
    }

    private static final Map<FunctionKind, Set<Quantity>> VISIBLE = Map.of(
            FunctionKind.CAPITAL, Set.of(Quantity.SCALE, Quantity.PARAMETER),
            FunctionKind.FIXED, Set.of(Quantity.SCALE, Quantity.PARAMETER),
            FunctionKind.PRODUCTION, Set.of(Quantity.SCALE, Quantity.CAPITAL, Quantity.LIFETIME, Quantity.FIXED,
                    Quantity.INPUT, Quantity.PARAMETER),
            FunctionKind.METRIC, Set.of(Quantity.values()));

    private final int slotCount;
    private final Map<ScenarioVariable, int[]> cellSlots;
    private final int cellCount;
    private final int costSlot;
    private final int[] outputSlots;
    private final int[] metricSlots;
    private final List<Step> steps;
    private final Set<Integer> constantSlots;

    private TechnologyProgram(Builder builder) {
        this.slotCount = builder.nextSlot;
        this.cellSlots = builder.cellSlots;
        this.cellCount = builder.cellCount;
        this.costSlot = builder.vectorSlots(Quantity.COST)[0];
        this.outputSlots = builder.vectorSlots(Quantity.OUTPUT);
        this.metricSlots = builder.metricSlots;
        this.steps = List.copyOf(builder.steps);
        this.constantSlots = Set.copyOf(builder.constants.keySet());
    }

    /**
     * Compiles every definition and function of {@code model}.
     *
     * @throws ModelException listing every name or type error, each with its line and column
     */
    public static TechnologyProgram compile(TechnologyModel model) {
        Builder builder = new Builder(requireNonNull(model, "model is null"), Optional.empty());
        builder.compile();
        if (!builder.problems.isEmpty()) {
            throw new ModelException("technology '" + model.technology() + "'", builder.problems);
        }
        return new TechnologyProgram(builder);
    }

    /**
     * Compiles {@code model} for one of its scenarios: cells the scenario gives as constants, and
     * everything computed only from them, are folded into numbers, so per-sample work remains only
     * where something is uncertain. The layout of slots is the same as {@link #compile}'s.
     *
     * @throws EvaluationException if a folded operation fails (e.g. a constant division by zero)
     */
    static TechnologyProgram compile(TechnologyModel model, Scenario scenario) {
        Builder builder = new Builder(requireNonNull(model, "model is null"), Optional.of(scenario));
        builder.compile();
        if (!builder.problems.isEmpty()) {
            throw new ModelException("technology '" + model.technology() + "'", builder.problems);
        }
        return new TechnologyProgram(builder);
    }

    /** Whether a slot holds the same value in every sample (its steps fill it; cells need no sampling). */
    boolean isConstant(int slot) {
        return constantSlots.contains(slot);
    }

    Frame newFrame(int capacity) {
        return new Frame(slotCount, capacity);
    }

    /** The slot of a sampled cell. */
    int cellSlot(ScenarioVariable variable, int offset) {
        return cellSlots.get(variable)[offset];
    }

    /** How many sampled cells a scenario has (scale, lifetimes, inputs, …, parameters). */
    int cellCount() {
        return cellCount;
    }

    int costSlot() {
        return costSlot;
    }

    int outputSlot(int offset) {
        return outputSlots[offset];
    }

    int metricSlot(int offset) {
        return metricSlots[offset];
    }

    List<Step> steps() {
        return steps;
    }

    private static final class Builder {
        private final TechnologyModel model;
        private final Indices indices;
        private final List<ModelProblem> problems = new ArrayList<>();
        private final List<Step> steps = new ArrayList<>();
        private final Map<ScenarioVariable, int[]> cellSlots = new EnumMap<>(ScenarioVariable.class);
        private final Map<Quantity, int[]> quantitySlots = new EnumMap<>(Quantity.class);
        private final Map<String, Integer> definitionSlots = new LinkedHashMap<>();
        private final Map<String, Set<Quantity>> definitionUses = new HashMap<>();
        private final Map<String, Expression> definitionExpressions = new HashMap<>();
        private final Map<Integer, Double> constants = new HashMap<>();
        private final Optional<Scenario> scenario;
        private int[] metricSlots;
        private int cellCount;
        private int nextSlot;

        Builder(TechnologyModel model, Optional<Scenario> scenario) {
            this.model = model;
            this.indices = model.indices();
            this.scenario = scenario;
        }

        /** Adds a step; a step that folded to a number makes its slot a constant for later steps. */
        private void add(String place, Node node, int slot) {
            steps.add(new Step(place, node, slot));
            if (node instanceof Node.Literal literal) {
                constants.put(slot, literal.value());
            }
        }

        /** Compiles for the current stage; in a scenario, a failing folded operation is that scenario's error. */
        private Optional<Node> compile(Expression expression, Scope scope, String place) {
            try {
                return Optional.of(ExpressionCompiler.compile(expression, scope, place));
            } catch (ExpressionException error) {
                if (scenario.isPresent()) {
                    throw new EvaluationException(place, error.position(), error.problem(), scenario.get().name(), 0);
                }
                problems.add(problem(error));
                return Optional.empty();
            }
        }

        int[] vectorSlots(Quantity quantity) {
            return quantitySlots.get(quantity);
        }

        private int[] allocate(int count) {
            int[] slots = new int[count];
            for (int index = 0; index < count; index++) {
                slots[index] = nextSlot++;
            }
            return slots;
        }

        void compile() {
            for (ScenarioVariable variable : ScenarioVariable.values()) {
                int[] slots = allocate(variable.size(indices));
                cellSlots.put(variable, slots);
                cellCount += slots.length;
                for (int offset = 0; offset < slots.length && scenario.isPresent(); offset++) {
                    if (scenario.get().value(variable, offset) instanceof Constant constant) {
                        constants.put(slots[offset], constant.value());
                    }
                }
            }
            quantitySlots.put(Quantity.SCALE, cellSlots.get(ScenarioVariable.SCALE));
            quantitySlots.put(Quantity.LIFETIME, cellSlots.get(ScenarioVariable.LIFETIME));
            quantitySlots.put(Quantity.RAW_INPUT, cellSlots.get(ScenarioVariable.RAW_INPUT));
            quantitySlots.put(Quantity.INPUT_EFFICIENCY, cellSlots.get(ScenarioVariable.INPUT_EFFICIENCY));
            quantitySlots.put(Quantity.INPUT_PRICE, cellSlots.get(ScenarioVariable.INPUT_PRICE));
            quantitySlots.put(Quantity.OUTPUT_EFFICIENCY, cellSlots.get(ScenarioVariable.OUTPUT_EFFICIENCY));
            quantitySlots.put(Quantity.OUTPUT_PRICE, cellSlots.get(ScenarioVariable.OUTPUT_PRICE));
            quantitySlots.put(Quantity.PARAMETER, cellSlots.get(ScenarioVariable.PARAMETER));
            quantitySlots.put(Quantity.INPUT, allocate(indices.size(IndexKind.INPUT)));
            quantitySlots.put(Quantity.CAPITAL, allocate(indices.size(IndexKind.CAPITAL)));
            quantitySlots.put(Quantity.FIXED, allocate(indices.size(IndexKind.FIXED)));
            quantitySlots.put(Quantity.RAW_OUTPUT, allocate(indices.size(IndexKind.OUTPUT)));
            quantitySlots.put(Quantity.OUTPUT, allocate(indices.size(IndexKind.OUTPUT)));
            quantitySlots.put(Quantity.COST, allocate(1));
            metricSlots = allocate(indices.size(IndexKind.METRIC));

            compileDefinitions();
            products("input", Quantity.INPUT, Quantity.INPUT_EFFICIENCY, Quantity.RAW_INPUT, IndexKind.INPUT);
            definitionsOfStage(0);
            functions(FunctionKind.CAPITAL, quantitySlots.get(Quantity.CAPITAL));
            functions(FunctionKind.FIXED, quantitySlots.get(Quantity.FIXED));
            definitionsOfStage(1);
            functions(FunctionKind.PRODUCTION, quantitySlots.get(Quantity.RAW_OUTPUT));
            products("output", Quantity.OUTPUT, Quantity.OUTPUT_EFFICIENCY, Quantity.RAW_OUTPUT, IndexKind.OUTPUT);
            definitionsOfStage(2);
            unitCost();
            definitionsOfStage(3);
            functions(FunctionKind.METRIC, metricSlots);
        }

        /** {@code target[k] = efficiency[k] * raw[k]}. */
        private void products(String name, Quantity target, Quantity efficiency, Quantity raw, IndexKind kind) {
            List<String> names = indices.names(kind);
            for (int offset = 0; offset < names.size(); offset++) {
                String place = name + " " + names.get(offset);
                int slot = quantitySlots.get(target)[offset];
                String text = efficiency.key + "." + names.get(offset) + " * " + raw.key + "." + names.get(offset);
                Expression product = ExpressionParser.parse(ExpressionSource.of(place, text));
                compile(product, scope(Set.of(Quantity.values()), Map.of(), place), place)
                        .ifPresent(node -> add(place, node, slot));
            }
        }

        private void unitCost() {
            String place = "unit cost";
            ExpressionSource source = ExpressionSource.of(place, UNIT_COST);
            compile(ExpressionParser.parse(source), scope(Set.of(Quantity.values()), Map.of(), place), place)
                    .ifPresent(node -> add(place, node, quantitySlots.get(Quantity.COST)[0]));
        }

        private void compileDefinitions() {
            for (Definition definition : model.functions().definitions()) {
                String place = "definition " + definition.name();
                if (quantityNamed(definition.name()).isPresent()) {
                    problems.add(new ModelProblem(place, Optional.of(definition.expression().position()),
                            "'" + definition.name() + "' is already the name of a model quantity; pick another"));
                    continue;
                }
                Map<String, Symbolic> earlier = new HashMap<>();
                definitionSlots.forEach((name, slot) -> earlier.put(name, new Symbolic(slot, null)));
                try {
                    // Checks names against every quantity; the node is built at its stage, with
                    // whatever is constant by then.
                    ExpressionCompiler.compile(definition.expression(), scope(Set.of(Quantity.values()), earlier, ""), place);
                    Set<Quantity> uses = new HashSet<>();
                    for (String name : referencedNames(definition.expression())) {
                        quantityNamed(name).ifPresent(uses::add);
                        if (definitionUses.containsKey(name)) {
                            uses.addAll(definitionUses.get(name));
                        }
                    }
                    int slot = nextSlot++;
                    definitionSlots.put(definition.name(), slot);
                    definitionUses.put(definition.name(), uses);
                    definitionExpressions.put(definition.name(), definition.expression());
                } catch (ExpressionException error) {
                    if (scenario.isPresent()) {
                        throw new EvaluationException(place, error.position(), error.problem(), scenario.get().name(), 0);
                    }
                    problems.add(problem(error));
                }
            }
        }

        private void definitionsOfStage(int stage) {
            Map<String, Symbolic> earlier = new HashMap<>();
            definitionSlots.forEach((name, slot) -> {
                int needed = definitionUses.get(name).stream().mapToInt(quantity -> quantity.stage).max().orElse(0);
                if (needed == stage) {
                    String place = "definition " + name;
                    compile(definitionExpressions.get(name), scope(Set.of(Quantity.values()), earlier, ""), place)
                            .ifPresent(node -> add(place, node, slot));
                }
                earlier.put(name, new Symbolic(slot, null));
            });
        }

        private void functions(FunctionKind kind, int[] slots) {
            List<Expression> expressions = model.functions().of(kind);
            List<String> names = indices.names(kind.indexKind());
            Set<Quantity> visible = VISIBLE.get(kind);
            Map<String, Symbolic> definitions = new HashMap<>();
            definitionSlots.forEach((name, slot) -> {
                Set<Quantity> hidden = new HashSet<>(definitionUses.get(name));
                hidden.removeAll(visible);
                definitions.put(name, new Symbolic(slot, hidden.isEmpty() ? null
                        : "definition '" + name + "' uses " + hidden.stream().map(quantity -> quantity.key).sorted().toList()
                                + ", which " + kind.key() + " functions cannot see"));
            });
            Scope scope = scope(visible, definitions, kind.key() + " functions");
            for (int offset = 0; offset < expressions.size(); offset++) {
                String place = kind.key() + " " + names.get(offset);
                int slot = slots[offset];
                compile(expressions.get(offset), scope, place).ifPresent(node -> add(place, node, slot));
            }
        }

        /** A definition as a scope sees it: its slot, or why it may not be used there. */
        private record Symbolic(int slot, String unavailableReason) {
        }

        private Scope scope(Set<Quantity> visible, Map<String, Symbolic> definitions, String audience) {
            Map<String, Scope.Symbol> symbols = new HashMap<>();
            for (Quantity quantity : Quantity.values()) {
                Scope.Symbol symbol;
                if (!visible.contains(quantity)) {
                    symbol = new Scope.Symbol.Unavailable("'" + quantity.key + "' is not available in " + audience
                            + "; they see " + visible.stream().sorted().map(seen -> seen.key).toList());
                } else if (quantity == Quantity.SCALE || quantity == Quantity.COST) {
                    symbol = new Scope.Symbol.Scalar(quantitySlots.get(quantity)[0]);
                } else {
                    IndexKind kind = indexKindOf(quantity);
                    symbol = new Scope.Symbol.Vector(kind.key(), indices.names(kind),
                            Arrays.stream(quantitySlots.get(quantity)).boxed().toList());
                }
                symbols.put(quantity.key, symbol);
            }
            definitions.forEach((name, definition) -> symbols.put(name, definition.unavailableReason() == null
                    ? new Scope.Symbol.Scalar(definition.slot())
                    : new Scope.Symbol.Unavailable(definition.unavailableReason())));
            Map<String, List<String>> sets = new HashMap<>();
            for (IndexKind kind : IndexKind.values()) {
                sets.put(kind.key(), indices.names(kind));
            }
            return new Scope(symbols, sets, constants);
        }

        private static IndexKind indexKindOf(Quantity quantity) {
            return switch (quantity) {
                case LIFETIME, CAPITAL -> IndexKind.CAPITAL;
                case RAW_INPUT, INPUT_EFFICIENCY, INPUT_PRICE, INPUT -> IndexKind.INPUT;
                case OUTPUT_EFFICIENCY, OUTPUT_PRICE, RAW_OUTPUT, OUTPUT -> IndexKind.OUTPUT;
                case FIXED -> IndexKind.FIXED;
                case PARAMETER -> IndexKind.PARAMETER;
                case SCALE, COST -> throw new IllegalArgumentException(quantity.key + " is a scalar");
            };
        }

        private static Optional<Quantity> quantityNamed(String name) {
            for (Quantity quantity : Quantity.values()) {
                if (quantity.key.equals(name)) {
                    return Optional.of(quantity);
                }
            }
            return Optional.empty();
        }

        private static Set<String> referencedNames(Expression expression) {
            Set<String> names = new HashSet<>();
            collect(expression, names);
            return names;
        }

        private static void collect(Expression expression, Set<String> names) {
            switch (expression) {
                case Expression.Number number -> { }
                case Expression.Name name -> names.add(name.name());
                case Expression.Member member -> names.add(member.vector());
                case Expression.Element element -> names.add(element.vector());
                case Expression.Negation negation -> collect(negation.operand(), names);
                case Expression.Binary binary -> {
                    collect(binary.left(), names);
                    collect(binary.right(), names);
                }
                case Expression.Call call -> call.arguments().forEach(argument -> collect(argument, names));
                case Expression.Sum sum -> collect(sum.body(), names);
                case Expression.VectorSum vectorSum -> names.add(vectorSum.vector());
            }
        }

        private static ModelProblem problem(ExpressionException error) {
            return new ModelProblem(error.place(), Optional.of(error.position()), error.problem());
        }
    }
}
