package org.meridian.server.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Small files replaced whole, so a crash leaves either the old text or the new, never half of one. */
public final class AtomicFiles {
    private static final boolean IS_WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private AtomicFiles() {
    }

    /**
     * Writes {@code text} beside {@code target}, forces it to disk, and moves it into place: the
     * move is atomic, and the text is durable before the name points at it. The directory is forced
     * too, so the move itself survives a power loss: otherwise the old name could come back after
     * the node has acted on the new one (an index generation it then deleted, say).
     */
    public static void replace(Path target, String text) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.toAbsolutePath().getParent());
    }

    private static void forceDirectory(Path directory) throws IOException {
        if (IS_WINDOWS) {
            return; // A directory cannot be opened there; NTFS journals the rename itself.
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
