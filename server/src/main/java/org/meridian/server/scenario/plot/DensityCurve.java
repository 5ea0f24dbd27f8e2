package org.meridian.server.scenario.plot;

/**
 * A smoothed density of samples at evenly spaced points from their minimum to their maximum
 * (nothing drawn beyond the data), scaled so the peak is 1.
 *
 * <p>Gaussian kernel with Silverman's rule-of-thumb bandwidth, evaluated over a fine histogram
 * of the samples instead of each sample: 100,000 samples then cost a few thousand kernel
 * evaluations, not millions, at an error far below a pixel. The bandwidth is never below the
 * spacing of the points, so a spike narrower than the drawing cannot fall between them.
 *
 * @param heights density at each point, in [0, 1]; one point when all samples are equal
 */
record DensityCurve(double minimum, double maximum, double[] heights) {
    static final int POINTS = 96;
    private static final int BINS = 512;

    static DensityCurve of(double[] samples, BoxSummary summary) {
        double minimum = summary.minimum();
        double maximum = summary.maximum();
        if (minimum == maximum) {
            return new DensityCurve(minimum, maximum, new double[] {1});
        }
        double range = maximum - minimum;
        double[] counts = new double[BINS];
        for (double sample : samples) {
            counts[Math.min(BINS - 1, (int) ((sample - minimum) / range * BINS))]++;
        }
        double pointSpacing = range / (POINTS - 1);
        double bandwidth = Math.max(silverman(samples, summary), pointSpacing);
        double binWidth = range / BINS;
        double[] heights = new double[POINTS];
        double peak = 0;
        for (int point = 0; point < POINTS; point++) {
            double at = minimum + point * pointSpacing;
            double sum = 0;
            for (int bin = 0; bin < BINS; bin++) {
                if (counts[bin] > 0) {
                    double distance = (at - (minimum + (bin + 0.5) * binWidth)) / bandwidth;
                    sum += counts[bin] * Math.exp(-0.5 * distance * distance);
                }
            }
            heights[point] = sum;
            peak = Math.max(peak, sum);
        }
        // Every point lies within one bandwidth of an occupied bin, so the peak is positive.
        for (int point = 0; point < POINTS; point++) {
            heights[point] /= peak;
        }
        return new DensityCurve(minimum, maximum, heights);
    }

    /** 0.9 · min(σ, IQR / 1.34) · n^(−1/5), falling back to σ when over half the samples are equal. */
    private static double silverman(double[] samples, BoxSummary summary) {
        double sumOfSquares = 0;
        for (double sample : samples) {
            double deviation = sample - summary.mean();
            sumOfSquares += deviation * deviation;
        }
        double deviation = Math.sqrt(sumOfSquares / Math.max(1, samples.length - 1));
        double quartileSpread = (summary.p75() - summary.p25()) / 1.34;
        double spread = quartileSpread > 0 ? Math.min(deviation, quartileSpread) : deviation;
        return 0.9 * spread * Math.pow(samples.length, -0.2);
    }

    boolean isSingleValue() {
        return heights.length == 1;
    }

    /** Where point {@code index} lies on the value axis. */
    double valueAt(int index) {
        return heights.length == 1 ? minimum : minimum + (maximum - minimum) * index / (heights.length - 1);
    }
}
