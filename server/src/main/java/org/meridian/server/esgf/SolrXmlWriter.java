package org.meridian.server.esgf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.meridian.catalog.search.FacetCount;

/**
 * Writes a {@link SolrResponse} as Solr's XML ({@code wt=xml}), ESGF's default format (spec §4):
 * {@code <response>} holding {@code <lst name="responseHeader">}, {@code <result name="response">}
 * with typed {@code <doc>} fields, and {@code <lst name="facet_counts">}.
 */
final class SolrXmlWriter {
    private static final char REPLACEMENT = '\uFFFD';

    /** Configured once and only asked for new writers, which StAX factories allow concurrently. */
    private final XMLOutputFactory factory = XMLOutputFactory.newFactory();

    byte[] write(SolrResponse response) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = factory.createXMLStreamWriter(bytes, StandardCharsets.UTF_8.name());
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            xml.writeStartElement("response");
            writeHeader(xml, response);
            writeResult(xml, response);
            writeFacetCounts(xml, response);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            // Writing to memory fails only if this class emits a malformed sequence: a bug.
            throw new IllegalStateException("cannot write the Solr XML response", e);
        }
        return bytes.toByteArray();
    }

    private static void writeHeader(XMLStreamWriter xml, SolrResponse response) throws XMLStreamException {
        startNamed(xml, "lst", "responseHeader");
        element(xml, "int", "status", "0");
        element(xml, response.queryTime() <= Integer.MAX_VALUE ? "int" : "long", "QTime",
                Long.toString(response.queryTime()));
        if (response.federation().isPresent()) {
            element(xml, "str", "federation", response.federation().get());
        }
        startNamed(xml, "lst", "params");
        for (var parameter : response.parameters().entrySet()) {
            writeValue(xml, parameter.getKey(), parameter.getValue());
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void writeResult(XMLStreamWriter xml, SolrResponse response) throws XMLStreamException {
        startNamed(xml, "result", "response");
        xml.writeAttribute("numFound", Long.toString(response.numFound()));
        xml.writeAttribute("start", Integer.toString(response.start()));
        xml.writeAttribute("maxScore", Float.toString(response.maxScore()));
        for (SolrDocument document : response.documents()) {
            xml.writeStartElement("doc");
            for (SolrDocument.Field field : document.fields()) {
                writeValue(xml, field.name(), field.value());
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    /** One typed element; {@code name} is null for the elements of an {@code arr}. */
    private static void writeValue(XMLStreamWriter xml, String name, SolrValue value) throws XMLStreamException {
        switch (value) {
            case SolrValue.Text text -> element(xml, "str", name, text.value());
            case SolrValue.Flag flag -> element(xml, "bool", name, Boolean.toString(flag.value()));
            case SolrValue.Count count -> element(xml, "int", name, Integer.toString(count.value()));
            case SolrValue.Quantity quantity -> element(xml, "long", name, Long.toString(quantity.value()));
            case SolrValue.Decimal decimal -> element(xml, "float", name, Float.toString(decimal.value()));
            case SolrValue.Timestamp timestamp -> element(xml, "date", name, timestamp.text());
            case SolrValue.Values values -> {
                startNamed(xml, "arr", name);
                for (SolrValue element : values.values()) {
                    writeValue(xml, null, element);
                }
                xml.writeEndElement();
            }
        }
    }

    private static void writeFacetCounts(XMLStreamWriter xml, SolrResponse response) throws XMLStreamException {
        startNamed(xml, "lst", "facet_counts");
        emptyNamed(xml, "lst", "facet_queries");
        startNamed(xml, "lst", "facet_fields");
        for (var facet : response.facetFields().entrySet()) {
            startNamed(xml, "lst", facet.getKey());
            for (FacetCount count : facet.getValue()) {
                element(xml, count.count() <= Integer.MAX_VALUE ? "int" : "long", count.value(),
                        Long.toString(count.count()));
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
        for (String section : List.of("facet_ranges", "facet_intervals", "facet_heatmaps")) {
            emptyNamed(xml, "lst", section);
        }
        xml.writeEndElement();
    }

    private static void startNamed(XMLStreamWriter xml, String element, String name) throws XMLStreamException {
        xml.writeStartElement(element);
        if (name != null) {
            xml.writeAttribute("name", xmlText(name));
        }
    }

    private static void emptyNamed(XMLStreamWriter xml, String element, String name) throws XMLStreamException {
        xml.writeEmptyElement(element);
        xml.writeAttribute("name", name);
    }

    private static void element(XMLStreamWriter xml, String element, String name, String text)
            throws XMLStreamException {
        startNamed(xml, element, name);
        xml.writeCharacters(xmlText(text));
        xml.writeEndElement();
    }

    /**
     * Replaces characters XML 1.0 cannot carry at all (most control characters) with U+FFFD; the
     * stream writer escapes markup but would otherwise emit a document no parser accepts.
     */
    static String xmlText(String text) {
        StringBuilder result = null;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int width = Character.charCount(codePoint);
            boolean allowed = codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                    || (codePoint >= 0x20 && codePoint <= 0xD7FF)
                    || (codePoint >= 0xE000 && codePoint <= 0xFFFD)
                    || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
            if (!allowed && result == null) {
                result = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (result != null) {
                if (allowed) {
                    result.appendCodePoint(codePoint);
                } else {
                    result.append(REPLACEMENT);
                }
            }
            i += width;
        }
        return result == null ? text : result.toString();
    }
}
