package org.meridian.scenario.distribution;

import org.apache.commons.math3.special.Erf;

/** The standard normal CDF and its inverse, accurate in the tails (needed for truncation far out). */
final class StandardNormal {
    private static final double SQRT_TWO = Math.sqrt(2);
    private static final double SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

    private StandardNormal() {
    }

    static double density(double x) {
        return Math.exp(-x * x / 2) / SQRT_TWO_PI;
    }

    /** Φ(x); through erfc so that Φ of a very negative x keeps its relative precision. */
    static double cumulative(double x) {
        return Erf.erfc(-x / SQRT_TWO) / 2;
    }

    /**
     * Φ⁻¹(p) for p in (0, 1): Acklam's rational approximation (relative error about 1e-9) refined
     * by one Halley step against {@link #cumulative}, which brings it to double precision.
     */
    static double inverseCumulative(double probability) {
        double approximation = acklam(probability);
        double error = cumulative(approximation) - probability;
        double step = error * SQRT_TWO_PI * Math.exp(approximation * approximation / 2);
        return approximation - step / (1 + approximation * step / 2);
    }

    private static double acklam(double p) {
        final double a1 = -3.969683028665376e+01, a2 = 2.209460984245205e+02, a3 = -2.759285104469687e+02,
                a4 = 1.383577518672690e+02, a5 = -3.066479806614716e+01, a6 = 2.506628277459239e+00;
        final double b1 = -5.447609879822406e+01, b2 = 1.615858368580409e+02, b3 = -1.556989798598866e+02,
                b4 = 6.680131188771972e+01, b5 = -1.328068155288572e+01;
        final double c1 = -7.784894002430293e-03, c2 = -3.223964580411365e-01, c3 = -2.400758277161838e+00,
                c4 = -2.549732539343734e+00, c5 = 4.374664141464968e+00, c6 = 2.938163982698783e+00;
        final double d1 = 7.784695709041462e-03, d2 = 3.224671290700398e-01, d3 = 2.445134137142996e+00,
                d4 = 3.754408661907416e+00;
        final double lowerBreak = 0.02425;
        if (p < lowerBreak) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6)
                    / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
        }
        if (p > 1 - lowerBreak) {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            return -(((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6)
                    / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q
                / (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1);
    }
}
