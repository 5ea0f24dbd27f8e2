package org.meridian.server.scenario.plot;

import static java.util.Objects.requireNonNull;
import static org.meridian.server.scenario.plot.SvgWriter.number;

/**
 * A histogram of one series. Bin edges fall on round numbers (a 1-2-5 step), so a reader can say
 * "between 4.2 and 4.4" rather than "between 4.1873 and 4.3391"; bins are closed below and open
 * above, except the last, which includes its upper edge.
 */
public record HistogramPlot(ChartCaption caption, AxisTitle valueAxis, Series series) implements Chart {
    /** Square-root rule for the bin count, within limits a 550-unit-wide plot can show. */
    private static final int FEWEST_BINS = 5;
    private static final int MOST_BINS = 30;

    public HistogramPlot {
        requireNonNull(caption, "caption is null");
        requireNonNull(valueAxis, "valueAxis is null");
        requireNonNull(series, "series is null");
    }

    @Override
    public String toSvg() {
        double[] samples = series.sharedSamples();
        BoxSummary summary = BoxSummary.of(samples);
        int targetBins = (int) Math.min(MOST_BINS, Math.max(FEWEST_BINS, Math.ceil(Math.sqrt(samples.length))));
        NiceScale edges = NiceScale.covering(summary.minimum(), summary.maximum(), targetBins + 1);
        long[] counts = count(samples, edges);
        long tallest = 0;
        for (long count : counts) {
            tallest = Math.max(tallest, count);
        }
        // At least 0..5 on the count axis keeps its step whole: no "0.5 samples" tick.
        NiceScale countTicks = NiceScale.covering(0, Math.max(tallest, 5), 6);
        NiceScale valueTicks = NiceScale.covering(edges.first(), edges.last(), ChartFrame.MAXIMUM_TICKS);

        SvgWriter svg = ChartFrame.open(caption, "histogram", description(summary, edges, counts));
        svg.start("g", "class", "key", "aria-hidden", "true");
        medianLine(svg, ChartFrame.LEFT, ChartFrame.LEFT + 18, ChartFrame.KEY_BASELINE - 4, ChartFrame.KEY_BASELINE - 4);
        ChartFrame.keyText(svg, ChartFrame.LEFT + 24, "Median");
        svg.end();
        LinearScale y = ChartFrame.verticalAxis(svg, countTicks, AxisTitle.dimensionless("Samples"));
        LinearScale x = ChartFrame.horizontalAxis(svg, valueTicks, valueAxis);
        svg.start("g", "class", Palette.cssClass(0));
        for (int bin = 0; bin < counts.length; bin++) {
            double left = x.at(edges.tick(bin));
            double right = x.at(edges.tick(bin + 1));
            double top = y.at(counts[bin]);
            // A one-unit gap keeps neighbouring bars apart without outlines.
            svg.start("rect", "class", "bar", "x", number(left + 0.5), "y", number(top),
                    "width", number(Math.max(0.5, right - left - 1)), "height", number(ChartFrame.BOTTOM - top),
                    "fill", Palette.colour(0));
            svg.text("title", ReadableNumber.of(edges.tick(bin)) + " to " + ReadableNumber.of(edges.tick(bin + 1))
                    + ": " + counts[bin] + " samples");
            svg.end();
        }
        double median = x.at(summary.median());
        medianLine(svg, median, median, ChartFrame.TOP, ChartFrame.BOTTOM);
        svg.end();
        return svg.end().finish();
    }

    private static long[] count(double[] samples, NiceScale edges) {
        long[] counts = new long[edges.count() - 1];
        double first = edges.first();
        double step = edges.step();
        for (double sample : samples) {
            int bin = (int) Math.floor((sample - first) / step);
            counts[Math.max(0, Math.min(counts.length - 1, bin))]++;
        }
        return counts;
    }

    private static void medianLine(SvgWriter svg, double x1, double x2, double y1, double y2) {
        svg.empty("line", "class", "median", "x1", number(x1), "x2", number(x2), "y1", number(y1), "y2", number(y2),
                "stroke", Palette.INK, "stroke-width", "2", "stroke-dasharray", "5 3");
    }

    private String description(BoxSummary summary, NiceScale edges, long[] counts) {
        StringBuilder text = new StringBuilder()
                .append("Histogram of ").append(valueAxis.text()).append(", ").append(series.size())
                .append(" samples of ").append(series.label()).append(" in ").append(counts.length)
                .append(" bins of width ").append(ReadableNumber.of(edges.step()))
                .append(" from ").append(ReadableNumber.of(edges.first()))
                .append(" to ").append(ReadableNumber.of(edges.last())).append(". ")
                .append(summary.readable(series.label())).append(". Samples per bin, lowest first: ");
        for (int bin = 0; bin < counts.length; bin++) {
            text.append(bin == 0 ? "" : ", ").append(counts[bin]);
        }
        return text.append('.').toString();
    }
}
