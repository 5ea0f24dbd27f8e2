package org.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.server.catalog.IndexRebuildRequests;
import org.meridian.server.system.Databases;

/** A reindex command following the rebuild a node carries out, against a real request table. */
class RebuildFollowerTest {
    @TempDir
    Path directory;
    private HikariDataSource dataSource;
    private IndexRebuildRequests requests;

    @BeforeEach
    void open() {
        dataSource = Databases.open(Databases.embeddedUrl(directory), "sa", "", 2);
        Databases.migrate(dataSource);
        requests = new IndexRebuildRequests(dataSource, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private RebuildFollower follower(BooleanSupplier nodeHoldsDirectory) {
        return new RebuildFollower(requests, nodeHoldsDirectory, Duration.ofMillis(5), Duration.ofMillis(20));
    }

    @Test
    void followsTheNodesProgressUntilItIsDone() throws InterruptedException {
        long id = requests.request();
        List<Long> seen = new ArrayList<>();
        Thread node = Thread.ofPlatform().start(() -> {
            requests.claimNext();
            requests.progress(id, 40, 100);
            sleep(100);
            requests.progress(id, 100, 100);
            requests.finish(id, IndexRebuildRequests.State.DONE, null);
        });

        long indexed = follower(() -> true).follow(id, (done, total) -> seen.add(done));
        node.join();

        assertThat(indexed).isEqualTo(100);
        assertThat(seen).contains(40L, 100L);
    }

    @Test
    void aRequestTheNodeNeverBeganStaysQueuedWhenTheNodeIsGone() {
        long id = requests.request();

        assertThatThrownBy(() -> follower(() -> false).follow(id, (done, total) -> { }))
                .hasMessage("the node serving this data directory stopped before it began rebuild request " + id
                        + "; the request stays queued for the next node started on it (or, with no node running,"
                        + " run meridian reindex to rebuild here)");
        assertThat(requests.find(id).orElseThrow().state()).isEqualTo(IndexRebuildRequests.State.REQUESTED);
    }

    @Test
    void aRebuildTheNodeWasRunningWhenItStoppedIsToBeAskedForAgain() {
        long id = requests.request();
        requests.claimNext();

        assertThatThrownBy(() -> follower(() -> false).follow(id, (done, total) -> { }))
                .hasMessageEndingWith("stopped during rebuild request " + id + "; the index it left is the previous"
                        + " one, and the next node started on it marks the request failed: run meridian reindex again");
    }

    @Test
    void aRebuildTheNodeFinishedJustBeforeItStoppedIsReportedDone() throws InterruptedException {
        long id = requests.request();
        requests.claimNext();
        requests.progress(id, 7, 7);
        requests.finish(id, IndexRebuildRequests.State.DONE, null);

        assertThat(follower(() -> false).follow(id, (done, total) -> { })).isEqualTo(7);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
