package org.meridian.scenario.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A technology with everything needed to evaluate it: index sets, functions, scenarios, and the
 * R&amp;D tranches and investments over those scenarios. The constructor checks that the parts fit
 * together (sizes, references); {@code ModelValidator} additionally checks the expressions.
 */
public record TechnologyModel(
        String technology,
        String description,
        Indices indices,
        TechnologyFunctions functions,
        List<Scenario> scenarios,
        List<Tranche> tranches,
        List<Investment> investments) {

    public TechnologyModel {
        requireNonNull(technology, "technology is null");
        requireNonNull(description, "description is null");
        requireNonNull(indices, "indices is null");
        requireNonNull(functions, "functions is null");
        scenarios = List.copyOf(requireNonNull(scenarios, "scenarios is null"));
        tranches = List.copyOf(requireNonNull(tranches, "tranches is null"));
        investments = List.copyOf(requireNonNull(investments, "investments is null"));
        if (technology.isBlank()) {
            throw new IllegalArgumentException("a technology needs a name");
        }
        for (FunctionKind kind : FunctionKind.values()) {
            if (functions.of(kind).size() != indices.size(kind.indexKind())) {
                throw new IllegalArgumentException(kind.key() + " functions: " + functions.of(kind).size()
                        + " given for " + indices.size(kind.indexKind()) + " " + kind.indexKind().key() + " indices");
            }
        }
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("technology '" + technology + "' has no scenario");
        }
        Set<String> scenarioNames = new HashSet<>();
        for (Scenario scenario : scenarios) {
            if (!scenarioNames.add(scenario.name())) {
                throw new IllegalArgumentException("scenario '" + scenario.name() + "' appears twice");
            }
            for (ScenarioVariable variable : ScenarioVariable.values()) {
                int expected = variable.size(indices);
                int given = scenario.values().get(variable).size();
                if (given != expected) {
                    throw new IllegalArgumentException("scenario '" + scenario.name() + "' gives " + given + " "
                            + variable.key() + " values for " + expected + " indices");
                }
            }
        }
        Map<String, Set<String>> tranchesByCategory = new HashMap<>();
        for (Tranche tranche : tranches) {
            if (!scenarioNames.contains(tranche.scenario())) {
                throw new IllegalArgumentException("tranche '" + tranche.name() + "' refers to unknown scenario '"
                        + tranche.scenario() + "'");
            }
            if (!tranchesByCategory.computeIfAbsent(tranche.category(), category -> new HashSet<>()).add(tranche.name())) {
                throw new IllegalArgumentException("tranche '" + tranche.name() + "' appears twice in category '"
                        + tranche.category() + "'");
            }
        }
        Set<String> investmentNames = new HashSet<>();
        for (Investment investment : investments) {
            if (!investmentNames.add(investment.name())) {
                throw new IllegalArgumentException("investment '" + investment.name() + "' appears twice");
            }
            investment.tranches().forEach((category, tranche) -> {
                Set<String> known = tranchesByCategory.get(category);
                if (known == null) {
                    throw new IllegalArgumentException("investment '" + investment.name() + "' refers to unknown category '"
                            + category + "'");
                }
                if (!known.contains(tranche)) {
                    throw new IllegalArgumentException("investment '" + investment.name() + "' refers to unknown tranche '"
                            + tranche + "' of category '" + category + "'");
                }
            });
        }
    }

    public Scenario scenario(String name) {
        return scenarios.stream().filter(scenario -> scenario.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("technology '" + technology + "' has no scenario '" + name + "'"));
    }

    /** The tranches grouped by category, categories in the order they first appear. */
    public Map<String, List<Tranche>> tranchesByCategory() {
        Map<String, List<Tranche>> grouped = new LinkedHashMap<>();
        for (Tranche tranche : tranches) {
            grouped.computeIfAbsent(tranche.category(), category -> new ArrayList<>()).add(tranche);
        }
        grouped.replaceAll((category, list) -> List.copyOf(list));
        return Collections.unmodifiableMap(grouped);
    }
}
