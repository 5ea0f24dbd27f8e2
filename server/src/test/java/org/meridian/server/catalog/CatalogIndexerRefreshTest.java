package org.meridian.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.index.lucene.LuceneSearchIndex;
import org.meridian.server.system.Databases;
import org.meridian.server.testing.ForwardingSearchIndex;

/**
 * How often the background indexer makes applied changes searchable: at once after a quiet
 * period, then at most once per refresh interval, measured on a clock the test moves.
 */
class CatalogIndexerRefreshTest {
    private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(1);

    @TempDir
    Path dataDir;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private RefreshCountingIndex index;
    private HikariDataSource dataSource;
    private CatalogStorage storage;

    @BeforeEach
    void open() {
        dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 2);
        Databases.migrate(dataSource);
        storage = CatalogStorage.open(dataSource, dataDir, generation -> index = new RefreshCountingIndex(LuceneSearchIndex.open(generation)),
                new CatalogIndexer.Settings(100, Duration.ofHours(1), Duration.ofMillis(20), REFRESH_INTERVAL), clock,
                new SimpleMeterRegistry());
        storage.indexer().start();
    }

    @AfterEach
    void close() {
        storage.close();
        dataSource.close();
    }

    @Test
    void aWriteToAQuietIndexerIsSearchableAtOnceAndLaterOnesWithinTheInterval() {
        write("CMIP6.first");
        await(() -> index.searchableSequence() == 1);
        assertThat(index.refreshes).isEqualTo(1);

        // Same instant: applied, but the next refresh is not due yet.
        write("CMIP6.second");
        write("CMIP6.third");
        await(() -> index.appliedSequence() == 3);
        assertThat(index.searchableSequence()).isEqualTo(1);
        assertThat(storage.indexer().lag()).isEqualTo(2);

        clock.advance(REFRESH_INTERVAL);
        await(() -> index.searchableSequence() == 3);
        assertThat(index.refreshes).isEqualTo(2);
        assertThat(storage.indexer().lag()).isZero();
    }

    private void write(String masterId) {
        storage.indexer().offer(storage.store().upsert(Stage.PRODUCTION, List.of(aDataset(masterId).build())));
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 10 s").isTrue();
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        private MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            // The indexer compares instants only; zones do not matter to it.
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The node's Lucene index, counting the refreshes the indexer asks of it. */
    private static final class RefreshCountingIndex extends ForwardingSearchIndex {
        private volatile int refreshes;

        private RefreshCountingIndex(SearchIndex delegate) {
            super(delegate);
        }

        @Override
        public synchronized void refresh() {
            refreshes++;
            super.refresh();
        }
    }
}
