package org.meridian.server.scenario.plot;

import static java.util.Objects.requireNonNull;
import static org.meridian.server.scenario.plot.SvgWriter.number;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * An efficient frontier: the best statistic of one metric (y) against a swept constraint (x),
 * feasible points joined in order of x, and optionally one point ringed as the optimum.
 *
 * @param optimum index into {@code points} of the point to highlight, if any
 */
public record FrontierPlot(ChartCaption caption, AxisTitle xAxis, AxisTitle yAxis, List<FrontierPoint> points,
        OptionalInt optimum) implements Chart {
    private static final double POINT_RADIUS = 4;
    private static final double OPTIMUM_RADIUS = 9;
    /** Vermillion: apart from the points' blue for every colour vision. */
    private static final String OPTIMUM_COLOUR = Palette.colour(3);

    public FrontierPlot {
        requireNonNull(caption, "caption is null");
        requireNonNull(xAxis, "xAxis is null");
        requireNonNull(yAxis, "yAxis is null");
        points = List.copyOf(requireNonNull(points, "points is null"));
        requireNonNull(optimum, "optimum is null");
        if (points.isEmpty()) {
            throw new IllegalArgumentException("frontier '" + caption.title() + "' needs at least one point");
        }
        if (optimum.isPresent() && (optimum.getAsInt() < 0 || optimum.getAsInt() >= points.size())) {
            throw new IllegalArgumentException("optimum must index one of the " + points.size()
                    + " points, got " + optimum.getAsInt());
        }
    }

    /** A frontier with no point highlighted. */
    public FrontierPlot(ChartCaption caption, AxisTitle xAxis, AxisTitle yAxis, List<FrontierPoint> points) {
        this(caption, xAxis, yAxis, points, OptionalInt.empty());
    }

    @Override
    public String toSvg() {
        NiceScale xTicks = NiceScale.covering(points.stream().mapToDouble(FrontierPoint::x).min().orElseThrow(),
                points.stream().mapToDouble(FrontierPoint::x).max().orElseThrow(), ChartFrame.MAXIMUM_TICKS);
        NiceScale yTicks = NiceScale.covering(points.stream().mapToDouble(FrontierPoint::y).min().orElseThrow(),
                points.stream().mapToDouble(FrontierPoint::y).max().orElseThrow(), ChartFrame.MAXIMUM_TICKS);
        SvgWriter svg = ChartFrame.open(caption, "frontier", description());
        key(svg);
        LinearScale y = ChartFrame.verticalAxis(svg, yTicks, yAxis);
        LinearScale x = ChartFrame.horizontalAxis(svg, xTicks, xAxis);

        svg.start("g", "class", Palette.cssClass(0));
        String line = points.stream()
                .filter(FrontierPoint::feasible)
                .sorted(Comparator.comparingDouble(FrontierPoint::x))
                .map(point -> number(x.at(point.x())) + "," + number(y.at(point.y())))
                .reduce((left, right) -> left + " " + right)
                .orElse("");
        if (!line.isEmpty()) {
            svg.empty("polyline", "class", "frontier-line", "points", line, "fill", "none",
                    "stroke", Palette.colour(0), "stroke-width", "2");
        }
        for (FrontierPoint point : points) {
            marker(svg, x.at(point.x()), y.at(point.y()), point.feasible(), "point");
        }
        svg.end();
        if (optimum.isPresent()) {
            highlight(svg, points.get(optimum.getAsInt()), x, y);
        }
        return svg.end().finish();
    }

    /** A point, or with {@code cssClass} "key-point" its sample in the key. */
    private static void marker(SvgWriter svg, double x, double y, boolean feasible, String cssClass) {
        svg.empty("circle", "class", feasible ? cssClass : cssClass + " " + cssClass + "-infeasible",
                "cx", number(x), "cy", number(y),
                "r", number(POINT_RADIUS), "fill", feasible ? Palette.colour(0) : Palette.PAPER,
                "stroke", Palette.colour(0), "stroke-width", "1.5");
    }

    private void highlight(SvgWriter svg, FrontierPoint point, LinearScale x, LinearScale y) {
        double cx = x.at(point.x());
        double cy = y.at(point.y());
        svg.start("g", "class", "optimum");
        svg.empty("circle", "class", "optimum-ring", "cx", number(cx), "cy", number(cy), "r", number(OPTIMUM_RADIUS),
                "fill", "none", "stroke", OPTIMUM_COLOUR, "stroke-width", "2.5");
        // Label on the side with room, below the ring when it is near the top.
        boolean rightHalf = cx > (ChartFrame.LEFT + ChartFrame.RIGHT) / 2;
        double labelY = cy - OPTIMUM_RADIUS - 6 < ChartFrame.TOP + 12 ? cy + OPTIMUM_RADIUS + 16 : cy - OPTIMUM_RADIUS - 6;
        svg.text("text", "Optimum " + ReadableNumber.of(point.y()) + " at " + ReadableNumber.of(point.x()),
                "class", "optimum-label", "x", number(rightHalf ? cx - 6 : cx + 6), "y", number(labelY),
                "text-anchor", rightHalf ? "end" : "start", "fill", Palette.INK, "font-weight", "600",
                // A paper-coloured outline keeps the label legible where it crosses the line.
                "stroke", Palette.PAPER, "stroke-width", "4", "paint-order", "stroke");
        svg.end();
    }

    private void key(SvgWriter svg) {
        double baseline = ChartFrame.KEY_BASELINE;
        double x = ChartFrame.LEFT;
        // In the series' class too, so a page theme recolours the key with the points.
        svg.start("g", "class", "key " + Palette.cssClass(0), "aria-hidden", "true");
        marker(svg, x + POINT_RADIUS, baseline - 4, true, "key-point");
        x = ChartFrame.keyText(svg, x + 2 * POINT_RADIUS + 4, "Best found");
        if (points.stream().anyMatch(point -> !point.feasible())) {
            marker(svg, x + POINT_RADIUS, baseline - 4, false, "key-point");
            x = ChartFrame.keyText(svg, x + 2 * POINT_RADIUS + 4, "Constraints not met");
        }
        if (optimum.isPresent()) {
            svg.empty("circle", "class", "optimum-ring", "cx", number(x + OPTIMUM_RADIUS / 2),
                    "cy", number(baseline - 4), "r", number(OPTIMUM_RADIUS / 2), "fill", "none",
                    "stroke", OPTIMUM_COLOUR, "stroke-width", "2.5");
            ChartFrame.keyText(svg, x + OPTIMUM_RADIUS + 4, "Optimum");
        }
        svg.end();
    }

    private String description() {
        StringBuilder text = new StringBuilder()
                .append("Efficient frontier: best ").append(yAxis.text()).append(" against ").append(xAxis.text())
                .append(", ").append(points.size()).append(points.size() == 1 ? " point." : " points.");
        if (optimum.isPresent()) {
            FrontierPoint best = points.get(optimum.getAsInt());
            text.append(" Optimum: ").append(ReadableNumber.of(best.y())).append(" at ")
                    .append(ReadableNumber.of(best.x())).append('.');
        }
        text.append(" Points as (").append(xAxis.quantity()).append(", ").append(yAxis.quantity()).append("):");
        for (int index = 0; index < points.size(); index++) {
            FrontierPoint point = points.get(index);
            text.append(index == 0 ? " " : "; ").append('(').append(ReadableNumber.of(point.x())).append(", ")
                    .append(ReadableNumber.of(point.y())).append(')');
            if (!point.feasible()) {
                text.append(" constraints not met");
            }
        }
        return text.append('.').toString();
    }
}
