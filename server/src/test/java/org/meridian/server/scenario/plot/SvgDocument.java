package org.meridian.server.scenario.plot;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A rendered chart parsed by the JDK's XML parser, which fails on anything not well-formed. */
record SvgDocument(Document document) {
    static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    static SvgDocument parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new SvgDocument(factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + svg, e);
        }
    }

    Element root() {
        return document.getDocumentElement();
    }

    /** Elements named {@code name} whose class list holds {@code cssClass}, in document order. */
    List<Element> elements(String name, String cssClass) {
        NodeList nodes = document.getElementsByTagNameNS(SVG_NAMESPACE, name);
        List<Element> found = new ArrayList<>();
        for (int index = 0; index < nodes.getLength(); index++) {
            Element element = (Element) nodes.item(index);
            if (Arrays.asList(element.getAttribute("class").split(" ")).contains(cssClass)) {
                found.add(element);
            }
        }
        return found;
    }

    List<Element> elements(String name) {
        NodeList nodes = document.getElementsByTagNameNS(SVG_NAMESPACE, name);
        List<Element> found = new ArrayList<>();
        for (int index = 0; index < nodes.getLength(); index++) {
            found.add((Element) nodes.item(index));
        }
        return found;
    }

    /** The root's own {@code <title>} or {@code <desc>}, not those of series groups. */
    Element rootChild(String name) {
        NodeList children = root().getChildNodes();
        for (int index = 0; index < children.getLength(); index++) {
            if (children.item(index) instanceof Element element && element.getLocalName().equals(name)) {
                return element;
            }
        }
        throw new AssertionError("no <" + name + "> directly under <svg>");
    }

    static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }

    /** Every number in a path's {@code d} or a polyline's {@code points}, x and y alternating. */
    static double[] coordinates(String pathOrPoints) {
        return Arrays.stream(pathOrPoints.split("[MLZ, ]+"))
                .filter(part -> !part.isEmpty())
                .mapToDouble(Double::parseDouble)
                .toArray();
    }
}
