package org.meridian.server.scenario.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class FrontierPlotTest {
    private static final ChartCaption CAPTION = new ChartCaption("frontier", "Lowest cost by budget");
    private static final AxisTitle BUDGET = new AxisTitle("Budget", "USD");
    private static final AxisTitle COST = new AxisTitle("Mean cost", "USD/kg");
    private static final List<FrontierPoint> POINTS = List.of(
            new FrontierPoint(2e6, 3.5, true),
            new FrontierPoint(0, 5, true),
            new FrontierPoint(1e6, 4.4, false),
            new FrontierPoint(3e6, 3.2, true));

    @Test
    void joinsFeasiblePointsInOrderOfTheSweptConstraint() {
        SvgDocument svg = SvgDocument.parse(new FrontierPlot(CAPTION, BUDGET, COST, POINTS).toSvg());

        double[] line = SvgDocument.coordinates(svg.elements("polyline", "frontier-line").get(0).getAttribute("points"));
        assertThat(line).hasSize(6);
        assertThat(new double[] {line[0], line[2], line[4]}).isSorted();
        // Lower cost is drawn lower: y grows downwards in SVG.
        assertThat(new double[] {line[1], line[3], line[5]}).isSorted();
        assertThat(svg.elements("circle", "point")).hasSize(4);
        assertThat(svg.elements("circle", "point-infeasible")).hasSize(1)
                .allSatisfy(point -> assertThat(point.getAttribute("fill")).isEqualTo(Palette.PAPER));
    }

    @Test
    void ringsTheOptimumWhereItsPointIs() {
        SvgDocument svg = SvgDocument.parse(new FrontierPlot(CAPTION, BUDGET, COST, POINTS, OptionalInt.of(3)).toSvg());

        // The key's sample ring comes first; the chart's ring is the last one drawn.
        Element ring = svg.elements("circle", "optimum-ring").getLast();
        Element optimumPoint = svg.elements("circle", "point").get(3);
        assertThat(ring.getAttribute("cx")).isEqualTo(optimumPoint.getAttribute("cx"));
        assertThat(ring.getAttribute("cy")).isEqualTo(optimumPoint.getAttribute("cy"));
        assertThat(svg.elements("text", "optimum-label").get(0).getTextContent()).isEqualTo("Optimum 3.2 at 3,000,000");
        assertThat(svg.rootChild("desc").getTextContent())
                .contains("Optimum: 3.2 at 3,000,000")
                .contains("(1,000,000, 4.4) constraints not met");
    }

    @Test
    void drawsNoRingWithoutAnOptimum() {
        SvgDocument svg = SvgDocument.parse(new FrontierPlot(CAPTION, BUDGET, COST, POINTS).toSvg());

        assertThat(svg.elements("circle", "optimum-ring")).isEmpty();
    }

    @Test
    void drawsASinglePoint() {
        SvgDocument svg = SvgDocument.parse(new FrontierPlot(CAPTION, BUDGET, COST,
                List.of(new FrontierPoint(1e6, 4, true)), OptionalInt.of(0)).toSvg());

        assertThat(svg.elements("circle", "point")).hasSize(1);
        assertThat(svg.rootChild("desc").getTextContent()).contains("1 point.");
    }

    @Test
    void rejectsNoPointsAnOptimumOutOfRangeAndNonFiniteValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FrontierPlot(CAPTION, BUDGET, COST, List.of()))
                .withMessageContaining("at least one point");
        assertThatIllegalArgumentException().isThrownBy(() -> new FrontierPlot(CAPTION, BUDGET, COST, POINTS, OptionalInt.of(4)))
                .withMessageContaining("optimum must index one of the 4 points, got 4");
        assertThatIllegalArgumentException().isThrownBy(() -> new FrontierPoint(Double.NaN, 1, true))
                .withMessageContaining("finite");
    }
}
