package org.meridian.scenario.model;

import static java.util.Objects.requireNonNull;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.meridian.scenario.distribution.Distribution;
import org.meridian.scenario.distribution.DistributionParser;
import org.meridian.scenario.distribution.InvalidDistributionException;
import org.meridian.scenario.expression.Expression;
import org.meridian.scenario.expression.ExpressionException;
import org.meridian.scenario.expression.ExpressionParser;
import org.meridian.scenario.expression.ExpressionSource;
import org.meridian.scenario.expression.SourcePosition;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a technology model file (YAML, {@code format: 1}; the shipped examples under
 * {@code examples/scenarios/} show every part). Reading collects every problem it can find —
 * unknown keys, missing cells, distribution and expression syntax — each with its line and column,
 * and fails with one {@link ModelException} listing them. Names inside expressions are checked
 * when the model is compiled ({@code ModelValidator} does both).
 */
public final class TechnologyModelReader {
    private static final int FORMAT = 1;
    private static final Set<String> TOP_LEVEL_KEYS = Set.of(
            "format", "technology", "description", "indices", "definitions", "functions", "scenarios", "tranches", "investments");

    private final String source;
    private final ScalarPositions positions;
    private final List<ModelProblem> problems = new ArrayList<>();

    private TechnologyModelReader(String source, String text) {
        this.source = source;
        this.positions = new ScalarPositions(text);
    }

    /**
     * @param source names the file in messages
     * @throws ModelException with every problem found
     */
    public static TechnologyModel read(String source, String text) {
        requireNonNull(source, "source is null");
        requireNonNull(text, "text is null");
        TechnologyModelReader reader = new TechnologyModelReader(source, text);
        Optional<TechnologyModel> model = reader.model(text);
        if (!reader.problems.isEmpty() || model.isEmpty()) {
            throw new ModelException(source, reader.problems.isEmpty()
                    ? List.of(new ModelProblem(source, Optional.empty(), "the model could not be read"))
                    : reader.problems);
        }
        return model.get();
    }

