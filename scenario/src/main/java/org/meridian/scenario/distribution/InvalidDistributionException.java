package org.meridian.scenario.distribution;

import org.meridian.scenario.ScenarioException;

/**
 * A distribution whose parameters are outside what it accepts (a negative scale, mixture weights
 * not summing to one, …). The message names the distribution, the parameter, the value and what
 * is allowed. Stable code: {@code invalid-distribution}.
 */
public final class InvalidDistributionException extends ScenarioException {
    public InvalidDistributionException(String message) {
        super("invalid-distribution", message);
    }
}
