package org.meridian.server.scenario;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.meridian.scenario.distribution.Constant;
import org.meridian.scenario.distribution.Distribution;
import org.meridian.scenario.model.Scenario;
import org.meridian.scenario.model.ScenarioVariable;
import org.meridian.scenario.model.TechnologyModel;

/** A scenario's inputs as rows for the model page: variable, index and its value or distribution. */
record ParameterTable(String scenario, List<Row> rows) {

    record Row(String variable, String index, String value) {
    }

    static List<ParameterTable> of(TechnologyModel model) {
        List<ParameterTable> tables = new ArrayList<>();
        for (Scenario scenario : model.scenarios()) {
            List<Row> rows = new ArrayList<>();
            for (ScenarioVariable variable : ScenarioVariable.values()) {
                List<Distribution> values = scenario.values().getOrDefault(variable, List.of());
                List<String> names = variable.indexKind().map(kind -> model.indices().names(kind)).orElse(List.of());
                for (int offset = 0; offset < values.size(); offset++) {
                    rows.add(new Row(variable.key(), offset < names.size() ? names.get(offset) : "",
                            describe(values.get(offset))));
                }
            }
            tables.add(new ParameterTable(scenario.name(), rows));
        }
        return tables;
    }

    /** A constant as its number; a distribution as its family and parameters, e.g. {@code Normal(location=1, scale=0.1)}. */
    static String describe(Distribution distribution) {
        if (distribution instanceof Constant constant) {
            return number(constant.value());
        }
        List<String> parameters = new ArrayList<>();
        for (RecordComponent component : distribution.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(distribution);
                parameters.add(component.getName() + "=" + (value instanceof Double number ? number(number) : value));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName(), e);
            }
        }
        return distribution.getClass().getSimpleName() + "(" + String.join(", ", parameters) + ")";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value).replaceFirst("\\.?0+(e|$)", "$1");
    }
}
