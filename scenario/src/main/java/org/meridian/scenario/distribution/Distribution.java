package org.meridian.scenario.distribution;

/**
 * A probability distribution of one model quantity, using the scipy.stats parameterisations that
 * Tyche workbooks write ({@code loc} shifts, {@code scale} stretches). Constructors reject
 * parameters the distribution does not accept with an {@link InvalidDistributionException}.
 */
public sealed interface Distribution
        permits Constant, Uniform, Triangular, Normal, TruncatedNormal, LogNormal, Beta, Mixture, Empirical {

    /** The exact expected value. */
    double mean();

    /** A sampler for this distribution; build it once and reuse it for many draws. */
    Sampler sampler();

    /** Fails with the distribution's name unless {@code value} is a finite number. */
    static double requireFinite(String distribution, String parameter, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidDistributionException(
                    distribution + ": " + parameter + " must be a finite number, got " + value);
        }
        return value;
    }

    /** Fails with the distribution's name unless {@code value} is finite and strictly positive. */
    static double requirePositive(String distribution, String parameter, double value) {
        requireFinite(distribution, parameter, value);
        if (value <= 0) {
            throw new InvalidDistributionException(
                    distribution + ": " + parameter + " must be greater than 0, got " + value);
        }
        return value;
    }
}
