package org.meridian.server.scenario.plot;

import static org.meridian.server.scenario.plot.SvgWriter.number;

import java.util.List;

/**
 * What every chart shares: the root element with its accessible name and description, a fixed
 * viewBox (so the page scales the chart, not the renderer), the plot area inside it, and the axes.
 */
final class ChartFrame {
    static final double WIDTH = 640;
    static final double HEIGHT = 360;
    static final double LEFT = 76;
    static final double RIGHT = 612;
    static final double TOP = 40;
    static final double BOTTOM = 300;
    /** Baseline of the key (legend) line above the plot area. */
    static final double KEY_BASELINE = 22;
    /** At most this many ticks per axis: enough to read values, few enough for labels to fit. */
    static final int MAXIMUM_TICKS = 8;
    /** Average advance of a 12-unit sans-serif character, for fitting labels without a font. */
    static final double CHARACTER_WIDTH = 6.4;

    private ChartFrame() {
    }

    /**
     * Opens the root {@code <svg>} with {@code role="img"}, labelled by its {@code <title>} and
     * described by its {@code <desc>}: role="img" hides the drawing from assistive technology, so
     * the description has to carry the numbers.
     */
    static SvgWriter open(ChartCaption caption, String kind, String description) {
        SvgWriter svg = new SvgWriter();
        svg.start("svg",
                "xmlns", "http://www.w3.org/2000/svg",
                "id", caption.id(),
                "class", "chart chart-" + kind,
                "viewBox", "0 0 " + number(WIDTH) + " " + number(HEIGHT),
                "role", "img",
                "aria-labelledby", caption.titleId() + " " + caption.descriptionId(),
                "font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
                "font-size", "12");
        svg.text("title", caption.title(), "id", caption.titleId());
        svg.text("desc", description, "id", caption.descriptionId());
        return svg;
    }

    /** Grid lines, tick labels and title of a vertical value axis; returns its scale. */
    static LinearScale verticalAxis(SvgWriter svg, NiceScale ticks, AxisTitle title) {
        LinearScale scale = LinearScale.of(ticks, BOTTOM, TOP);
        List<String> labels = ticks.labels();
        svg.start("g", "class", "axis axis-y");
        for (int index = 0; index < ticks.count(); index++) {
            String y = number(scale.at(ticks.tick(index)));
            svg.empty("line", "class", "grid", "x1", number(LEFT), "x2", number(RIGHT), "y1", y, "y2", y,
                    "stroke", Palette.LINE);
            svg.text("text", labels.get(index), "class", "tick-label", "x", number(LEFT - 8),
                    "y", number(scale.at(ticks.tick(index)) + 4), "text-anchor", "end", "fill", Palette.INK);
        }
        double middle = (TOP + BOTTOM) / 2;
        svg.text("text", title.text(ticks.labelPower()), "class", "axis-title", "x", number(-middle), "y", "16",
                "transform", "rotate(-90)", "text-anchor", "middle", "fill", Palette.INK);
        svg.end();
        return scale;
    }

    /** Base line, tick marks, tick labels and title of a horizontal value axis; returns its scale. */
    static LinearScale horizontalAxis(SvgWriter svg, NiceScale ticks, AxisTitle title) {
        LinearScale scale = LinearScale.of(ticks, LEFT, RIGHT);
        List<String> labels = ticks.labels();
        svg.start("g", "class", "axis axis-x");
        svg.empty("line", "class", "baseline", "x1", number(LEFT), "x2", number(RIGHT),
                "y1", number(BOTTOM), "y2", number(BOTTOM), "stroke", Palette.INK);
        for (int index = 0; index < ticks.count(); index++) {
            String x = number(scale.at(ticks.tick(index)));
            svg.empty("line", "class", "tick", "x1", x, "x2", x, "y1", number(BOTTOM), "y2", number(BOTTOM + 5),
                    "stroke", Palette.INK);
            svg.text("text", labels.get(index), "class", "tick-label", "x", x, "y", number(BOTTOM + 19),
                    "text-anchor", "middle", "fill", Palette.INK);
        }
        svg.text("text", title.text(ticks.labelPower()), "class", "axis-title", "x", number((LEFT + RIGHT) / 2),
                "y", number(HEIGHT - 12), "text-anchor", "middle", "fill", Palette.INK);
        svg.end();
        return scale;
    }

    /** The line under a category axis (box and violin plots), drawn over the lowest grid line. */
    static void categoryBaseline(SvgWriter svg) {
        svg.empty("line", "class", "baseline", "x1", number(LEFT), "x2", number(RIGHT),
                "y1", number(BOTTOM), "y2", number(BOTTOM), "stroke", Palette.INK);
    }

    /** A key entry's text, starting at {@code x}; returns where the next entry may start. */
    static double keyText(SvgWriter svg, double x, String text) {
        svg.text("text", text, "class", "key-label", "x", number(x), "y", number(KEY_BASELINE), "fill", Palette.INK);
        return x + text.length() * CHARACTER_WIDTH + 12;
    }

    /** {@code label} cut with an ellipsis to fit {@code width}; the full label stays in the description. */
    static String fit(String label, double width) {
        int characters = Math.max(1, (int) (width / CHARACTER_WIDTH));
        if (label.codePointCount(0, label.length()) <= characters) {
            return label;
        }
        int end = label.offsetByCodePoints(0, Math.max(1, characters - 1));
        return label.substring(0, end) + "…";
    }
}
