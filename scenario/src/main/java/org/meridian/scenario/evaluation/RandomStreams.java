package org.meridian.scenario.evaluation;

import static java.util.Objects.requireNonNull;

import java.util.random.RandomGenerator.SplittableGenerator;

/**
 * One independent random stream per (scenario, sampled cell, chunk of samples), split from the
 * run's generator in a fixed nested order before any work starts. Which thread later evaluates a
 * chunk therefore cannot change its numbers: one thread and many threads give bit-identical
 * results for the same seed. A chunk's stream also does not depend on how many chunks follow, so
 * the first samples of a longer run equal a shorter run's.
 */
final class RandomStreams {
    private final SplittableGenerator[][][] streams;

    RandomStreams(SplittableGenerator root, int scenarios, int cells, int chunks) {
        requireNonNull(root, "root is null");
        streams = new SplittableGenerator[scenarios][cells][chunks];
        for (int scenario = 0; scenario < scenarios; scenario++) {
            SplittableGenerator scenarioRoot = root.split();
            for (int cell = 0; cell < cells; cell++) {
                SplittableGenerator cellRoot = scenarioRoot.split();
                for (int chunk = 0; chunk < chunks; chunk++) {
                    streams[scenario][cell][chunk] = cellRoot.split();
                }
            }
        }
    }

    /** The stream of one cell in one chunk; used by exactly one task, so it needs no locking. */
    SplittableGenerator stream(int scenario, int cell, int chunk) {
        return streams[scenario][cell][chunk];
    }
}
