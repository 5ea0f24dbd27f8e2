package org.meridian.server.scenario.plot;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Box plots of one result (a variable and index, e.g. Metric / Cost) for several scenarios side
 * by side on one value axis.
 */
public record BoxPlot(ChartCaption caption, AxisTitle valueAxis, List<BoxSeries> series) implements Chart {
    public BoxPlot {
        requireNonNull(caption, "caption is null");
        requireNonNull(valueAxis, "valueAxis is null");
        series = List.copyOf(requireNonNull(series, "series is null"));
        if (series.isEmpty()) {
            throw new IllegalArgumentException("box plot '" + caption.title() + "' needs at least one series");
        }
    }

    /** Summarises each series' samples. */
    public static BoxPlot ofSamples(ChartCaption caption, AxisTitle valueAxis, List<Series> samples) {
        requireNonNull(samples, "samples is null");
        return new BoxPlot(caption, valueAxis, samples.stream().map(BoxSeries::of).toList());
    }

    @Override
    public String toSvg() {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (BoxSeries box : series) {
            // The mean of a skewed distribution can fall outside p10..p90; keep its marker on the axis.
            low = Math.min(low, Math.min(box.summary().p10(), box.summary().mean()));
            high = Math.max(high, Math.max(box.summary().p90(), box.summary().mean()));
        }
        NiceScale ticks = NiceScale.covering(low, high, ChartFrame.MAXIMUM_TICKS);
        SvgWriter svg = ChartFrame.open(caption, "box", description());
        SummaryKey.draw(svg, ChartFrame.LEFT, false);
        LinearScale y = ChartFrame.verticalAxis(svg, ticks, valueAxis);
        ChartFrame.categoryBaseline(svg);
        CategorySlots slots = new CategorySlots(series.size());
        double halfWidth = Math.min(slots.width() * 0.3, 36);
        for (int index = 0; index < series.size(); index++) {
            BoxSeries box = series.get(index);
            svg.start("g", "class", Palette.cssClass(index));
            svg.text("title", box.summary().readable(box.label()));
            BoxGlyph.draw(svg, box.summary(), y, slots.centre(index), halfWidth, Palette.colour(index),
                    BoxGlyph.Style.STANDALONE);
            slots.label(svg, index, box.label());
            svg.end();
        }
        return svg.end().finish();
    }

    private String description() {
        StringBuilder text = new StringBuilder()
                .append("Box plot of ").append(valueAxis.text()).append(" for ").append(series.size())
                .append(series.size() == 1 ? " series. " : " series side by side. ")
                .append(SummaryKey.SPOKEN);
        for (BoxSeries box : series) {
            text.append(' ').append(box.summary().readable(box.label())).append('.');
        }
        return text.toString();
    }
}
