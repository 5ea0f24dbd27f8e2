package org.meridian.server.ops;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * An exclusive OS lock on {@code <data-dir>/node.lock}, held by whichever process owns the
 * search index (a serving node, or a command-line ingest or reindex running without one). Other
 * processes see it held and go through the database instead. The OS drops the lock when the
 * process dies, so a crash never leaves a stale lock, and the next holder clears the address a
 * crashed node left in the file.
 */
public final class DataDirectoryLock implements AutoCloseable {
    private static final String LOCK_FILE = "node.lock";
    private static final String PROCESS_PREFIX = "pid ";
    private static final int ACQUIRE_ATTEMPTS = 5;
    private static final long ACQUIRE_PAUSE_MILLIS = 100;

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
            FileChannel channel = FileChannel.open(dataDir.resolve(LOCK_FILE),
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
            // A holder killed outright left its address behind; the new holder has recorded none yet,
            // and a command beside it must not take it for a serving node.
            channel.truncate(0);
            return Optional.of(new DataDirectoryLock(channel, lock));
        } catch (AccessDeniedException e) {
            throw new InvalidSetting("meridian.data-dir", dataDir.toAbsolutePath().normalize()
                    + " cannot be used by this user: permission denied on " + e.getFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the data directory, if it is new, readable by this user only: it holds the catalog,
     * the audit log and the embedded database's lock file with the key other local processes use
     * to reach it. An existing directory keeps the permissions its operator gave it.
     */
    public static void createPrivately(Path dataDir) throws IOException {
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
        // A command beside a node checks that the node still lives by taking the free lock for an
        // instant (OfflineCatalog#nodeHoldsDirectory); a few tries keep such an instant from turning
        // away a node that starts just then.
        for (int attempt = 1; ; attempt++) {
            Optional<DataDirectoryLock> lock = tryAcquire(dataDir);
            if (lock.isPresent()) {
                return lock.get();
            }
            if (attempt == ACQUIRE_ATTEMPTS) {
                throw new IllegalStateException("data directory " + dataDir.toAbsolutePath().normalize()
                        + " is in use by another Meridian process; stop it or choose another --data-dir");
            }
            try {
                Thread.sleep(ACQUIRE_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while taking data directory " + dataDir, e);
            }
        }
    }

    /**
     * Writes where the node holding this lock answers, and its process id, into the lock file, for
     * commands beside it: they hand out links ({@link #holderAddress}) and notice when it is gone
     * ({@link #holderProcess}). The lock is advisory, so they can read it.
     */
    public void recordAddress(String address) {
        String recorded = address + "\n" + PROCESS_PREFIX + ProcessHandle.current().pid() + "\n";
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(recorded.getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the node's address into " + LOCK_FILE, e);
        }
    }

    /**
     * The address the node holding the data directory's lock recorded, if one does; read by a
     * command that found the lock taken. Empty when no address is recorded (a command, not a
     * node, holds the lock).
     */
    public static Optional<String> holderAddress(Path dataDir) {
        return recorded(dataDir).flatMap(lines -> lines.stream().findFirst()).filter(line -> !line.isBlank());
    }

    /**
     * The process id of the node that recorded its address, if one did: a command beside a node
     * tells by it that the node it began beside has been replaced by another.
     */
    public static Optional<Long> holderProcess(Path dataDir) {
        return recorded(dataDir).flatMap(lines -> lines.stream()
                .filter(line -> line.startsWith(PROCESS_PREFIX))
                .map(line -> line.substring(PROCESS_PREFIX.length()).strip())
                .filter(id -> id.matches("\\d{1,18}"))
                .map(Long::parseLong)
                .findFirst());
    }

    private static Optional<List<String>> recorded(Path dataDir) {
        try {
            return Optional.of(Files.readAllLines(dataDir.resolve(LOCK_FILE), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            // A later holder may be a command, which records nothing: leave no stale address.
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the data directory lock", e);
        }
    }
}
