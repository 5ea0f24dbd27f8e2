package org.meridian.server.catalog;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads pages on a second thread while the caller handles the current one, so reading the
 * database and indexing overlap. The reader stops at the first empty page.
 *
 * <p>Either side may fail, and neither is left waiting for the other: a read failure ends the
 * pages and is thrown to the caller as a {@link ReadFailedException}; a handler failure tells the
 * reader to stop before it is thrown.
 */
final class PrefetchedPages {
    /** Pages read ahead; a few keep the handler busy without holding much in the heap. */
    private static final int READ_AHEAD = 4;
    /** How long a waiting reader goes without checking whether the handler stopped. */
    private static final long STOP_CHECK_MILLIS = 50;

    /** The reader's failure, thrown on the caller's thread with the reader's exception as cause. */
    static final class ReadFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReadFailedException(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private PrefetchedPages() {
    }

    /** Hands every page {@code read} returns, up to the first empty one, to {@code handler}, in order. */
    static <T> void forEach(String threadName, Supplier<List<T>> read, Consumer<List<T>> handler) {
        BlockingQueue<List<T>> pages = new ArrayBlockingQueue<>(READ_AHEAD);
        AtomicReference<RuntimeException> readFailure = new AtomicReference<>();
        // The reader is told to stop with this flag, never interrupted: an interrupt during a read
        // closes the database file's channel (NIO), which takes H2 down for the whole node.
        AtomicBoolean stopped = new AtomicBoolean();
        Thread reader = Thread.ofPlatform().name(threadName).daemon().start(() -> {
            try {
                List<T> page;
                do {
                    page = read.get();
                } while (handOver(pages, page, stopped) && !page.isEmpty());
            } catch (RuntimeException e) {
                readFailure.set(e);
                // Waiting for room, not offering once: with the queue full an offered end would be
                // lost and the handler would wait for it forever.
                handOver(pages, List.of(), stopped);
            }
        });
        try {
            List<T> page;
            while (!(page = pages.take()).isEmpty()) {
                handler.accept(page);
            }
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(threadName + " interrupted", e);
        } finally {
            // After a handler failure the reader may be waiting to hand over a page nobody takes;
            // it sees the flag within one wait and ends, after the read it may be in finishes.
            stopped.set(true);
            pages.clear();
        }
        if (readFailure.get() != null) {
            throw new ReadFailedException(readFailure.get());
        }
    }

    /** Puts {@code page} in the queue as soon as there is room; false when the caller stopped taking pages. */
    private static <T> boolean handOver(BlockingQueue<List<T>> pages, List<T> page, AtomicBoolean stopped) {
        try {
            while (!stopped.get()) {
                if (pages.offer(page, STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
