package org.meridian.server.scenario.plot;

/** The key above box and violin plots, and the same explanation in words for the description. */
final class SummaryKey {
    static final String SPOKEN = "Boxes span the 25th to 75th percentile, whiskers the 10th to 90th percentile,"
            + " the line in each box is the median and the diamond the mean.";

    private SummaryKey() {
    }

    static void draw(SvgWriter svg, double x, boolean violin) {
        svg.start("g", "class", "key", "aria-hidden", "true");
        if (violin) {
            x = ChartFrame.keyText(svg, x, "Width: density");
        }
        x = ChartFrame.keyText(svg, x, "Box: 25th–75th percentile");
        x = ChartFrame.keyText(svg, x, "Whiskers: 10th–90th");
        x = ChartFrame.keyText(svg, x, "Line: median");
        BoxGlyph.diamond(svg, x + BoxGlyph.MEAN_RADIUS, ChartFrame.KEY_BASELINE - 4, "key-mean");
        ChartFrame.keyText(svg, x + 2 * BoxGlyph.MEAN_RADIUS + 4, "Mean");
        svg.end();
    }
}
