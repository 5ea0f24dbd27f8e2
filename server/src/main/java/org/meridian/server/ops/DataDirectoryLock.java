package org.meridian.server.ops;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * An exclusive OS lock on {@code <data-dir>/node.lock}, held by whichever process owns the
 * search index (a serving node, or a command-line ingest or reindex running without one). Other
 * processes see it held and go through the database instead. The OS drops the lock when the
 * process dies, so a crash never leaves a stale lock.
 */
public final class DataDirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock if no other process holds it. */
    public static Optional<DataDirectoryLock> tryAcquire(Path dataDir) {
        requireNonNull(dataDir, "dataDir is null");
        try {
            createPrivately(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve("node.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process, which counts as held
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new DataDirectoryLock(channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock data directory " + dataDir, e);
        }
    }

    /**
     * Creates the data directory, if it is new, readable by this user only: it holds the catalog,
     * the audit log and the embedded database's lock file with the key other local processes use
     * to reach it. An existing directory keeps the permissions its operator gave it.
     */
    private static void createPrivately(Path dataDir) throws IOException {
        if (Files.isDirectory(dataDir)) {
            return;
        }
        Path absolute = dataDir.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(absolute);
            }
        } catch (FileAlreadyExistsException e) {
            // Created by another process meanwhile; a file of that name fails when it is locked.
        }
    }

    /**
     * Takes the lock or fails with a message saying what to do.
     *
     * @throws IllegalStateException if another process holds it
     */
    public static DataDirectoryLock acquire(Path dataDir) {
        return tryAcquire(dataDir).orElseThrow(() -> new IllegalStateException(
                "data directory " + dataDir.toAbsolutePath().normalize()
                        + " is in use by another Meridian process; stop it or choose another --data-dir"));
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the data directory lock", e);
        }
    }
}
