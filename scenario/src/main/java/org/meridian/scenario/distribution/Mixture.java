package org.meridian.scenario.distribution;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Tyche's {@code mixture([w…], [dist…])}: each draw picks component {@code k} with probability
 * {@code w[k]}, then draws from it. Weights must be non-negative and sum to 1.
 */
public record Mixture(List<Double> weights, List<Distribution> components) implements Distribution {
    /** Weights typed in a workbook with a few decimals (0.33, 0.33, 0.34) must pass; typos must not. */
    private static final double WEIGHT_SUM_TOLERANCE = 1e-9;

    public Mixture {
        weights = List.copyOf(requireNonNull(weights, "weights is null"));
        components = List.copyOf(requireNonNull(components, "components is null"));
        if (components.isEmpty()) {
            throw new InvalidDistributionException("mixture: needs at least one component");
        }
        if (weights.size() != components.size()) {
            throw new InvalidDistributionException("mixture: " + weights.size() + " weights for "
                    + components.size() + " components; give one weight per component");
        }
        double sum = 0;
        for (int index = 0; index < weights.size(); index++) {
            double weight = Distribution.requireFinite("mixture", "weight " + (index + 1), weights.get(index));
            if (weight < 0) {
                throw new InvalidDistributionException(
                        "mixture: weight " + (index + 1) + " must not be negative, got " + weight);
            }
            sum += weight;
        }
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
            throw new InvalidDistributionException("mixture: weights must sum to 1, got " + sum + " from " + weights);
        }
    }

    @Override
    public double mean() {
        double mean = 0;
        for (int index = 0; index < components.size(); index++) {
            mean += weights.get(index) * components.get(index).mean();
        }
        return mean;
    }

    @Override
    public Sampler sampler() {
        int count = components.size();
        double[] cumulative = new double[count];
        Sampler[] samplers = new Sampler[count];
        double running = 0;
        for (int index = 0; index < count; index++) {
            running += weights.get(index);
            cumulative[index] = running;
            samplers[index] = components.get(index).sampler();
        }
        return random -> {
            double uniform = random.nextDouble() * cumulative[count - 1];
            int chosen = 0;
            while (chosen < count - 1 && uniform >= cumulative[chosen]) {
                chosen++;
            }
            return samplers[chosen].next(random);
        };
    }
}
