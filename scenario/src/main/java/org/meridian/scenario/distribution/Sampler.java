package org.meridian.scenario.distribution;

import java.util.random.RandomGenerator;

/**
 * Draws values of one {@link Distribution}, with whatever it could precompute from the parameters.
 *
 * <p>Contract: a sampler holds no mutable state; every draw takes its randomness from the generator
 * passed in, so one sampler may serve many threads, and the same generator state always gives the
 * same values.
 */
public interface Sampler {
    /** One draw. */
    double next(RandomGenerator random);

    /** Fills {@code target[from, to)} with independent draws, in index order. */
    default void fill(RandomGenerator random, double[] target, int from, int to) {
        for (int index = from; index < to; index++) {
            target[index] = next(random);
        }
    }
}
