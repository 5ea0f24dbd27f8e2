package org.meridian.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One line for a file system failure, in words: Java's own message is often the bare path. */
class FailuresTest {
    @TempDir
    Path directory;

    @Test
    void aFileInADirectoryThatDoesNotExistNamesTheDirectory() {
        Path nowhere = directory.resolve("no-such-dir");

        assertThat(messageOf(() -> Files.writeString(nowhere.resolve("x.jsonl"), "x")))
                .isEqualTo("no such directory: " + nowhere);
        assertThat(messageOf(() -> Files.readString(directory.resolve("absent.jsonl"))))
                .isEqualTo("no such file: " + directory.resolve("absent.jsonl"));
    }

    @Test
    void aFailedMoveNamesBothEndsAndTheReason() throws IOException {
        Path source = Files.writeString(directory.resolve("export.partial"), "x");
        Path target = directory.resolve("no-such-dir").resolve("export.jsonl");

        // The JDK names the source first, although what is missing is the target's directory.
        assertThat(messageOf(() -> Files.move(source, target, StandardCopyOption.ATOMIC_MOVE)))
                .isEqualTo("cannot move " + source + " to " + target + ": no such file or directory");
    }

    @Test
    void aMoveOverADirectoryThatIsNotEmptyNamesThatDirectory() throws IOException {
        Path source = Files.writeString(directory.resolve("export.partial"), "x");
        Path target = Files.createDirectory(directory.resolve("taken"));
        Files.writeString(target.resolve("inside"), "x");

        assertThat(messageOf(() -> Files.move(source, target, StandardCopyOption.REPLACE_EXISTING)))
                .isEqualTo("directory not empty: " + target);
    }

    @Test
    void exceptionsWithoutAReasonAreSaidInWords() {
        assertThat(Failures.rootMessage(new UncheckedIOException(new AccessDeniedException("/etc/meridian/key"))))
                .isEqualTo("permission denied: /etc/meridian/key");
        assertThat(Failures.rootMessage(new DirectoryNotEmptyException("/srv/data")))
                .isEqualTo("directory not empty: /srv/data");
        assertThat(Failures.rootMessage(new FileSystemException("/srv/data/x", null, "Read-only file system")))
                .isEqualTo("Read-only file system: /srv/data/x");
        assertThat(Failures.rootMessage(new NoSuchFileException("a", "b", null)))
                .isEqualTo("cannot move a to b: no such file or directory");
    }

    private interface FileWork {
        void run() throws IOException;
    }

    private static String messageOf(FileWork work) {
        try {
            work.run();
        } catch (IOException e) {
            return Failures.rootMessage(new UncheckedIOException(e));
        }
        throw new AssertionError("the file operation succeeded");
    }
}
