package org.meridian.scenario.evaluation;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.random.RandomGenerator.SplittableGenerator;

/**
 * Hands out the work items of an evaluation — (scenario, chunk) in increasing order — each with
 * one independent random stream per sampled cell. A scenario's generator is split from the run's
 * generator, a cell's from its scenario's, all in a fixed order before work starts; chunk k of a
 * cell gets the (k+1)-th split of the cell's generator. Items are claimed under a lock in order,
 * so which thread evaluates a chunk cannot change its numbers: one thread and many threads give
 * bit-identical results for the same seed. A chunk's stream also does not depend on how many
 * chunks follow, so the first samples of a longer run equal a shorter run's. Memory stays
 * proportional to scenarios × cells, whatever the number of samples.
 */
final class RandomStreams {
    /** One claimed item: its index (scenario × chunks + chunk) and a stream per cell. */
    record Claim(int item, SplittableGenerator[] streams) {
    }

    private final SplittableGenerator[][] cellRoots;
    private final int chunks;
    private final int items;
    private int nextItem;

    RandomStreams(SplittableGenerator root, int scenarios, int cells, int chunks) {
        requireNonNull(root, "root is null");
        this.chunks = chunks;
        this.items = scenarios * chunks;
        cellRoots = new SplittableGenerator[scenarios][cells];
        for (int scenario = 0; scenario < scenarios; scenario++) {
            SplittableGenerator scenarioRoot = root.split();
            for (int cell = 0; cell < cells; cell++) {
                cellRoots[scenario][cell] = scenarioRoot.split();
            }
        }
    }

    /** The next item and its streams, or empty when every item is claimed or {@code limit} passed. */
    synchronized Optional<Claim> claim(int limit) {
        if (nextItem >= items || nextItem > limit) {
            return Optional.empty();
        }
        int item = nextItem++;
        SplittableGenerator[] roots = cellRoots[item / chunks];
        SplittableGenerator[] streams = new SplittableGenerator[roots.length];
        for (int cell = 0; cell < roots.length; cell++) {
            streams[cell] = roots[cell].split();
        }
        return Optional.of(new Claim(item, streams));
    }
}
