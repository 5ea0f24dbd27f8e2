package org.meridian.scenario.distribution;

/** scipy's {@code norm(loc, scale)}: normal with mean {@code loc} and standard deviation {@code scale}. */
public record Normal(double location, double scale) implements Distribution {
    public Normal {
        Distribution.requireFinite("norm", "loc", location);
        Distribution.requirePositive("norm", "scale", scale);
    }

    @Override
    public double mean() {
        return location;
    }

    @Override
    public Sampler sampler() {
        return random -> location + scale * random.nextGaussian();
    }
}
