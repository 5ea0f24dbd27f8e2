package org.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.server.ops.DataDirectoryLock;

/**
 * A command beside a node tells whether that node still serves by the process the node recorded,
 * without taking the data directory's lock, which a node starting at that instant would need.
 */
class OfflineCatalogTest {
    @TempDir
    Path dataDir;

    @Test
    void theNodeACommandBeganBesideIsGoneOnceItsProcessEndsOrAnotherNodeRecordsItself() throws Exception {
        // This JVM plays the node: it holds the lock and records itself, as a serving node does.
        try (DataDirectoryLock node = DataDirectoryLock.acquire(dataDir)) {
            node.recordAddress("http://localhost:18721");
            assertThat(DataDirectoryLock.holderProcess(dataDir)).contains(ProcessHandle.current().pid());

            try (OfflineCatalog beside = OfflineCatalog.open(new ConfigurationOptions(), dataDir)) {
                assertThat(beside.nodeIsServing()).isTrue();
                assertThat(beside.nodeHoldsDirectory()).isTrue();

                // A node started since records itself; the one this command began beside is gone.
                Process ended = new ProcessBuilder("true").start();
                ended.waitFor();
                Files.writeString(dataDir.resolve("node.lock"), "http://localhost:18721\npid " + ended.pid() + "\n",
                        StandardCharsets.UTF_8);
                assertThat(beside.nodeHoldsDirectory()).isFalse();
            }
        }
    }

    @Test
    void aNodeWhoseProcessHasEndedIsGoneThoughItsRecordRemains() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        try (DataDirectoryLock node = DataDirectoryLock.acquire(dataDir)) {
            node.recordAddress("http://localhost:18722");
            // As a node killed outright leaves the file: its address, and a process that no longer runs.
            Files.writeString(dataDir.resolve("node.lock"), "http://localhost:18722\npid " + ended.pid() + "\n",
                    StandardCharsets.UTF_8);

            try (OfflineCatalog beside = OfflineCatalog.open(new ConfigurationOptions(), dataDir)) {
                assertThat(beside.nodeIsServing()).isTrue();
                assertThat(beside.nodeHoldsDirectory()).isFalse();
            }
        }
    }
}
