package org.meridian.scenario.expression;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The columns one worker evaluates a chunk of samples in: one {@code double[]} per slot (sampled
 * variables, function results, definitions), scratch columns for intermediate results, and the
 * lanes where some operation produced a non-finite value (checked afterwards, see {@link Node}).
 *
 * <p>Not thread-safe: each worker owns its frame and reuses it chunk after chunk.
 */
public final class Frame {
    private final double[][] columns;
    private final int capacity;
    private final Deque<double[]> scratch = new ArrayDeque<>();
    private final boolean[] suspect;
    private boolean anySuspect;
    private int length;

    public Frame(int slots, int capacity) {
        if (slots < 0 || capacity < 1) {
            throw new IllegalArgumentException("slots must be >= 0 and capacity >= 1, got " + slots + ", " + capacity);
        }
        this.columns = new double[slots][capacity];
        this.capacity = capacity;
        this.suspect = new boolean[capacity];
        this.length = capacity;
    }

    /** Starts a chunk of {@code length} samples: lanes {@code [0, length)} of every column. */
    public void reset(int length) {
        if (length < 1 || length > capacity) {
            throw new IllegalArgumentException("length must be within [1, " + capacity + "], got " + length);
        }
        this.length = length;
        clearSuspects();
    }

    public int length() {
        return length;
    }

    public double[] column(int slot) {
        return columns[slot];
    }

    /** The column of a slot loaded directly, or {@code buffer} after evaluating {@code node} into it. */
    double[] operand(Node node, double[] buffer) {
        if (node instanceof Node.Load load) {
            return columns[load.slot()];
        }
        node.evaluate(this, buffer);
        return buffer;
    }

    double[] borrow() {
        double[] buffer = scratch.poll();
        return buffer == null ? new double[capacity] : buffer;
    }

    void release(double[] buffer) {
        scratch.push(buffer);
    }

    /** Records the lanes of {@code values} that are NaN or infinite. */
    void flagNonFinite(double[] values) {
        for (int lane = 0; lane < length; lane++) {
            if (!Double.isFinite(values[lane])) {
                suspect[lane] = true;
                anySuspect = true;
            }
        }
    }

    /** Whether any flagged operation produced a non-finite value since the last clear. */
    public boolean anySuspect() {
        return anySuspect;
    }

    public boolean suspect(int lane) {
        return suspect[lane];
    }

    public void clearSuspects() {
        if (anySuspect) {
            Arrays.fill(suspect, false);
            anySuspect = false;
        }
    }
}
