package org.meridian.scenario.distribution;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.meridian.scenario.ScenarioException;
import org.meridian.scenario.expression.SourcePosition;

/**
 * A distribution whose parameters are outside what it accepts (a negative scale, mixture weights
 * not summing to one, …). The message names the distribution, the parameter, the value and what
 * is allowed, and — when the distribution was read from text — the place and position. Stable
 * code: {@code invalid-distribution}.
 */
public final class InvalidDistributionException extends ScenarioException {
    private final String problem;
    private final Optional<SourcePosition> position;

    public InvalidDistributionException(String problem) {
        super("invalid-distribution", problem);
        this.problem = problem;
        this.position = Optional.empty();
    }

    /** The same problem, located in a text the distribution was read from. */
    public InvalidDistributionException(String place, SourcePosition position, String problem) {
        super("invalid-distribution", requireNonNull(place, "place is null") + " (" + position + "): " + problem);
        this.problem = problem;
        this.position = Optional.of(position);
    }

    /** The message without place and position. */
    public String problem() {
        return problem;
    }

    public Optional<SourcePosition> position() {
        return position;
    }
}
