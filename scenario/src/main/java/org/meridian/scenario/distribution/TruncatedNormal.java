package org.meridian.scenario.distribution;

/**
 * scipy's {@code truncnorm(a, b, loc, scale)}: a normal with mean {@code loc} and standard
 * deviation {@code scale}, truncated to {@code [loc + a·scale, loc + b·scale]} — the bounds
 * {@code a} and {@code b} are in standard-deviation units, as in scipy and Tyche workbooks.
 */
public record TruncatedNormal(double lower, double upper, double location, double scale) implements Distribution {
    /** Below this share of the normal inside the bounds, rejection wastes more than inversion costs. */
    private static final double REJECTION_THRESHOLD = 0.25;

    public TruncatedNormal {
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            throw new InvalidDistributionException("truncnorm: a and b must be numbers, got " + lower + " and " + upper);
        }
        if (!(lower < upper)) {
            throw new InvalidDistributionException(
                    "truncnorm: a must be less than b, got a = " + lower + ", b = " + upper);
        }
        Distribution.requireFinite("truncnorm", "loc", location);
        Distribution.requirePositive("truncnorm", "scale", scale);
        if (!(probabilityInside(lower, upper) > 0)) {
            throw new InvalidDistributionException("truncnorm: the interval a = " + lower + ", b = " + upper
                    + " holds no probability of the standard normal that double precision can represent");
        }
    }

    /** Φ(b) − Φ(a), computed on the side of zero where the CDF keeps its relative precision. */
    private static double probabilityInside(double lower, double upper) {
        return lower > 0
                ? StandardNormal.cumulative(-lower) - StandardNormal.cumulative(-upper)
                : StandardNormal.cumulative(upper) - StandardNormal.cumulative(lower);
    }

    @Override
    public double mean() {
        double densityLower = Double.isInfinite(lower) ? 0 : StandardNormal.density(lower);
        double densityUpper = Double.isInfinite(upper) ? 0 : StandardNormal.density(upper);
        return location + scale * (densityLower - densityUpper) / probabilityInside(lower, upper);
    }

    @Override
    public Sampler sampler() {
        double inside = probabilityInside(lower, upper);
        if (inside >= REJECTION_THRESHOLD) {
            // Exact: a standard normal conditioned on the interval; at most 4 tries expected.
            return random -> {
                double standard;
                do {
                    standard = random.nextGaussian();
                } while (standard < lower || standard > upper);
                return location + scale * standard;
            };
        }
        // Inversion on the negative side (mirrored when the interval is above zero), where Φ is
        // small and precise, so far tails sample correctly.
        boolean mirrored = lower > 0;
        double from = mirrored ? StandardNormal.cumulative(-upper) : StandardNormal.cumulative(lower);
        double to = mirrored ? StandardNormal.cumulative(-lower) : StandardNormal.cumulative(upper);
        return random -> {
            double probability = from + random.nextDouble() * (to - from);
            double standard = StandardNormal.inverseCumulative(Math.max(probability, Double.MIN_NORMAL));
            if (mirrored) {
                standard = -standard;
            }
            return location + scale * Math.min(Math.max(standard, lower), upper);
        };
    }
}
