package org.meridian.server.scenario.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ViolinPlotTest {
    private static final ChartCaption CAPTION = new ChartCaption("violin", "Cost by scenario");
    private static final AxisTitle COST = new AxisTitle("Cost", "USD/kg");

    @Test
    void drawsAMirroredOutlineWithABoxInsideForEachSeries() {
        SvgDocument svg = SvgDocument.parse(new ViolinPlot(CAPTION, COST,
                List.of(normal("Base", 4, 0.3), normal("Fast", 3, 0.5))).toSvg());

        List<Element> violins = svg.elements("path", "violin");
        assertThat(violins).hasSize(2);
        assertThat(svg.elements("rect", "box")).hasSize(2);
        for (int index = 0; index < violins.size(); index++) {
            double[] coordinates = SvgDocument.coordinates(violins.get(index).getAttribute("d"));
            int points = coordinates.length / 2;
            double centre = new CategorySlots(2).centre(index);
            // The outline goes down one side and back up the other, mirrored about the centre.
            for (int point = 0; point < points / 2; point++) {
                double right = coordinates[2 * point];
                double left = coordinates[2 * (points - 1 - point)];
                assertThat(right - centre).isCloseTo(centre - left, within(0.11));
                assertThat(coordinates[2 * point + 1]).isEqualTo(coordinates[2 * (points - 1 - point) + 1]);
            }
        }
    }

    @Test
    void spansFromTheSmallestToTheLargestSample() {
        Series series = normal("Base", 4, 0.3);
        BoxSummary summary = BoxSummary.of(series.samples());
        String svg = new ViolinPlot(CAPTION, COST, List.of(series)).toSvg();
        SvgDocument document = SvgDocument.parse(svg);

        NiceScale ticks = NiceScale.covering(summary.minimum(), summary.maximum(), ChartFrame.MAXIMUM_TICKS);
        LinearScale y = LinearScale.of(ticks, ChartFrame.BOTTOM, ChartFrame.TOP);
        double[] coordinates = SvgDocument.coordinates(document.elements("path", "violin").get(0).getAttribute("d"));
        assertThat(coordinates[1]).isCloseTo(y.at(summary.minimum()), within(0.06));
        assertThat(coordinates[coordinates.length / 2 - 1]).isCloseTo(y.at(summary.maximum()), within(0.06));
    }

    @Test
    void drawsConstantSamplesAsAFlatBarWithoutNaN() {
        String svg = new ViolinPlot(CAPTION, COST,
                List.of(new Series("Certain", new double[] {2.5, 2.5, 2.5}), new Series("Zero", new double[] {0}))).toSvg();
        SvgDocument document = SvgDocument.parse(svg);

        assertThat(svg).doesNotContain("NaN");
        assertThat(document.elements("path", "violin")).isEmpty();
        assertThat(document.elements("line", "violin")).hasSize(2)
                .allSatisfy(bar -> assertThat(bar.getAttribute("y1")).isEqualTo(bar.getAttribute("y2")));
    }

    @Test
    void describesRangeAndSampleCountOfEachSeries() {
        SvgDocument svg = SvgDocument.parse(new ViolinPlot(CAPTION, COST,
                List.of(new Series("Base", new double[] {1, 2, 3, 4, 5}))).toSvg());

        assertThat(svg.rootChild("desc").getTextContent())
                .contains("Base: median 3, 10th to 90th percentile 1.4 to 4.6, mean 3, range 1 to 5, 5 samples");
    }

    @Test
    void rejectsAPlotWithoutSeries() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ViolinPlot(CAPTION, COST, List.of()))
                .withMessageContaining("at least one series");
    }

    static Series normal(String label, double mean, double deviation) {
        Random random = new Random(7);
        double[] samples = new double[5_000];
        for (int index = 0; index < samples.length; index++) {
            samples[index] = mean + deviation * random.nextGaussian();
        }
        return new Series(label, samples);
    }
}
