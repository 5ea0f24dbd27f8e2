package org.meridian.server.scenario.plot;

/**
 * A chart of scenario results, rendered on the server as inline SVG (no script, so it works in
 * htmx swaps and with JavaScript off).
 *
 * <p>Contract of {@link #toSvg()}: a well-formed, standalone {@code <svg>} element sized only by
 * its {@code viewBox} (it takes the width of its container), with {@code role="img"}, a
 * {@code <title>} and a {@code <desc>} that states the numbers shown, referenced by
 * {@code aria-labelledby}. All user text is escaped. Series colours are presentation attributes
 * with {@code series-N} classes, so page CSS can restyle them. The same chart always gives the
 * same string.
 */
public sealed interface Chart permits BoxPlot, ViolinPlot, HistogramPlot, FrontierPlot {
    ChartCaption caption();

    String toSvg();
}
