package org.meridian.scenario.tyche;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.meridian.scenario.ModelValidator;
import org.meridian.scenario.model.Index;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Turns a Tyche workbook (sheets {@code indices}, {@code designs}, {@code parameters},
 * {@code results}, {@code tranches}, {@code investments}) and a functions file into a Meridian
 * model file. The workbook names Python functions the engine cannot run, so the functions file
 * supplies what the workbook lacks:
 *
 * <pre>
 * description: text for the model
 * rename: {N/A: Placeholder}          # workbook index names that are not valid names
 * fixed: [Rent]                       # fixed-cost items (workbooks leave them implicit)
 * parameter: [oxygenPerMole, …]       # a name per parameter offset
 * definitions: {moles: …}             # optional
 * functions: {capital: {…}, fixed: {…}, production: {…}, metric: {…}}
 * </pre>
 *
 * The first scenario of the {@code designs} sheet becomes the base; every other scenario is
 * written {@code basedOn} it with only the cells that differ. The result is validated before it is
 * returned.
 */
public final class TycheWorkbookImporter {
    private static final Set<String> FUNCTIONS_KEYS = Set.of("description", "rename", "fixed", "parameter", "definitions", "functions");
    private static final Map<String, String> DESIGN_VARIABLES = Map.of(
            "Scale", "scale", "Lifetime", "lifetime", "Input", "rawInput", "Input efficiency", "inputEfficiency",
            "Input price", "inputPrice", "Output efficiency", "outputEfficiency", "Output price", "outputPrice");
    private static final List<String> VARIABLE_ORDER = List.of(
            "scale", "lifetime", "rawInput", "inputEfficiency", "inputPrice", "outputEfficiency", "outputPrice", "parameter");

    private TycheWorkbookImporter() {
    }

    /**
     * @param workbookName names the workbook in the header comment and in messages
     * @return the model file text, already validated
     * @throws TycheImportException when a sheet, column or name is missing
     * @throws org.meridian.scenario.model.ModelException when the result is not a valid model
     */
    public static String importWorkbook(InputStream workbook, String workbookName, String functionsText) throws IOException {
        requireNonNull(workbook, "workbook is null");
        requireNonNull(workbookName, "workbookName is null");
        Map<String, Object> functions = functionsFile(requireNonNull(functionsText, "functionsText is null"));
        WorkbookTables tables = WorkbookTables.read(workbook);
        String text = header(workbookName) + dumper().dump(document(tables, functions));
        ModelValidator.load(workbookName, text);
        return text;
    }

