package org.meridian.server.esgf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.RecordBuilder;
import org.meridian.catalog.search.Hit;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchRequest;
import org.meridian.catalog.search.SearchResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Parses the written XML back with the JDK's DOM and checks Solr's element structure and types. */
class SolrXmlWriterTest {
    private final Element root = parse(new SolrXmlWriter().write(SolrResponses.datasetAndFile())).getDocumentElement();

    @Test
    void rootHoldsHeaderResultAndFacetCountsInSolrsOrder() {
        assertThat(root.getTagName()).isEqualTo("response");
        assertThat(children(root)).extracting(element -> element.getTagName() + ":" + element.getAttribute("name"))
                .containsExactly("lst:responseHeader", "result:response", "lst:facet_counts");
    }

    @Test
    void headerHasTypedStatusTimeAndParameters() {
        Element header = named(root, "responseHeader");

        assertThat(named(header, "status").getTagName()).isEqualTo("int");
        assertThat(named(header, "status").getTextContent()).isEqualTo("0");
        assertThat(named(header, "QTime").getTextContent()).isEqualTo("7");
        assertThat(named(header, "federation").getTextContent()).isEqualTo("local-only");
        Element params = named(header, "params");
        assertThat(params.getTagName()).isEqualTo("lst");
        assertThat(named(params, "wt").getTagName()).isEqualTo("str");
        Element facetFields = named(params, "facet.field");
        assertThat(facetFields.getTagName()).isEqualTo("arr");
        assertThat(children(facetFields)).extracting(Node::getTextContent).containsExactly("source_id", "sub_experiment_id");
    }

    @Test
    void resultCarriesCountsAsAttributes() {
        Element result = named(root, "response");

        assertThat(result.getTagName()).isEqualTo("result");
        assertThat(result.getAttribute("numFound")).isEqualTo("42");
        assertThat(result.getAttribute("start")).isEqualTo("0");
        assertThat(result.getAttribute("maxScore")).isEqualTo("2.5");
        assertThat(children(result)).hasSize(2).allSatisfy(doc -> assertThat(doc.getTagName()).isEqualTo("doc"));
    }

    @Test
    void documentFieldsAreTypedElements() {
        List<Element> docs = children(named(root, "response"));
        Element dataset = docs.get(0);
        Element file = docs.get(1);

        assertThat(typeOf(dataset, "id")).isEqualTo("str");
        assertThat(typeOf(dataset, "version")).isEqualTo("str");
        assertThat(typeOf(dataset, "latest")).isEqualTo("bool");
        assertThat(named(dataset, "latest").getTextContent()).isEqualTo("true");
        assertThat(typeOf(dataset, "size")).isEqualTo("long");
        assertThat(typeOf(dataset, "number_of_files")).isEqualTo("int");
        assertThat(typeOf(dataset, "score")).isEqualTo("float");
        assertThat(named(dataset, "score").getTextContent()).isEqualTo("2.5");
        assertThat(typeOf(dataset, "timestamp")).isEqualTo("date");
        assertThat(named(dataset, "_timestamp").getTextContent()).isEqualTo("2024-05-06T07:08:09.123Z");
        Element project = named(dataset, "project");
        assertThat(project.getTagName()).isEqualTo("arr");
        assertThat(children(project)).extracting(element -> element.getTagName() + "=" + element.getTextContent())
                .containsExactly("str=CMIP6");
        assertThat(typeOf(file, "title")).isEqualTo("str");
        assertThat(typeOf(file, "checksum")).isEqualTo("arr");
        assertThat(children(named(file, "url"))).hasSize(2);
        assertThat(named(file, "size").getTextContent()).isEqualTo("1234567890");
    }

    @Test
    void facetCountsAreNamedIntsAndEveryRequestedFacetAppears() {
        Element counts = named(root, "facet_counts");

        assertThat(children(counts)).extracting(element -> element.getAttribute("name")).containsExactly(
                "facet_queries", "facet_fields", "facet_ranges", "facet_intervals", "facet_heatmaps");
        Element sourceId = named(named(counts, "facet_fields"), "source_id");
        assertThat(children(sourceId)).extracting(element ->
                element.getTagName() + ":" + element.getAttribute("name") + "=" + element.getTextContent())
                .containsExactly("int:CESM2=30", "int:UKESM1-0-LL=12");
        assertThat(children(named(named(counts, "facet_fields"), "sub_experiment_id"))).isEmpty();
    }

    /** XML 1.0 cannot carry most control characters; they would make the whole response unparseable. */
    @Test
    void replacesCharactersXmlCannotCarry() {
        SearchRequest request = new SearchRequest(Query.all(), List.of());
        SearchResult result = new SearchResult(1, 0, List.of(new Hit(
                RecordBuilder.aDataset("CMIP6.x").withFacet("description", "bell\u0007 & <tag> \uD83C\uDF0D").build(),
                Instant.EPOCH, 1f)), 1f, Map.of());
        SolrResponse response = SolrResponse.of(request, result, Map.of(), Optional.empty(), 0);

        Element doc = children(named(parse(new SolrXmlWriter().write(response)).getDocumentElement(), "response")).get(0);

        assertThat(named(doc, "description").getTextContent()).isEqualTo("bell\uFFFD & <tag> \uD83C\uDF0D");
    }

    private static Document parse(byte[] xml) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError("the response is not well-formed XML", e);
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static Element named(Element parent, String name) {
        return children(parent).stream().filter(element -> element.getAttribute("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no child named " + name + " in " + parent.getAttribute("name")));
    }

    private static String typeOf(Element doc, String field) {
        return named(doc, field).getTagName();
    }
}
