package org.meridian.scenario.model;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.meridian.scenario.distribution.Distribution;

/**
 * One state of affairs of a technology: a value or distribution for every cell of every
 * {@link ScenarioVariable}, each list in offset order ({@code scale} has one element).
 */
public record Scenario(String name, Map<ScenarioVariable, List<Distribution>> values) {
    public Scenario {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a scenario needs a name");
        }
        requireNonNull(values, "values is null");
        EnumMap<ScenarioVariable, List<Distribution>> copy = new EnumMap<>(ScenarioVariable.class);
        for (ScenarioVariable variable : ScenarioVariable.values()) {
            List<Distribution> cells = values.get(variable);
            if (cells == null) {
                throw new IllegalArgumentException("scenario '" + name + "' has no " + variable.key());
            }
            copy.put(variable, List.copyOf(cells));
        }
        if (copy.get(ScenarioVariable.SCALE).size() != 1) {
            throw new IllegalArgumentException("scenario '" + name + "' must give exactly one scale");
        }
        values = Map.copyOf(copy);
    }

    public Distribution value(ScenarioVariable variable, int offset) {
        return values.get(variable).get(offset);
    }
}
