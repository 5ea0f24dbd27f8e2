package org.meridian.scenario.distribution;

/** scipy's {@code uniform(loc, scale)}: uniform on {@code [loc, loc + scale]}. */
public record Uniform(double location, double scale) implements Distribution {
    public Uniform {
        Distribution.requireFinite("uniform", "loc", location);
        Distribution.requirePositive("uniform", "scale", scale);
    }

    @Override
    public double mean() {
        return location + scale / 2;
    }

    @Override
    public Sampler sampler() {
        return random -> location + scale * random.nextDouble();
    }
}
