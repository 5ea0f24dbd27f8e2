package org.meridian.server.esgf;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.meridian.catalog.search.FacetCount;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link SolrResponse} as Solr's JSON ({@code wt=json}). The top-level keys are exactly
 * {@code responseHeader}, {@code response} and {@code facet_counts}, the last always present with
 * all five of Solr's sections: pyesgf checks that key set (spec §4).
 */
final class SolrJsonWriter {
    private final JsonMapper mapper = JsonMapper.builder().build();

    byte[] write(SolrResponse response) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = mapper.createGenerator(bytes)) {
            json.writeStartObject();
            writeHeader(json, response);
            writeResult(json, response);
            writeFacetCounts(json, response);
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private static void writeHeader(JsonGenerator json, SolrResponse response) {
        json.writeObjectPropertyStart("responseHeader");
        json.writeNumberProperty("status", 0);
        json.writeNumberProperty("QTime", response.queryTime());
        response.federation().ifPresent(federation -> json.writeStringProperty("federation", federation));
        json.writeObjectPropertyStart("params");
        response.parameters().forEach((name, value) -> {
            json.writeName(name);
            writeValue(json, value);
        });
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeResult(JsonGenerator json, SolrResponse response) {
        json.writeObjectPropertyStart("response");
        json.writeNumberProperty("numFound", response.numFound());
        json.writeNumberProperty("start", response.start());
        json.writeNumberProperty("maxScore", response.maxScore());
        json.writeArrayPropertyStart("docs");
        for (SolrDocument document : response.documents()) {
            json.writeStartObject();
            for (SolrDocument.Field field : document.fields()) {
                json.writeName(field.name());
                writeValue(json, field.value());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, SolrValue value) {
        switch (value) {
            case SolrValue.Text text -> json.writeString(text.value());
            case SolrValue.Flag flag -> json.writeBoolean(flag.value());
            case SolrValue.Count count -> json.writeNumber(count.value());
            case SolrValue.Quantity quantity -> json.writeNumber(quantity.value());
            case SolrValue.Decimal decimal -> json.writeNumber(decimal.value());
            case SolrValue.Timestamp timestamp -> json.writeString(timestamp.text());
            case SolrValue.Values values -> {
                json.writeStartArray();
                values.values().forEach(element -> writeValue(json, element));
                json.writeEndArray();
            }
        }
    }

    private static void writeFacetCounts(JsonGenerator json, SolrResponse response) {
        json.writeObjectPropertyStart("facet_counts");
        json.writeObjectPropertyStart("facet_queries");
        json.writeEndObject();
        json.writeObjectPropertyStart("facet_fields");
        response.facetFields().forEach((facet, counts) -> {
            // Solr's flat form: value, count, value, count, …
            json.writeArrayPropertyStart(facet);
            for (FacetCount count : counts) {
                json.writeString(count.value());
                json.writeNumber(count.count());
            }
            json.writeEndArray();
        });
        json.writeEndObject();
        for (String section : List.of("facet_ranges", "facet_intervals", "facet_heatmaps")) {
            json.writeObjectPropertyStart(section);
            json.writeEndObject();
        }
        json.writeEndObject();
    }
}
