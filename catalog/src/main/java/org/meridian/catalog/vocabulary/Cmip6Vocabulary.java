package org.meridian.catalog.vocabulary;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CMIP6's controlled vocabularies (WCRP-CMIP/CMIP6_CVs 6.2.60.0, CC BY 4.0; see NOTICE) and the
 * common CMOR variables, as shipped in this module's resources. Loaded once per instance; the
 * sample generator draws from it and publishing checks validate facet values against it.
 */
public final class Cmip6Vocabulary {
    private static final String RESOURCES = "/org/meridian/catalog/vocabulary/cmip6/";

    /** A CMIP6 experiment: the activities it belongs to and its nominal period. */
    public record Experiment(String id, List<String> activities, String title, Optional<Integer> startYear,
            Optional<Integer> endYear, List<String> subExperiments) {
        public Experiment {
            requireNonNull(id, "id is null");
            activities = List.copyOf(activities);
            subExperiments = List.copyOf(subExperiments);
        }
    }

    /** A CMIP6 model ("source"): who runs it, where it takes part, its atmosphere grid resolution. */
    public record Source(String id, List<String> institutions, Set<String> activities, List<String> cohorts,
            Optional<String> atmosphereResolution) {
        public Source {
            requireNonNull(id, "id is null");
            institutions = List.copyOf(institutions);
            activities = Set.copyOf(activities);
            cohorts = List.copyOf(cohorts);
        }
    }

    /** One CMOR variable entry: a variable in one MIP table. */
    public record Variable(String id, String table, String frequency, List<String> realms, String units, String longName) {
        public Variable {
            realms = List.copyOf(realms);
        }
    }

    private final Map<String, List<String>> facetValues;
    private final Map<String, Experiment> experiments;
    private final Map<String, Source> sources;
    private final List<Variable> variables;

    private Cmip6Vocabulary(Map<String, List<String>> facetValues, Map<String, Experiment> experiments,
            Map<String, Source> sources, List<Variable> variables) {
        this.facetValues = facetValues;
        this.experiments = experiments;
        this.sources = sources;
        this.variables = variables;
    }

    /** Reads the vocabularies from the classpath. */
    public static Cmip6Vocabulary load() {
        JsonMapper mapper = JsonMapper.builder().build();
        Map<String, List<String>> facetValues = new LinkedHashMap<>();
        for (String facet : List.of("activity_id", "experiment_id", "source_id", "institution_id", "frequency",
                "grid_label", "realm", "sub_experiment_id", "table_id", "nominal_resolution")) {
            JsonNode values = read(mapper, "CMIP6_" + facet + ".json").get(facet);
            List<String> names = new ArrayList<>();
            if (values.isArray()) {
                values.forEach(value -> names.add(value.asString()));
            } else {
                names.addAll(values.propertyNames());
            }
            facetValues.put(facet, List.copyOf(names));
        }
        Map<String, Experiment> experiments = new LinkedHashMap<>();
        read(mapper, "CMIP6_experiment_id.json").get("experiment_id").properties().forEach(entry -> {
            JsonNode node = entry.getValue();
            experiments.put(entry.getKey(), new Experiment(entry.getKey(), strings(node.get("activity_id")),
                    node.path("experiment").asString(""), year(node.get("start_year")), year(node.get("end_year")),
                    strings(node.get("sub_experiment_id"))));
        });
        Map<String, Source> sources = new LinkedHashMap<>();
        read(mapper, "CMIP6_source_id.json").get("source_id").properties().forEach(entry -> {
            JsonNode node = entry.getValue();
            JsonNode atmosphere = node.path("model_component").path("atmos").path("native_nominal_resolution");
            Optional<String> resolution = atmosphere.isString() && facetValues.get("nominal_resolution").contains(atmosphere.asString())
                    ? Optional.of(atmosphere.asString()) : Optional.empty();
            sources.put(entry.getKey(), new Source(entry.getKey(), strings(node.get("institution_id")),
                    new TreeSet<>(strings(node.get("activity_participation"))), strings(node.get("cohort")), resolution));
        });
        return new Cmip6Vocabulary(Collections.unmodifiableMap(facetValues), Collections.unmodifiableMap(experiments),
                Collections.unmodifiableMap(sources), readVariables());
    }

    /** The allowed values of a facet this vocabulary governs, or empty if it governs none of that name. */
    public List<String> values(String facet) {
        return facetValues.getOrDefault(facet, List.of());
    }

    /** The facets this vocabulary governs. */
    public Set<String> facets() {
        return facetValues.keySet();
    }

    /** True if the vocabulary governs {@code facet} and lists {@code value} for it. */
    public boolean allows(String facet, String value) {
        return values(facet).contains(value);
    }

    public Map<String, Experiment> experiments() {
        return experiments;
    }

    public Map<String, Source> sources() {
        return sources;
    }

    public List<Variable> variables() {
        return variables;
    }

    private static JsonNode read(JsonMapper mapper, String name) {
        try (InputStream in = open(name)) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vocabulary " + name, e);
        }
    }

    private static List<Variable> readVariables() {
        List<Variable> variables = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open("variables.csv"), StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                // Six columns; only the last (long_name) may contain commas.
                String[] columns = line.split(",", 6);
                variables.add(new Variable(columns[0], columns[1], columns[2], Arrays.asList(columns[3].split(" ")),
                        columns[4], columns[5]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vocabulary variables.csv", e);
        }
        return List.copyOf(variables);
    }

    private static InputStream open(String name) {
        InputStream in = Cmip6Vocabulary.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IllegalStateException("vocabulary resource " + RESOURCES + name + " is missing from the classpath");
        }
        return in;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(value -> values.add(value.asString()));
        } else if (node != null && node.isString() && !node.asString().isBlank()) {
            values.add(node.asString());
        }
        return values;
    }

    private static Optional<Integer> year(JsonNode node) {
        if (node == null || !node.isString() || !node.asString().matches("\\d{4}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(node.asString()));
    }
}
