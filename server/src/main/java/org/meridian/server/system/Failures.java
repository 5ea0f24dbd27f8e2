package org.meridian.server.system;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/** What to say of a failure in one line: its deepest cause usually says what went wrong. */
public final class Failures {
    private Failures() {
    }

    /** The innermost cause of {@code failure} (itself if it has none). */
    public static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * The innermost cause's message, or its kind when it has none. A file system failure is said
     * in words: Java's own message for a missing file is the bare path.
     */
    public static String rootMessage(Throwable failure) {
        Throwable root = rootCause(failure);
        if (root instanceof FileSystemException files && files.getFile() != null) {
            return describe(files);
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String describe(FileSystemException failure) {
        String file = failure.getFile();
        if (failure.getOtherFile() != null) {
            // A move or copy: the exception names both, and which one failed is in its reason alone.
            return "cannot move " + file + " to " + failure.getOtherFile() + ": " + reason(failure);
        }
        return switch (failure) {
            case NoSuchFileException missing -> missingDirectory(file).map(directory -> "no such directory: " + directory)
                    .orElse("no such file: " + file);
            default -> reason(failure) + ": " + file;
        };
    }

    /** Java's reason, or the exception's kind in words when it gives none (it often gives none). */
    private static String reason(FileSystemException failure) {
        if (failure.getReason() != null) {
            return failure.getReason();
        }
        return switch (failure) {
            case NoSuchFileException missing -> "no such file or directory";
            case AccessDeniedException denied -> "permission denied";
            case FileAlreadyExistsException exists -> "already exists";
            case NotDirectoryException notDirectory -> "not a directory";
            case DirectoryNotEmptyException notEmpty -> "directory not empty";
            default -> "file system error";
        };
    }

    /** The directory a missing file was to be in, when that is what is missing (a file written to a mistyped directory). */
    private static Optional<Path> missingDirectory(String file) {
        try {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            return parent != null && !Files.isDirectory(parent) ? Optional.of(parent) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
