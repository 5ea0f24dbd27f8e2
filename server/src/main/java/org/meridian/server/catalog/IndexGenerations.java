package org.meridian.server.catalog;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.meridian.server.system.AtomicFiles;

/**
 * The index's directory layout: each build of the index lives in its own generation directory
 * ({@code <data-dir>/index/g000001}), and the file {@code CURRENT} names the one in use. A rebuild
 * writes a new generation beside the live one and switches by atomically replacing
 * {@code CURRENT}, so a crash during a rebuild leaves the old index in charge.
 */
public final class IndexGenerations {
    private static final Pattern GENERATION = Pattern.compile("g\\d{6}");

    private final Path root;

    public IndexGenerations(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    /** The generation in use, creating the first one on a fresh data directory. */
    public Path current() {
        try {
            Files.createDirectories(root);
            Path pointer = root.resolve("CURRENT");
            if (Files.exists(pointer)) {
                String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
                if (!GENERATION.matcher(name).matches()) {
                    throw new IllegalStateException(pointer + " names no index generation: '" + name + "'");
                }
                return root.resolve(name);
            }
            Path first = root.resolve(name(1));
            switchTo(first);
            return first;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index directory " + root, e);
        }
    }

    /** A fresh, empty directory for the next generation. */
    public Path next() {
        int number = generationNumber(current()) + 1;
        Path next = root.resolve(name(number));
        deleteTree(next);
        try {
            Files.createDirectories(next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + next, e);
        }
        return next;
    }

    /** Makes {@code generation} the one in use; atomic with respect to crashes. */
    public void switchTo(Path generation) {
        try {
            AtomicFiles.replace(root.resolve("CURRENT"), generation.getFileName().toString() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot switch the index to " + generation, e);
        }
    }

    /** Deletes every generation but the current one (left-overs of replaced or abandoned builds). */
    public void deleteOthers() {
        Path current = current();
        try (Stream<Path> children = Files.list(root)) {
            children.filter(path -> GENERATION.matcher(path.getFileName().toString()).matches())
                    .filter(path -> !path.equals(current))
                    .forEach(IndexGenerations::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static String name(int number) {
        return "g%06d".formatted(number);
    }

    private static int generationNumber(Path generation) {
        return Integer.parseInt(generation.getFileName().toString().substring(1));
    }

    private static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
