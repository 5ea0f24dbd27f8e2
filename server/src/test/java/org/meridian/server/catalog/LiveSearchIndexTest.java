package org.meridian.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.meridian.catalog.RecordBuilder.aDataset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchResult;
import org.meridian.server.testing.ForwardingSearchIndex;
import org.meridian.server.testing.TemporaryIndex;

class LiveSearchIndexTest {
    /** Holds each search until released, as a slow search over a large index would. */
    private static final class HeldSearches extends ForwardingSearchIndex {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HeldSearches(TemporaryIndex delegate) {
            super(delegate);
        }

        @Override
        public SearchResult search(Query query) {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return super.search(query);
        }
    }

    @Test
    void aSwapWaitsForTheSearchesStillUsingThePreviousGenerationSoItCanBeClosed() throws Exception {
        try (TemporaryIndex old = TemporaryIndex.empty(); TemporaryIndex fresh = TemporaryIndex.empty()) {
            old.add(aDataset("CMIP6.old").build());
            HeldSearches held = new HeldSearches(old);
            LiveSearchIndex live = new LiveSearchIndex(held, new SimpleMeterRegistry());
            CompletableFuture<SearchResult> search = CompletableFuture.supplyAsync(() -> live.search(Query.builder().build()));
            assertThat(held.started.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> swapped = CompletableFuture.runAsync(() -> live.swap(fresh));
            assertThatThrownBy(() -> swapped.get(200, TimeUnit.MILLISECONDS))
                    .as("the swap waits while a search uses the old generation")
                    .isInstanceOf(TimeoutException.class);

            held.release.countDown();
            swapped.get(10, TimeUnit.SECONDS);
            assertThat(search.get(10, TimeUnit.SECONDS).total()).isEqualTo(1);
            assertThat(live.search(Query.builder().build()).total()).as("the new generation answers").isZero();
        }
    }
}
