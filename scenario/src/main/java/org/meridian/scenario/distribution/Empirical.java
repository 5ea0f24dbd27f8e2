package org.meridian.scenario.distribution;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Draws uniformly among observed values (a bootstrap of a sample someone measured or simulated). */
public record Empirical(List<Double> values) implements Distribution {
    public Empirical {
        values = List.copyOf(requireNonNull(values, "values is null"));
        if (values.isEmpty()) {
            throw new InvalidDistributionException("empirical: needs at least one value");
        }
        for (int index = 0; index < values.size(); index++) {
            Distribution.requireFinite("empirical", "value " + (index + 1), values.get(index));
        }
    }

    @Override
    public double mean() {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @Override
    public Sampler sampler() {
        double[] observed = values.stream().mapToDouble(Double::doubleValue).toArray();
        return random -> observed[random.nextInt(observed.length)];
    }
}
