package org.meridian.server.scenario.plot;

import static org.meridian.server.scenario.plot.SvgWriter.number;

/**
 * One box drawn at a slot: whiskers from p10 to p90 (the spread the result tables report; min and
 * max of 100,000 draws say more about the sampler than the model), box from p25 to p75, a line at
 * the median and a diamond at the mean.
 */
final class BoxGlyph {
    /** How the box sits: alone in a box plot, or slim and dark inside a violin. */
    enum Style { STANDALONE, INSIDE_VIOLIN }

    static final double MEAN_RADIUS = 5;

    private BoxGlyph() {
    }

    static void draw(SvgWriter svg, BoxSummary summary, LinearScale y, double centre, double halfWidth,
            String colour, Style style) {
        switch (style) {
            case STANDALONE -> {
                whisker(svg, summary, y, centre, "1.5");
                double capHalf = halfWidth * 0.5;
                for (double end : new double[] {summary.p10(), summary.p90()}) {
                    String capY = number(y.at(end));
                    svg.empty("line", "class", "whisker-cap", "x1", number(centre - capHalf),
                            "x2", number(centre + capHalf), "y1", capY, "y2", capY,
                            "stroke", Palette.INK, "stroke-width", "1.5");
                }
                boxAndMedian(svg, summary, y, centre, halfWidth, colour, "0.45", Palette.INK);
            }
            case INSIDE_VIOLIN -> {
                whisker(svg, summary, y, centre, "2");
                boxAndMedian(svg, summary, y, centre, halfWidth, Palette.INK, "1", Palette.PAPER);
            }
        }
        diamond(svg, centre, y.at(summary.mean()), "mean");
    }

    private static void whisker(SvgWriter svg, BoxSummary summary, LinearScale y, double centre, String width) {
        String x = number(centre);
        svg.empty("line", "class", "whisker", "x1", x, "x2", x, "y1", number(y.at(summary.p10())),
                "y2", number(y.at(summary.p90())), "stroke", Palette.INK, "stroke-width", width);
    }

    private static void boxAndMedian(SvgWriter svg, BoxSummary summary, LinearScale y, double centre,
            double halfWidth, String fill, String fillOpacity, String medianColour) {
        double top = y.at(summary.p75());
        double bottom = y.at(summary.p25());
        svg.empty("rect", "class", "box", "x", number(centre - halfWidth), "y", number(top),
                "width", number(2 * halfWidth), "height", number(bottom - top),
                "fill", fill, "fill-opacity", fillOpacity, "stroke", fill, "stroke-width", "1.5");
        String median = number(y.at(summary.median()));
        svg.empty("line", "class", "median", "x1", number(centre - halfWidth), "x2", number(centre + halfWidth),
                "y1", median, "y2", median, "stroke", medianColour, "stroke-width", "2.5");
    }

    /** The mean marker, also drawn in the key. */
    static void diamond(SvgWriter svg, double x, double y, String cssClass) {
        double r = MEAN_RADIUS;
        svg.empty("path", "class", cssClass,
                "d", "M" + number(x) + "," + number(y - r) + "L" + number(x + r) + "," + number(y)
                        + "L" + number(x) + "," + number(y + r) + "L" + number(x - r) + "," + number(y) + "Z",
                "fill", Palette.PAPER, "stroke", Palette.INK, "stroke-width", "1.5");
    }
}
