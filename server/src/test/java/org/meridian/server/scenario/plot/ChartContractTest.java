package org.meridian.server.scenario.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

/** What every chart promises (see {@link Chart}), checked on each kind with hostile labels. */
class ChartContractTest {
    private static final String HOSTILE = "Base <script>alert('x')</script> & \"quoted\" \u0007 ]]>";
    private static final AxisTitle AXIS = new AxisTitle("Cost <USD> & \"more\"", "USD/kg");

    static Stream<Chart> charts() {
        double[] samples = new double[400];
        for (int index = 0; index < samples.length; index++) {
            samples[index] = 3 + Math.sin(index) + index / 200.0;
        }
        List<Series> series = List.of(new Series(HOSTILE, samples), new Series("Fast", Arrays.stream(samples).map(v -> v - 1).toArray()));
        return Stream.of(
                BoxPlot.ofSamples(new ChartCaption("box-1", "Cost by scenario " + HOSTILE), AXIS, series),
                new ViolinPlot(new ChartCaption("violin-1", "Cost by scenario " + HOSTILE), AXIS, series),
                new HistogramPlot(new ChartCaption("histogram-1", "Cost " + HOSTILE), AXIS, series.get(0)),
                new FrontierPlot(new ChartCaption("frontier-1", "Frontier " + HOSTILE), new AxisTitle("Budget", "USD"), AXIS,
                        List.of(new FrontierPoint(0, 5, true), new FrontierPoint(1e6, 4, false), new FrontierPoint(2e6, 3.5, true)),
                        OptionalInt.of(2)));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void isWellFormedSvgSizedByItsViewBox(Chart chart) {
        Element root = SvgDocument.parse(chart.toSvg()).root();

        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo(SvgDocument.SVG_NAMESPACE);
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 640 360");
        assertThat(root.hasAttribute("width")).isFalse();
        assertThat(root.hasAttribute("height")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void isAnImageNamedByItsTitleAndDescribedByItsDesc(Chart chart) {
        SvgDocument svg = SvgDocument.parse(chart.toSvg());
        Element title = svg.rootChild("title");
        Element description = svg.rootChild("desc");

        assertThat(svg.root().getAttribute("role")).isEqualTo("img");
        assertThat(svg.root().getAttribute("aria-labelledby").split(" "))
                .containsExactly(title.getAttribute("id"), description.getAttribute("id"));
        assertThat(title.getAttribute("id")).startsWith(chart.caption().id());
        assertThat(title.getTextContent()).isEqualTo(chart.caption().title().replace('\u0007', '\uFFFD'));
        assertThat(description.getTextContent()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void keepsUserTextAsTextNeverAsMarkup(Chart chart) {
        SvgDocument svg = SvgDocument.parse(chart.toSvg());

        assertThat(svg.elements("script")).isEmpty();
        assertThat(svg.rootChild("title").getTextContent()).contains("<script>alert('x')</script> & \"quoted\"");
        assertThat(svg.elements("text", "axis-title")).anySatisfy(
                title -> assertThat(title.getTextContent()).startsWith("Cost <USD> & \"more\""));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void drawsEveryShapeInsideTheViewBox(Chart chart) {
        SvgDocument svg = SvgDocument.parse(chart.toSvg());

        for (Element element : svg.elements("*")) {
            for (String attribute : List.of("x", "x1", "x2", "cx")) {
                if (element.hasAttribute(attribute) && !element.hasAttribute("transform")) {
                    assertThat(SvgDocument.number(element, attribute)).as(attribute).isBetween(0.0, 640.0);
                }
            }
            for (String attribute : List.of("y", "y1", "y2", "cy")) {
                if (element.hasAttribute(attribute) && !element.hasAttribute("transform")) {
                    assertThat(SvgDocument.number(element, attribute)).as(attribute).isBetween(0.0, 360.0);
                }
            }
            String path = element.hasAttribute("d") ? element.getAttribute("d") : element.getAttribute("points");
            double[] coordinates = SvgDocument.coordinates(path);
            for (int index = 0; index + 1 < coordinates.length; index += 2) {
                assertThat(coordinates[index]).isBetween(0.0, 640.0);
                assertThat(coordinates[index + 1]).isBetween(0.0, 360.0);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void rendersTheSameStringEveryTimeWithoutLocaleDependence(Chart chart) {
        String first = chart.toSvg();
        Locale before = Locale.getDefault();
        try {
            // German formats 1.5 as "1,5"; SVG needs the point whatever the server's locale.
            Locale.setDefault(Locale.GERMANY);
            assertThat(chart.toSvg()).isEqualTo(first);
        } finally {
            Locale.setDefault(before);
        }
        assertThat(first).doesNotContain("NaN").doesNotContain("Infinity");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void coloursSeriesThroughClassesThePageCanTheme(Chart chart) {
        SvgDocument svg = SvgDocument.parse(chart.toSvg());

        assertThat(svg.elements("g", "series-0")).isNotEmpty();
        assertThat(svg.root().getAttribute("class")).startsWith("chart chart-");
    }
}
