package org.meridian.server.scenario.plot;

import static java.util.Objects.requireNonNull;
import static org.meridian.server.scenario.plot.SvgWriter.number;

import java.util.List;

/**
 * Violin plots: each series' smoothed density mirrored about its slot's centre, with a slim box
 * plot inside. Each violin is as wide as the slot allows at its own peak, because the series
 * share a value axis but not a sample count. A series whose samples are all equal is drawn as a
 * flat bar at that value.
 */
public record ViolinPlot(ChartCaption caption, AxisTitle valueAxis, List<Series> series) implements Chart {
    public ViolinPlot {
        requireNonNull(caption, "caption is null");
        requireNonNull(valueAxis, "valueAxis is null");
        series = List.copyOf(requireNonNull(series, "series is null"));
        if (series.isEmpty()) {
            throw new IllegalArgumentException("violin plot '" + caption.title() + "' needs at least one series");
        }
    }

    @Override
    public String toSvg() {
        List<BoxSummary> summaries = series.stream().map(one -> BoxSummary.of(one.sharedSamples())).toList();
        double low = summaries.stream().mapToDouble(BoxSummary::minimum).min().orElseThrow();
        double high = summaries.stream().mapToDouble(BoxSummary::maximum).max().orElseThrow();
        NiceScale ticks = NiceScale.covering(low, high, ChartFrame.MAXIMUM_TICKS);
        SvgWriter svg = ChartFrame.open(caption, "violin", description(summaries));
        SummaryKey.draw(svg, 16, true);
        LinearScale y = ChartFrame.verticalAxis(svg, ticks, valueAxis);
        ChartFrame.categoryBaseline(svg);
        CategorySlots slots = new CategorySlots(series.size());
        double halfWidth = Math.min(slots.width() * 0.42, 90);
        double boxHalfWidth = Math.max(2, Math.min(halfWidth * 0.12, 7));
        for (int index = 0; index < series.size(); index++) {
            Series one = series.get(index);
            BoxSummary summary = summaries.get(index);
            svg.start("g", "class", Palette.cssClass(index));
            svg.text("title", summary.readable(one.label()));
            outline(svg, DensityCurve.of(one.sharedSamples(), summary), y, slots.centre(index), halfWidth,
                    Palette.colour(index));
            BoxGlyph.draw(svg, summary, y, slots.centre(index), boxHalfWidth, Palette.colour(index),
                    BoxGlyph.Style.INSIDE_VIOLIN);
            slots.label(svg, index, one.label());
            svg.end();
        }
        return svg.end().finish();
    }

    private static void outline(SvgWriter svg, DensityCurve density, LinearScale y, double centre, double halfWidth,
            String colour) {
        if (density.isSingleValue()) {
            String at = number(y.at(density.minimum()));
            svg.empty("line", "class", "violin", "x1", number(centre - halfWidth), "x2", number(centre + halfWidth),
                    "y1", at, "y2", at, "stroke", colour, "stroke-width", "4");
            return;
        }
        // Down the right side from the minimum to the maximum, back up the left side mirrored.
        StringBuilder path = new StringBuilder();
        double[] heights = density.heights();
        for (int index = 0; index < heights.length; index++) {
            path.append(index == 0 ? 'M' : 'L').append(number(centre + heights[index] * halfWidth)).append(',')
                    .append(number(y.at(density.valueAt(index))));
        }
        for (int index = heights.length - 1; index >= 0; index--) {
            path.append('L').append(number(centre - heights[index] * halfWidth)).append(',')
                    .append(number(y.at(density.valueAt(index))));
        }
        path.append('Z');
        svg.empty("path", "class", "violin", "d", path.toString(), "fill", colour, "fill-opacity", "0.55",
                "stroke", colour, "stroke-width", "1.5");
    }

    private String description(List<BoxSummary> summaries) {
        StringBuilder text = new StringBuilder()
                .append("Violin plot of ").append(valueAxis.text()).append(" for ").append(series.size())
                .append(" series. The width of each shape shows how densely the samples fall at that value,"
                        + " from the smallest to the largest sample. ")
                .append(SummaryKey.SPOKEN);
        for (int index = 0; index < series.size(); index++) {
            BoxSummary summary = summaries.get(index);
            text.append(' ').append(summary.readable(series.get(index).label()))
                    .append(", range ").append(ReadableNumber.of(summary.minimum()))
                    .append(" to ").append(ReadableNumber.of(summary.maximum()))
                    .append(", ").append(series.get(index).size()).append(" samples.");
        }
        return text.toString();
    }
}
