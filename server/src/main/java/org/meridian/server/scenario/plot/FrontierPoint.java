package org.meridian.server.scenario.plot;

/**
 * One point of an efficient frontier: the swept constraint (a budget, or another metric's bound)
 * and the best statistic found there; from {@code EfficientFrontier.Point} as
 * {@code new FrontierPoint(point.constraint(), point.result().objective(), point.result().feasible())}.
 *
 * @param feasible false when the optimiser found no point meeting every constraint and reports
 *     the least-violating one; drawn hollow and left off the frontier line
 */
public record FrontierPoint(double x, double y, boolean feasible) {
    public FrontierPoint {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("a frontier point must be finite, got (" + x + ", " + y + ")");
        }
    }
}
