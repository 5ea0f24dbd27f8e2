package org.meridian.scenario.distribution;

/**
 * scipy's {@code triang(c, loc, scale)}: triangular on {@code [loc, loc + scale]} with its mode at
 * {@code loc + c * scale}.
 */
public record Triangular(double mode, double location, double scale) implements Distribution {
    public Triangular {
        Distribution.requireFinite("triang", "c", mode);
        if (mode < 0 || mode > 1) {
            throw new InvalidDistributionException("triang: c must be within [0, 1], got " + mode);
        }
        Distribution.requireFinite("triang", "loc", location);
        Distribution.requirePositive("triang", "scale", scale);
    }

    @Override
    public double mean() {
        return location + scale * (1 + mode) / 3;
    }

    @Override
    public Sampler sampler() {
        // Inverse of the CDF: one uniform per draw, no rejection.
        return random -> {
            double uniform = random.nextDouble();
            double unit = uniform < mode
                    ? Math.sqrt(uniform * mode)
                    : 1 - Math.sqrt((1 - uniform) * (1 - mode));
            return location + scale * unit;
        };
    }
}
