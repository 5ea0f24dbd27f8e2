package org.meridian.scenario.distribution;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** A certain value: every draw is {@code value}. */
public record Constant(double value) implements Distribution {
    public Constant {
        Distribution.requireFinite("constant", "value", value);
    }

    @Override
    public double mean() {
        return value;
    }

    @Override
    public Sampler sampler() {
        return new Sampler() {
            @Override
            public double next(RandomGenerator random) {
                return value;
            }

            @Override
            public void fill(RandomGenerator random, double[] target, int from, int to) {
                Arrays.fill(target, from, to, value);
            }
        };
    }
}
