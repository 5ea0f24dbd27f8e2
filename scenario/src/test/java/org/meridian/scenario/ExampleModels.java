package org.meridian.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.meridian.scenario.model.TechnologyModel;

/** The example models shipped under {@code examples/scenarios/} at the repository root. */
public final class ExampleModels {
    private static final Path DIRECTORY = Path.of("..", "examples", "scenarios");

    private ExampleModels() {
    }

    public static String text(String name) {
        try {
            return Files.readString(DIRECTORY.resolve(name + ".yaml"));
        } catch (IOException missing) {
            throw new UncheckedIOException("example " + name + " not found under " + DIRECTORY.toAbsolutePath(), missing);
        }
    }

    public static TechnologyModel load(String name) {
        return ModelValidator.load(name + ".yaml", text(name));
    }
}
