package org.meridian.scenario.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.meridian.scenario.expression.SourcePosition;

/**
 * One thing wrong with a model file.
 *
 * @param place where in the model, e.g. {@code scenarios[Base].inputPrice.Water}
 * @param position line and column in the file, when known
 * @param message what is wrong and what is allowed
 */
public record ModelProblem(String place, Optional<SourcePosition> position, String message) {
    public ModelProblem {
        requireNonNull(place, "place is null");
        requireNonNull(position, "position is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return place + position.map(at -> " (" + at + ")").orElse("") + ": " + message;
    }
}
