package org.meridian.server.scenario.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class BoxPlotTest {
    private static final ChartCaption CAPTION = new ChartCaption("cost", "Hydrogen cost by scenario");
    private static final AxisTitle COST = new AxisTitle("Cost", "USD/kg");

    @Test
    void drawsOneBoxPerSeriesLeftToRightInInputOrder() {
        SvgDocument svg = SvgDocument.parse(BoxPlot.ofSamples(CAPTION, COST,
                List.of(uniform("Base", 4, 5), uniform("Fast", 2, 3), uniform("Slow", 6, 8))).toSvg());

        List<Element> boxes = svg.elements("rect", "box");
        assertThat(boxes).hasSize(3);
        assertThat(boxes.stream().map(box -> SvgDocument.number(box, "x")).toList()).isSorted();
        assertThat(svg.elements("text", "category-label").stream().map(Element::getTextContent))
                .containsExactly("Base", "Fast", "Slow");
        assertThat(svg.elements("path", "mean")).hasSize(3);
        assertThat(svg.elements("line", "whisker-cap")).hasSize(6);
    }

    @Test
    void placesHigherValuesHigherOnTheAxis() {
        SvgDocument svg = SvgDocument.parse(BoxPlot.ofSamples(CAPTION, COST,
                List.of(uniform("Low", 1, 2), uniform("High", 10, 12))).toSvg());

        List<Element> medians = svg.elements("line", "median");
        // SVG's y grows downwards.
        assertThat(SvgDocument.number(medians.get(1), "y1")).isLessThan(SvgDocument.number(medians.get(0), "y1"));
        Element box = svg.elements("rect", "box").get(0);
        double top = SvgDocument.number(box, "y");
        double median = SvgDocument.number(medians.get(0), "y1");
        assertThat(median).isBetween(top, top + SvgDocument.number(box, "height"));
    }

    @Test
    void labelsTicksOnNiceRoundNumbersWithTheUnit() {
        SvgDocument svg = SvgDocument.parse(BoxPlot.ofSamples(CAPTION, COST, List.of(uniform("Base", 3.1, 5.9))).toSvg());

        List<String> ticks = svg.elements("text", "tick-label").stream().map(Element::getTextContent).toList();
        assertThat(ticks).hasSizeBetween(3, ChartFrame.MAXIMUM_TICKS).allMatch(tick -> tick.matches("-?\\d+(\\.\\d)?"));
        assertThat(svg.elements("text", "axis-title").get(0).getTextContent()).isEqualTo("Cost (USD/kg)");
    }

    @Test
    void describesEachSeriesNumbersAndTheWhiskerConventionForScreenReaders() {
        BoxSummary summary = new BoxSummary(0, 1, 2, 3, 4, 5, 6, 3.5);
        SvgDocument svg = SvgDocument.parse(new BoxPlot(CAPTION, COST, List.of(new BoxSeries("Base", summary))).toSvg());

        assertThat(svg.rootChild("desc").getTextContent())
                .contains("Cost (USD/kg)")
                .contains("10th to 90th percentile")
                .contains("Base: median 3, 10th to 90th percentile 1 to 5, mean 3.5");
        assertThat(svg.elements("text", "key-label").stream().map(Element::getTextContent))
                .contains("Whiskers: 10th–90th", "Box: 25th–75th percentile");
    }

    @Test
    void shortensLongLabelsInTheDrawingButNotInTheDescription() {
        String label = "A very long scenario name that cannot fit under a narrow box at all";
        List<Series> many = IntStream.range(0, 8).mapToObj(index -> uniform(label + index, index, index + 1)).toList();
        SvgDocument svg = SvgDocument.parse(BoxPlot.ofSamples(CAPTION, COST, many).toSvg());

        assertThat(svg.elements("text", "category-label")).allSatisfy(text -> assertThat(text.getTextContent()).endsWith("…"));
        assertThat(svg.rootChild("desc").getTextContent()).contains(label + "7");
    }

    @Test
    void drawsConstantAndSingleSampleSeriesAsAFlatBox() {
        SvgDocument svg = SvgDocument.parse(BoxPlot.ofSamples(CAPTION, COST,
                List.of(new Series("Certain", new double[] {4, 4, 4}), new Series("One", new double[] {-2}))).toSvg());

        assertThat(svg.elements("rect", "box")).allSatisfy(box -> assertThat(SvgDocument.number(box, "height")).isZero());
        assertThat(svg.rootChild("desc").getTextContent()).contains("Certain: median 4,").contains("One: median -2,");
    }

    @Test
    void factorsOutPowersOfTenForTinyAndHugeValues() {
        SvgDocument tiny = SvgDocument.parse(BoxPlot.ofSamples(CAPTION, COST, List.of(uniform("Tiny", 1e-9, 3e-9))).toSvg());
        SvgDocument huge = SvgDocument.parse(BoxPlot.ofSamples(CAPTION, COST, List.of(uniform("Huge", 4e6, 6e6))).toSvg());

        assertThat(tiny.elements("text", "axis-title").get(0).getTextContent()).isEqualTo("Cost (× 10⁻⁹ USD/kg)");
        assertThat(huge.elements("text", "axis-title").get(0).getTextContent()).isEqualTo("Cost (× 10⁶ USD/kg)");
        assertThat(tiny.elements("text", "tick-label")).allSatisfy(tick -> assertThat(tick.getTextContent()).hasSizeLessThan(5));
    }

    @Test
    void rejectsAPlotWithoutSeries() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BoxPlot(CAPTION, COST, List.of()))
                .withMessageContaining("Hydrogen cost by scenario").withMessageContaining("at least one series");
    }

    /** Samples spread evenly over [low, high]. */
    static Series uniform(String label, double low, double high) {
        return new Series(label, IntStream.rangeClosed(0, 100).mapToDouble(index -> low + (high - low) * index / 100).toArray());
    }
}
