package org.meridian.server.scenario.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class HistogramPlotTest {
    private static final ChartCaption CAPTION = new ChartCaption("histogram", "Cost, Base");
    private static final AxisTitle COST = new AxisTitle("Cost", "USD/kg");
    private static final Pattern BAR_TITLE = Pattern.compile("(\\S+) to (\\S+): (\\d+) samples");

    @Test
    void countsEverySampleOnceInBinsWithRoundEdges() {
        Series series = ViolinPlotTest.normal("Base", 4.2, 0.3);
        SvgDocument svg = SvgDocument.parse(new HistogramPlot(CAPTION, COST, series).toSvg());

        List<Element> bars = svg.elements("rect", "bar");
        assertThat(bars).hasSizeBetween(12, 30);
        long total = 0;
        double previousUpper = Double.NEGATIVE_INFINITY;
        for (Element bar : bars) {
            Matcher matcher = BAR_TITLE.matcher(bar.getTextContent());
            assertThat(matcher.matches()).as(bar.getTextContent()).isTrue();
            double lower = Double.parseDouble(matcher.group(1));
            double upper = Double.parseDouble(matcher.group(2));
            // Edges at multiples of 0.1, 0.2 or 0.5: round numbers a reader can quote.
            assertThat(lower * 10).isCloseTo(Math.rint(lower * 10), within(1e-9));
            assertThat(lower).isGreaterThanOrEqualTo(previousUpper);
            previousUpper = upper;
            total += Long.parseLong(matcher.group(3));
        }
        assertThat(total).isEqualTo(series.size());
    }

    @Test
    void makesBarHeightsProportionalToCounts() {
        Series series = new Series("Steps", new double[] {1, 2, 2, 3, 3, 3, 4, 4, 4, 4});
        SvgDocument svg = SvgDocument.parse(new HistogramPlot(CAPTION, COST, series).toSvg());

        double perSample = Double.NaN;
        for (Element bar : svg.elements("rect", "bar")) {
            Matcher matcher = BAR_TITLE.matcher(bar.getTextContent());
            assertThat(matcher.matches()).isTrue();
            long count = Long.parseLong(matcher.group(3));
            double height = SvgDocument.number(bar, "height");
            if (count > 0) {
                perSample = Double.isNaN(perSample) ? height / count : perSample;
                assertThat(height / count).isCloseTo(perSample, within(0.1));
            } else {
                assertThat(height).isZero();
            }
        }
        assertThat(svg.elements("text", "axis-title").get(0).getTextContent()).isEqualTo("Samples");
        assertThat(svg.elements("text", "tick-label").stream()
                .filter(label -> ((Element) label.getParentNode()).getAttribute("class").contains("axis-y"))
                .map(Element::getTextContent))
                .isNotEmpty().allMatch(label -> label.matches("\\d+"));
    }

    @Test
    void putsAConstantSeriesInOneBar() {
        SvgDocument svg = SvgDocument.parse(new HistogramPlot(CAPTION, COST, new Series("Certain", new double[] {7, 7, 7})).toSvg());

        assertThat(svg.elements("rect", "bar").stream().filter(bar -> bar.getTextContent().endsWith(": 3 samples")))
                .hasSize(1);
    }

    @Test
    void drawsNegativeAndHugeValuesOnAScaledAxis() {
        double[] samples = {-5e6, -4.5e6, -4e6, -4.2e6, -4.8e6};
        SvgDocument svg = SvgDocument.parse(new HistogramPlot(CAPTION, COST, new Series("Loss", samples)).toSvg());

        assertThat(svg.elements("text", "axis-title").get(1).getTextContent()).isEqualTo("Cost (× 10⁶ USD/kg)");
        assertThat(svg.rootChild("desc").getTextContent()).contains("5 samples of Loss").contains("median -4,500,000");
    }

    @Test
    void listsTheCountOfEveryBinInTheDescription() {
        SvgDocument svg = SvgDocument.parse(new HistogramPlot(CAPTION, COST,
                new Series("Base", new double[] {0.1, 0.2, 0.3, 0.3, 0.9})).toSvg());

        assertThat(svg.rootChild("desc").getTextContent())
                .startsWith("Histogram of Cost (USD/kg), 5 samples of Base in ")
                .containsPattern("Samples per bin, lowest first: [0-9, ]+\\.$");
    }
}