    private static Map<String, Object> functionsFile(String text) {
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException invalid) {
            throw new TycheImportException("the functions file is not valid YAML: " + invalid.getMessage());
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new TycheImportException("the functions file must be a mapping with keys " + FUNCTIONS_KEYS);
        }
        Map<String, Object> functions = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (!FUNCTIONS_KEYS.contains(String.valueOf(key))) {
                throw new TycheImportException("unknown key '" + key + "' in the functions file; allowed: " + FUNCTIONS_KEYS);
            }
            functions.put(String.valueOf(key), value);
        });
        if (!functions.containsKey("functions") || !functions.containsKey("parameter")) {
            throw new TycheImportException("the functions file needs 'parameter' (names by offset) and 'functions'");
        }
        return functions;
    }

    private static Map<String, Object> document(WorkbookTables tables, Map<String, Object> functions) {
        List<Map<String, Object>> indexRows = sheet(tables, "indices");
        Map<String, String> rename = stringMap(functions.getOrDefault("rename", Map.of()), "rename");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", 1);
        document.put("technology", text(indexRows.getFirst(), "Technology", "indices"));
        document.put("description", String.valueOf(functions.getOrDefault("description", "")));

        Map<String, Object> indices = new LinkedHashMap<>();
        Map<String, String> units = units(tables);
        for (String kind : List.of("capital", "fixed", "input", "output", "metric")) {
            List<Object> entries = new ArrayList<>();
            if (kind.equals("fixed")) {
                entries.addAll(list(functions.getOrDefault("fixed", List.of()), "fixed"));
            }
            for (Map<String, Object> row : indexRows) {
                if (text(row, "Type", "indices").equalsIgnoreCase(kind) && !kind.equals("fixed")) {
                    String original = text(row, "Index", "indices");
                    String name = name(rename.getOrDefault(original, original), "indices");
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", name);
                    if (row.get("Description") != null) {
                        entry.put("description", row.get("Description").toString());
                    }
                    String unit = units.get(kind + "/" + original);
                    if (unit != null) {
                        entry.put("unit", unit);
                    }
                    entries.add(entry);
                }
            }
            indices.put(kind, entries);
        }
        List<String> parameterNames = list(functions.get("parameter"), "parameter").stream().map(Object::toString).toList();
        indices.put("parameter", parameters(tables, parameterNames));
        document.put("indices", indices);
        if (functions.containsKey("definitions")) {
            document.put("definitions", functions.get("definitions"));
        }
        document.put("functions", functions.get("functions"));
        document.put("scenarios", scenarios(tables, rename, parameterNames));
        tables.sheet("tranches").ifPresent(rows -> document.put("tranches", tranches(rows)));
        tables.sheet("investments").ifPresent(rows -> document.put("investments", investments(rows)));
        return document;
    }

    private static List<Object> parameters(WorkbookTables tables, List<String> names) {
        List<Map<String, Object>> rows = sheet(tables, "parameters");
        Object firstScenario = rows.getFirst().get("Scenario");
        List<Object> entries = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (!Objects.equals(row.get("Scenario"), firstScenario)) {
                continue;
            }
            int offset = offset(row);
            if (offset != entries.size()) {
                throw new TycheImportException("parameters sheet: offsets of scenario '" + firstScenario + "' must run 0, 1, 2, …");
            }
            if (offset >= names.size()) {
                throw new TycheImportException("the functions file names " + names.size() + " parameters but the workbook has offset " + offset);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name(names.get(offset), "parameter"));
            entry.put("description", text(row, "Parameter", "parameters"));
            if (row.get("Units") != null) {
                entry.put("unit", text(row, "Units", "parameters"));
            }
            entries.add(entry);
        }
        if (entries.size() != names.size()) {
            throw new TycheImportException("the functions file names " + names.size() + " parameters, the workbook has " + entries.size());
        }
        return entries;
    }

    private static List<Object> scenarios(WorkbookTables tables, Map<String, String> rename, List<String> parameterNames) {
        Map<String, Map<String, Map<String, Object>>> cells = new LinkedHashMap<>();
        for (Map<String, Object> row : sheet(tables, "designs")) {
            String scenario = text(row, "Scenario", "designs");
            String variable = DESIGN_VARIABLES.get(text(row, "Variable", "designs"));
            if (variable == null) {
                throw new TycheImportException("designs sheet: unknown variable '" + row.get("Variable") + "'; known: "
                        + DESIGN_VARIABLES.keySet());
            }
            String index = variable.equals("scale") ? "" : rename.getOrDefault(text(row, "Index", "designs"), text(row, "Index", "designs"));
            cells.computeIfAbsent(scenario, name -> new LinkedHashMap<>())
                    .computeIfAbsent(variable, name -> new LinkedHashMap<>()).put(index, cellValue(row.get("Value")));
        }
        for (Map<String, Object> row : sheet(tables, "parameters")) {
            String scenario = text(row, "Scenario", "parameters");
            cells.computeIfAbsent(scenario, name -> new LinkedHashMap<>())
                    .computeIfAbsent("parameter", name -> new LinkedHashMap<>())
                    .put(parameterNames.get(offset(row)), cellValue(row.get("Value")));
        }
        List<Object> scenarios = new ArrayList<>();
        String base = cells.keySet().iterator().next();
        cells.forEach((scenario, variables) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", scenario);
            if (!scenario.equals(base)) {
                entry.put("basedOn", base);
            }
            for (String variable : VARIABLE_ORDER) {
                Map<String, Object> values = new LinkedHashMap<>(variables.getOrDefault(variable, Map.of()));
                if (!scenario.equals(base)) {
                    Map<String, Object> inherited = cells.get(base).getOrDefault(variable, Map.of());
                    values.entrySet().removeIf(cell -> Objects.equals(inherited.get(cell.getKey()), cell.getValue()));
                }
                if (variable.equals("scale")) {
                    if (values.containsKey("")) {
                        entry.put("scale", values.get(""));
                    }
                } else if (!values.isEmpty() || scenario.equals(base)) {
                    entry.put(variable, values);
                }
            }
            scenarios.add(entry);
        });
        return scenarios;
    }

    private static Map<String, Object> tranches(List<Map<String, Object>> rows) {
        Map<String, Object> categories = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> tranche = new LinkedHashMap<>();
            tranche.put("name", text(row, "Tranche", "tranches"));
            tranche.put("scenario", text(row, "Scenario", "tranches"));
            tranche.put("amount", cellValue(row.get("Amount")));
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) categories.computeIfAbsent(text(row, "Category", "tranches"), name -> new ArrayList<>());
            list.add(tranche);
        }
        return categories;
    }

    private static Map<String, Object> investments(List<Map<String, Object>> rows) {
        Map<String, Object> investments = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            Map<String, Object> chosen = (Map<String, Object>) investments.computeIfAbsent(
                    text(row, "Investment", "investments"), name -> new LinkedHashMap<>());
            chosen.put(text(row, "Category", "investments"), text(row, "Tranche", "investments"));
        }
        return investments;
    }

    /** Units from the results sheet, keyed "output/Hydrogen", "metric/Cost". */
    private static Map<String, String> units(WorkbookTables tables) {
        Map<String, String> units = new LinkedHashMap<>();
        tables.sheet("results").ifPresent(rows -> rows.forEach(row -> {
            if (row.get("Units") != null && row.get("Variable") != null && row.get("Index") != null) {
                units.put(row.get("Variable").toString().toLowerCase() + "/" + row.get("Index"), text(row, "Units", "results"));
            }
        }));
        return units;
    }

    /** A number stays a number (whole numbers without ".0"); text such as st.triang(…) stays text. */
    private static Object cellValue(Object value) {
        if (value == null) {
            throw new TycheImportException("a Value or Amount cell is empty");
        }
        double number;
        if (value instanceof Double given) {
            number = given;
        } else {
            try {
                number = Double.parseDouble(value.toString());
            } catch (NumberFormatException distribution) {
                return value.toString();
            }
        }
        return number == Math.rint(number) && Math.abs(number) < 1e15 ? (Object) (long) number : (Object) number;
    }

    private static int offset(Map<String, Object> row) {
        Object offset = row.get("Offset");
        if (!(offset instanceof Double number) || number != Math.rint(number) || number < 0) {
            throw new TycheImportException("parameters sheet: Offset must be a whole number, got " + offset);
        }
        return number.intValue();
    }

    private static String name(String name, String where) {
        if (!Index.isValidName(name)) {
            throw new TycheImportException(where + ": '" + name + "' is not a valid name (letters, digits, underscores); "
                    + "map it in the functions file under 'rename'");
        }
        return name;
    }

    private static List<Map<String, Object>> sheet(WorkbookTables tables, String name) {
        List<Map<String, Object>> rows = tables.sheet(name)
                .orElseThrow(() -> new TycheImportException("the workbook has no sheet '" + name + "'"));
        if (rows.isEmpty()) {
            throw new TycheImportException("the sheet '" + name + "' has no rows");
        }
        return rows;
    }

    private static String text(Map<String, Object> row, String column, String sheet) {
        Object value = row.get(column);
        if (value == null) {
            throw new TycheImportException("sheet '" + sheet + "': a row has no " + column + ": " + row);
        }
        return value instanceof Double number && number == Math.rint(number) ? String.valueOf(number.longValue()) : value.toString();
    }

    private static List<?> list(Object value, String key) {
        if (!(value instanceof List<?> list)) {
            throw new TycheImportException("'" + key + "' in the functions file must be a list");
        }
        return list;
    }

    private static Map<String, String> stringMap(Object value, String key) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new TycheImportException("'" + key + "' in the functions file must be a mapping");
        }
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((from, to) -> result.put(String.valueOf(from), String.valueOf(to)));
        return result;
    }

    private static Yaml dumper() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        options.setSplitLines(false);
        return new Yaml(new Representer(options), options);
    }

    private static String header(String workbookName) {
        return "# Meridian technology model (format 1), imported from the Tyche workbook " + workbookName + ".\n"
                + "# Functions come from the functions file given to the importer.\n\n";
    }
}
