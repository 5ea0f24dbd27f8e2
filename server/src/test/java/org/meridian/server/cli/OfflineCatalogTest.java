package org.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.server.ops.DataDirectoryLock;

/**
 * A command beside a node tells whether the node it began beside still serves: the node's lock is
 * held, and by the process that held it when the command began.
 */
class OfflineCatalogTest {
    @TempDir
    Path dataDir;

    @Test
    void theNodeACommandBeganBesideIsGoneOnceAnotherNodeRecordsItself() throws Exception {
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
    void aNodeWhoseLockIsFreeIsGoneThoughItsRecordRemains() throws Exception {
        DataDirectoryLock node = DataDirectoryLock.acquire(dataDir);
        node.recordAddress("http://localhost:18722");
        String recorded = Files.readString(dataDir.resolve("node.lock"), StandardCharsets.UTF_8);

        try (OfflineCatalog beside = OfflineCatalog.open(new ConfigurationOptions(), dataDir)) {
            assertThat(beside.nodeHoldsDirectory()).isTrue();
            // A node killed outright: the OS drops its lock, the file keeps its address and process id.
            node.close();
            Files.writeString(dataDir.resolve("node.lock"), recorded, StandardCharsets.UTF_8);

            assertThat(beside.nodeHoldsDirectory()).isFalse();
        }
    }
}
