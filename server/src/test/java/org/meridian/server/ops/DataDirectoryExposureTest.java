package org.meridian.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.server.system.Databases;

/** What a node's data directory shows to other users and to the network. */
class DataDirectoryExposureTest {
    /** The embedded database's lock file names the port it serves other local processes on. */
    private static final Pattern SERVER = Pattern.compile("(?m)^server=.*\\\\?:(\\d+)$");

    @TempDir
    Path directory;

    @Test
    void aNewDataDirectoryIsPrivateToItsUser() {
        Path dataDir = directory.resolve("nested/data");

        try (DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir)) {
            assertThat(permissions(dataDir)).isEqualTo("rwx------");
        }
    }

    @Test
    void anExistingDataDirectoryKeepsThePermissionsItsOperatorGaveIt() throws IOException {
        Path dataDir = Files.createDirectory(directory.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));

        try (DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir)) {
            assertThat(permissions(dataDir)).isEqualTo("rwxr-x---");
        }
    }

    /**
     * A node process (H2 loads with the node's settings only in a process of its own): it creates
     * its data directory private before the database writes into it, and its embedded database
     * answers on loopback and not on the machine's network address.
     */
    @Test
    void aNodesNewDataDirectoryIsPrivateAndItsDatabaseServesOtherLocalProcessesOnLoopbackOnly() throws Exception {
        Path dataDir = directory.resolve("data");
        Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.meridian.server.cli.MeridianCommand",
                "serve", "--data-dir", dataDir.toString(), "--port", "0")
                .redirectErrorStream(true).redirectOutput(directory.resolve("node.log").toFile())
                .start();
        try {
            int port = databasePort(Databases.embeddedFile(dataDir).resolveSibling("meridian.lock.db"), node);
            assertThat(permissions(dataDir)).as("the node's new data directory").isEqualTo("rwx------");
            Optional<InetAddress> networkAddress = networkAddress();
            assumeTrue(networkAddress.isPresent(), "this machine has no non-loopback IPv4 address to try");
            InetAddress network = networkAddress.get();

            try (Socket loopback = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(loopback.isConnected()).isTrue();
            }
            assertThatThrownBy(() -> {
                try (Socket outside = new Socket()) {
                    outside.connect(new InetSocketAddress(network, port), 2_000);
                }
            }).as("connecting on %s:%d", network, port).isInstanceOf(ConnectException.class);
        } finally {
            node.destroy();
            node.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private int databasePort(Path lockFile, Process node) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && node.isAlive()) {
            if (Files.exists(lockFile)) {
                Matcher server = SERVER.matcher(Files.readString(lockFile));
                if (server.find()) {
                    return Integer.parseInt(server.group(1));
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the node never opened its database: " + Files.readString(directory.resolve("node.log")));
    }

    private static Optional<InetAddress> networkAddress() throws IOException {
        return NetworkInterface.networkInterfaces()
                .filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(Inet4Address.class::isInstance)
                .findFirst();
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
