package org.meridian.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrefetchedPagesTest {
    private static final Duration NO_HANG = Duration.ofSeconds(20);

    @Test
    void handsEveryPageInOrderUpToTheFirstEmptyOne() {
        AtomicInteger next = new AtomicInteger();
        List<Integer> handled = new ArrayList<>();

        PrefetchedPages.forEach("test-reader-order", () -> {
            int page = next.getAndIncrement();
            return page < 50 ? List.of(page * 2, page * 2 + 1) : List.of();
        }, handled::addAll);

        assertThat(handled).hasSize(100).isSorted().startsWith(0, 1).endsWith(98, 99);
    }

    @Test
    void aReadFailureWithTheQueueFullReachesTheCallerInsteadOfLeavingItWaiting() {
        AtomicInteger reads = new AtomicInteger();
        List<Integer> handled = new ArrayList<>();

        assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(() -> PrefetchedPages.forEach("test-reader-fails", () -> {
            if (reads.incrementAndGet() > 10) {
                throw new IllegalStateException("database gone");
            }
            return List.of(reads.get());
        }, page -> {
            // Slower than the reader, so its queue is full when it fails.
            sleep(20);
            handled.addAll(page);
        })).isInstanceOf(PrefetchedPages.ReadFailedException.class).hasRootCauseMessage("database gone"));

        assertThat(handled).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void aHandlerFailureStopsTheReader() throws InterruptedException {
        assertThatThrownBy(() -> PrefetchedPages.forEach("test-reader-endless", () -> List.of(1), page -> {
            throw new IllegalStateException("index full");
        })).hasMessage("index full");

        long deadline = System.nanoTime() + NO_HANG.toNanos();
        while (readerAlive("test-reader-endless") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(readerAlive("test-reader-endless")).as("the reader still waits to hand over a page").isFalse();
    }

    @Test
    void aHandlerFailureNeverInterruptsARead() throws InterruptedException {
        // An interrupt during a read would close H2's file channel for the whole node.
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch secondReadDone = new CountDownLatch(1);

        assertThatThrownBy(() -> PrefetchedPages.forEach("test-reader-busy", () -> {
            if (reads.incrementAndGet() == 2) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
                secondReadDone.countDown();
            }
            return List.of(reads.get());
        }, page -> {
            throw new IllegalStateException("index full");
        })).hasMessage("index full");

        assertThat(secondReadDone.await(NO_HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isFalse();
    }

    private static boolean readerAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals(name) && thread.isAlive());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