    private Optional<TechnologyModel> model(String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException error) {
            problems.add(new ModelProblem(source, Optional.of(new SourcePosition(error.getProblemMark().getLine() + 1,
                    error.getProblemMark().getColumn() + 1)), "not valid YAML: " + error.getProblem()));
            return Optional.empty();
        } catch (YAMLException error) {
            // SnakeYAML's unmarked errors (limits, encoding) still deserve a problem, not a crash.
            problems.add(new ModelProblem(source, Optional.empty(), "not valid YAML: " + error.getMessage()));
            return Optional.empty();
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(new ModelProblem(source, Optional.empty(), "a model file is a mapping with keys "
                    + "format, technology, indices, functions, scenarios, …"));
            return Optional.empty();
        }
        Map<String, Node> top = entries(mapping, "model", TOP_LEVEL_KEYS);
        formatVersion(top.get("format"));
        String technology = requiredText(top.get("technology"), "technology", mapping);
        String description = top.containsKey("description") ? text(top.get("description"), "description") : "";
        Indices indices = indices(top.get("indices"), mapping);
        if (indices == null) {
            return Optional.empty();
        }
        List<Definition> definitions = definitions(top.get("definitions"));
        Map<FunctionKind, List<Expression>> functions = functions(top.get("functions"), indices, mapping);
        List<Scenario> scenarios = scenarios(top.get("scenarios"), indices, mapping);
        List<Tranche> tranches = tranches(top.get("tranches"));
        List<Investment> investments = investments(top.get("investments"));
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TechnologyModel(technology, description, indices,
                    new TechnologyFunctions(definitions, functions), scenarios, tranches, investments));
        } catch (IllegalArgumentException inconsistent) {
            // The parts were each valid but do not fit together (e.g. a tranche's unknown scenario).
            problems.add(new ModelProblem(source, Optional.empty(), inconsistent.getMessage()));
            return Optional.empty();
        }
    }

    private void formatVersion(Node node) {
        if (node == null) {
            problems.add(new ModelProblem("format", Optional.empty(), "missing 'format: " + FORMAT + "'"));
        } else if (!(node instanceof ScalarNode scalar) || !scalar.getValue().equals(String.valueOf(FORMAT))) {
            problems.add(problem("format", node, "this reader understands format " + FORMAT));
        }
    }

    // ---- indices

    private Indices indices(Node node, MappingNode parent) {
        if (node == null) {
            problems.add(problem("indices", parent, "missing 'indices'"));
            return null;
        }
        Set<String> kinds = Set.of("capital", "fixed", "input", "output", "metric", "parameter");
        Map<String, Node> byKind = entries(node, "indices", kinds);
        Map<IndexKind, List<Index>> sets = new EnumMap<>(IndexKind.class);
        for (IndexKind kind : IndexKind.values()) {
            List<Index> entries = new ArrayList<>();
            Node list = byKind.get(kind.key());
            if (list != null) {
                for (Node item : items(list, "indices." + kind.key())) {
                    index(item, "indices." + kind.key()).ifPresent(entries::add);
                }
            }
            sets.put(kind, entries);
        }
        try {
            return new Indices(sets);
        } catch (IllegalArgumentException invalid) {
            problems.add(problem("indices", node, invalid.getMessage()));
            return null;
        }
    }

    private Optional<Index> index(Node item, String place) {
        String name;
        String description = "";
        String unit = "";
        if (item instanceof ScalarNode scalar) {
            name = scalar.getValue();
        } else {
            Map<String, Node> fields = entries(item, place, Set.of("name", "description", "unit"));
            name = requiredText(fields.get("name"), place + ".name", item);
            description = fields.containsKey("description") ? text(fields.get("description"), place + ".description") : "";
            unit = fields.containsKey("unit") ? text(fields.get("unit"), place + ".unit") : "";
        }
        if (name == null) {
            return Optional.empty();
        }
        if (!Index.isValidName(name)) {
            problems.add(problem(place, item, "index name '" + name + "' must consist of letters, digits and "
                    + "underscores and not start with a digit (write a label in 'description')"));
            return Optional.empty();
        }
        return Optional.of(new Index(name, description, unit));
    }

    // ---- definitions and functions

    private List<Definition> definitions(Node node) {
        List<Definition> definitions = new ArrayList<>();
        if (node == null) {
            return definitions;
        }
        for (Map.Entry<ScalarNode, Node> entry : orderedEntries(node, "definitions").entrySet()) {
            String name = entry.getKey().getValue();
            if (!Index.isValidName(name)) {
                problems.add(problem("definitions", entry.getKey(), "definition name '" + name + "' must consist of "
                        + "letters, digits and underscores and not start with a digit"));
                continue;
            }
            expression(entry.getValue(), "definition " + name).ifPresent(expression -> definitions.add(new Definition(name, expression)));
        }
        return definitions;
    }

    private Map<FunctionKind, List<Expression>> functions(Node node, Indices indices, MappingNode parent) {
        Map<FunctionKind, List<Expression>> functions = new EnumMap<>(FunctionKind.class);
        if (node == null) {
            problems.add(problem("functions", parent, "missing 'functions'"));
            return functions;
        }
        Map<String, Node> byKind = entries(node, "functions", Set.of("capital", "fixed", "production", "metric"));
        for (FunctionKind kind : FunctionKind.values()) {
            List<String> names = indices.names(kind.indexKind());
            Node given = byKind.get(kind.key());
            Map<String, Node> byIndex = given == null ? Map.of() : entries(given, "functions." + kind.key(), Set.copyOf(names));
            List<Expression> expressions = new ArrayList<>();
            for (String name : names) {
                Node expressionNode = byIndex.get(name);
                if (expressionNode == null) {
                    problems.add(problem("functions." + kind.key(), given == null ? node : given,
                            "no " + kind.key() + " function for " + kind.indexKind().key() + " '" + name + "'"));
                    continue;
                }
                expression(expressionNode, kind.key() + " " + name).ifPresent(expressions::add);
            }
            functions.put(kind, expressions);
        }
        return functions;
    }

    private Optional<Expression> expression(Node node, String place) {
        if (!(node instanceof ScalarNode scalar)) {
            problems.add(problem(place, node, "expected an expression (text)"));
            return Optional.empty();
        }
        try {
            return Optional.of(ExpressionParser.parse(new ExpressionSource(place, scalar.getValue(), positions.of(scalar))));
        } catch (ExpressionException error) {
            problems.add(new ModelProblem(error.place(), Optional.of(error.position()), error.problem()));
            return Optional.empty();
        }
    }

    // ---- scenarios

    private List<Scenario> scenarios(Node node, Indices indices, MappingNode parent) {
        List<Scenario> scenarios = new ArrayList<>();
        if (node == null) {
            problems.add(problem("scenarios", parent, "missing 'scenarios'"));
            return scenarios;
        }
        Map<String, Map<ScenarioVariable, List<Distribution>>> read = new HashMap<>();
        Set<String> keys = new HashSet<>(Set.of("name", "basedOn"));
        for (ScenarioVariable variable : ScenarioVariable.values()) {
            keys.add(variable.key());
        }
        for (Node item : items(node, "scenarios")) {
            Map<String, Node> fields = entries(item, "scenarios", keys);
            String name = requiredText(fields.get("name"), "scenarios.name", item);
            if (name == null) {
                continue;
            }
            String place = "scenarios[" + name + "]";
            Map<ScenarioVariable, List<Distribution>> values = new EnumMap<>(ScenarioVariable.class);
            if (fields.containsKey("basedOn")) {
                String base = text(fields.get("basedOn"), place + ".basedOn");
                Map<ScenarioVariable, List<Distribution>> inherited = read.get(base);
                if (inherited == null) {
                    problems.add(problem(place + ".basedOn", fields.get("basedOn"), "'" + base
                            + "' is not a scenario defined above this one"));
                    continue;
                }
                inherited.forEach((variable, cells) -> values.put(variable, new ArrayList<>(cells)));
            }
            boolean complete = cells(fields, place, indices, values, item);
            if (read.containsKey(name)) {
                problems.add(problem(place, item, "scenario '" + name + "' is defined twice"));
            }
            read.put(name, values);
            if (complete) {
                scenarios.add(new Scenario(name, values));
            }
        }
        return scenarios;
    }

    /** Reads the variables of one scenario over the inherited values; false if a cell is missing. */
    private boolean cells(Map<String, Node> fields, String place, Indices indices,
            Map<ScenarioVariable, List<Distribution>> values, Node scenarioNode) {
        boolean complete = true;
        for (ScenarioVariable variable : ScenarioVariable.values()) {
            String variablePlace = place + "." + variable.key();
            Node given = fields.get(variable.key());
            List<Distribution> cells = values.computeIfAbsent(variable, key -> new ArrayList<>());
            if (variable.indexKind().isEmpty()) {
                if (given != null) {
                    Optional<Distribution> value = distribution(given, variablePlace);
                    if (value.isEmpty()) {
                        complete = false;
                        continue;
                    }
                    cells.clear();
                    cells.add(value.get());
                }
                if (cells.isEmpty()) {
                    problems.add(problem(variablePlace, scenarioNode, "missing " + variable.key()));
                    complete = false;
                }
                continue;
            }
            List<String> names = indices.names(variable.indexKind().orElseThrow());
            Map<String, Node> byIndex = given == null ? Map.of() : entries(given, variablePlace, Set.copyOf(names));
            boolean inherited = cells.size() == names.size();
            List<Distribution> updated = new ArrayList<>();
            for (int offset = 0; offset < names.size(); offset++) {
                Node cell = byIndex.get(names.get(offset));
                if (cell != null) {
                    Optional<Distribution> value = distribution(cell, variablePlace + "." + names.get(offset));
                    if (value.isEmpty()) {
                        complete = false;
                        continue;
                    }
                    updated.add(value.get());
                } else if (inherited) {
                    updated.add(cells.get(offset));
                } else {
                    problems.add(problem(variablePlace, given == null ? scenarioNode : given,
                            "missing " + variable.key() + " for '" + names.get(offset) + "'"));
                    complete = false;
                }
            }
            if (updated.size() == names.size()) {
                cells.clear();
                cells.addAll(updated);
            }
        }
        return complete;
    }

    private Optional<Distribution> distribution(Node node, String place) {
        if (!(node instanceof ScalarNode scalar)) {
            problems.add(problem(place, node, "expected a number or a distribution such as st.triang(0.5, loc=1, scale=2)"));
            return Optional.empty();
        }
        try {
            return Optional.of(DistributionParser.parse(new ExpressionSource(place, scalar.getValue(), positions.of(scalar))));
        } catch (ExpressionException error) {
            problems.add(new ModelProblem(error.place(), Optional.of(error.position()), error.problem()));
        } catch (InvalidDistributionException invalid) {
            problems.add(new ModelProblem(place, invalid.position().or(() -> Optional.of(positions.start(scalar))), invalid.problem()));
        }
        return Optional.empty();
    }

    // ---- tranches and investments

    private List<Tranche> tranches(Node node) {
        List<Tranche> tranches = new ArrayList<>();
        if (node == null) {
            return tranches;
        }
        for (Map.Entry<ScalarNode, Node> category : orderedEntries(node, "tranches").entrySet()) {
            String categoryName = category.getKey().getValue();
            for (Node item : items(category.getValue(), "tranches." + categoryName)) {
                String place = "tranches[" + categoryName + "]";
                Map<String, Node> fields = entries(item, place, Set.of("name", "scenario", "amount"));
                String name = requiredText(fields.get("name"), place + ".name", item);
                String scenario = requiredText(fields.get("scenario"), place + ".scenario", item);
                Node amountNode = fields.get("amount");
                if (amountNode == null) {
                    problems.add(problem(place, item, "missing 'amount'"));
                    continue;
                }
                Optional<Distribution> amount = distribution(amountNode, place + "[" + name + "].amount");
                if (name != null && scenario != null && amount.isPresent()) {
                    tranches.add(new Tranche(categoryName, name, scenario, amount.get()));
                }
            }
        }
        return tranches;
    }

    private List<Investment> investments(Node node) {
        List<Investment> investments = new ArrayList<>();
        if (node == null) {
            return investments;
        }
        for (Map.Entry<ScalarNode, Node> investment : orderedEntries(node, "investments").entrySet()) {
            String name = investment.getKey().getValue();
            Map<String, String> chosen = new LinkedHashMap<>();
            orderedEntries(investment.getValue(), "investments[" + name + "]").forEach((category, tranche) ->
                    chosen.put(category.getValue(), text(tranche, "investments[" + name + "]." + category.getValue())));
            if (chosen.isEmpty()) {
                problems.add(problem("investments[" + name + "]", investment.getValue(), "chooses no tranche"));
            } else {
                investments.add(new Investment(name, chosen));
            }
        }
        return investments;
    }

    // ---- YAML helpers

    /** The entries of a mapping by key, reporting keys outside {@code allowed}. */
    private Map<String, Node> entries(Node node, String place, Set<String> allowed) {
        Map<String, Node> entries = new LinkedHashMap<>();
        orderedEntries(node, place).forEach((key, value) -> {
            if (!allowed.contains(key.getValue())) {
                problems.add(problem(place, key, "unknown key '" + key.getValue() + "'; allowed here: "
                        + String.join(", ", new TreeSet<>(allowed))));
            } else {
                entries.put(key.getValue(), value);
            }
        });
        return entries;
    }

    private Map<ScalarNode, Node> orderedEntries(Node node, String place) {
        Map<ScalarNode, Node> entries = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            problems.add(problem(place, node, "expected a mapping (key: value lines)"));
            return entries;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                entries.put(key, tuple.getValueNode());
            } else {
                problems.add(problem(place, tuple.getKeyNode(), "keys must be plain text"));
            }
        }
        return entries;
    }

    private List<Node> items(Node node, String place) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        problems.add(problem(place, node, "expected a list (lines starting with '- ')"));
        return List.of();
    }

    private String requiredText(Node node, String place, Node parent) {
        if (node == null) {
            problems.add(problem(place, parent, "missing '" + place.substring(place.lastIndexOf('.') + 1) + "'"));
            return null;
        }
        return text(node, place);
    }

    private String text(Node node, String place) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problems.add(problem(place, node, "expected text"));
        return "";
    }

    private static ModelProblem problem(String place, Node node, String message) {
        return new ModelProblem(place, Optional.of(new SourcePosition(node.getStartMark().getLine() + 1,
                node.getStartMark().getColumn() + 1)), message);
    }
}
