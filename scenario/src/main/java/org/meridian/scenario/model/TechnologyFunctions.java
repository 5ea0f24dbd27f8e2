package org.meridian.scenario.model;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.meridian.scenario.expression.Expression;

/**
 * The parsed functions of a technology.
 *
 * @param definitions named intermediate quantities, in the order they were written; each may use
 *     those before it
 * @param functions per kind, one expression per element of the kind's index set, in offset order
 */
public record TechnologyFunctions(List<Definition> definitions, Map<FunctionKind, List<Expression>> functions) {
    public TechnologyFunctions {
        definitions = List.copyOf(requireNonNull(definitions, "definitions is null"));
        Set<String> names = new HashSet<>();
        for (Definition definition : definitions) {
            if (!names.add(definition.name())) {
                throw new IllegalArgumentException("definition '" + definition.name() + "' appears twice");
            }
        }
        requireNonNull(functions, "functions is null");
        EnumMap<FunctionKind, List<Expression>> copy = new EnumMap<>(FunctionKind.class);
        for (FunctionKind kind : FunctionKind.values()) {
            copy.put(kind, List.copyOf(functions.getOrDefault(kind, List.of())));
        }
        functions = Map.copyOf(copy);
    }

    public List<Expression> of(FunctionKind kind) {
        return functions.get(kind);
    }
}
