package org.meridian.scenario.distribution;

/**
 * scipy's {@code lognorm(s, loc, scale)}: {@code loc + scale * exp(s * Z)} with Z standard normal,
 * so {@code scale} is the median of the unshifted variable and {@code s} the σ of its logarithm.
 */
public record LogNormal(double shape, double location, double scale) implements Distribution {
    public LogNormal {
        Distribution.requirePositive("lognorm", "s", shape);
        Distribution.requireFinite("lognorm", "loc", location);
        Distribution.requirePositive("lognorm", "scale", scale);
    }

    @Override
    public double mean() {
        return location + scale * Math.exp(shape * shape / 2);
    }

    @Override
    public Sampler sampler() {
        return random -> location + scale * Math.exp(shape * random.nextGaussian());
    }
}
