package org.meridian.scenario.distribution;

import java.util.random.RandomGenerator;

/** scipy's {@code beta(a, b, loc, scale)}: a beta(a, b) variable stretched onto {@code [loc, loc + scale]}. */
public record Beta(double alpha, double beta, double location, double scale) implements Distribution {
    public Beta {
        Distribution.requirePositive("beta", "a", alpha);
        Distribution.requirePositive("beta", "b", beta);
        Distribution.requireFinite("beta", "loc", location);
        Distribution.requirePositive("beta", "scale", scale);
    }

    @Override
    public double mean() {
        return location + scale * alpha / (alpha + beta);
    }

    @Override
    public Sampler sampler() {
        // X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b) is Beta(a, b) for every a, b > 0.
        return random -> {
            double first = gamma(alpha, random);
            double second = gamma(beta, random);
            return location + scale * first / (first + second);
        };
    }

    /** Marsaglia and Tsang's method for shape ≥ 1, with the usual boost U^(1/shape) below 1. */
    static double gamma(double shape, RandomGenerator random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double normal = random.nextGaussian();
            double v = 1 + c * normal;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double uniform = random.nextDouble();
            double squared = normal * normal;
            if (uniform < 1 - 0.0331 * squared * squared
                    || Math.log(uniform) < squared / 2 + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
