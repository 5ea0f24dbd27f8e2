package org.meridian.scenario.model;

import static java.util.Objects.requireNonNull;

import org.meridian.scenario.distribution.Distribution;

/**
 * One funding level of an R&amp;D category and the scenario it is expected to lead to.
 *
 * @param amount what the tranche costs (USD), possibly uncertain
 */
public record Tranche(String category, String name, String scenario, Distribution amount) {
    public Tranche {
        requireNonNull(category, "category is null");
        requireNonNull(name, "name is null");
        requireNonNull(scenario, "scenario is null");
        requireNonNull(amount, "amount is null");
    }
}
