package org.meridian.scenario.distribution;

import java.util.List;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;

/**
 * The exact CDF of each of our distributions, built from commons-math3's independent
 * implementations, so the Kolmogorov–Smirnov tests compare our samplers with someone else's maths.
 */
// commons-math3 3.6 still declares the deprecated isSupport…Inclusive methods abstract.
@SuppressWarnings("deprecation")
final class ExactDistributions {
    private ExactDistributions() {
    }

    static RealDistribution of(Distribution distribution) {
        return switch (distribution) {
            case Constant constant -> throw new IllegalArgumentException("a constant has no continuous CDF");
            case Uniform uniform -> new UniformRealDistribution(null, uniform.location(), uniform.location() + uniform.scale());
            case Triangular triangular -> new TriangularDistribution(null, triangular.location(),
                    triangular.location() + triangular.mode() * triangular.scale(),
                    triangular.location() + triangular.scale());
            case Normal normal -> new NormalDistribution(null, normal.location(), normal.scale());
            case LogNormal logNormal -> new Shifted(new LogNormalDistribution(null, Math.log(logNormal.scale()),
                    logNormal.shape()), logNormal.location(), 1);
            case Beta beta -> new Shifted(new BetaDistribution(null, beta.alpha(), beta.beta()), beta.location(), beta.scale());
            case TruncatedNormal truncated -> new Shifted(new StandardTruncated(truncated.lower(), truncated.upper()),
                    truncated.location(), truncated.scale());
            case Mixture mixture -> new Mixed(mixture.weights(), mixture.components().stream().map(ExactDistributions::of).toList());
            case Empirical empirical -> throw new IllegalArgumentException("an empirical distribution is discrete");
        };
    }

    /** {@code location + scale * X}. */
    private static final class Shifted extends AbstractRealDistribution {
        private final RealDistribution base;
        private final double location;
        private final double scale;

        Shifted(RealDistribution base, double location, double scale) {
            super(null);
            this.base = base;
            this.location = location;
            this.scale = scale;
        }

        @Override
        public double cumulativeProbability(double x) {
            return base.cumulativeProbability((x - location) / scale);
        }

        @Override
        public double density(double x) {
            return base.density((x - location) / scale) / scale;
        }

        @Override
        public double getNumericalMean() {
            return location + scale * base.getNumericalMean();
        }

        @Override
        public double getNumericalVariance() {
            return scale * scale * base.getNumericalVariance();
        }

        @Override
        public double getSupportLowerBound() {
            return location + scale * base.getSupportLowerBound();
        }

        @Override
        public double getSupportUpperBound() {
            return location + scale * base.getSupportUpperBound();
        }

        @Override
        public boolean isSupportLowerBoundInclusive() {
            return true;
        }

        @Override
        public boolean isSupportUpperBoundInclusive() {
            return true;
        }

        @Override
        public boolean isSupportConnected() {
            return true;
        }
    }

    /** The standard normal conditioned on [a, b], from commons-math3's normal CDF. */
    private static final class StandardTruncated extends AbstractRealDistribution {
        private final NormalDistribution normal = new NormalDistribution(null, 0, 1);
        private final double lower;
        private final double upper;

        StandardTruncated(double lower, double upper) {
            super(null);
            this.lower = lower;
            this.upper = upper;
        }

        @Override
        public double cumulativeProbability(double x) {
            if (x <= lower) {
                return 0;
            }
            if (x >= upper) {
                return 1;
            }
            // Work on the negative side when the interval is above zero, where the CDF is precise.
            if (lower > 0) {
                return (normal.cumulativeProbability(-lower) - normal.cumulativeProbability(-x))
                        / (normal.cumulativeProbability(-lower) - normal.cumulativeProbability(-upper));
            }
            return (normal.cumulativeProbability(x) - normal.cumulativeProbability(lower))
                    / (normal.cumulativeProbability(upper) - normal.cumulativeProbability(lower));
        }

        private double mass() {
            return lower > 0
                    ? normal.cumulativeProbability(-lower) - normal.cumulativeProbability(-upper)
                    : normal.cumulativeProbability(upper) - normal.cumulativeProbability(lower);
        }

        @Override
        public double density(double x) {
            return x < lower || x > upper ? 0 : normal.density(x) / mass();
        }

        @Override
        public double getNumericalMean() {
            return (normal.density(lower) - normal.density(upper)) / mass();
        }

        @Override
        public double getNumericalVariance() {
            double mean = getNumericalMean();
            return 1 + (lower * normal.density(lower) - upper * normal.density(upper)) / mass() - mean * mean;
        }

        @Override
        public double getSupportLowerBound() {
            return lower;
        }

        @Override
        public double getSupportUpperBound() {
            return upper;
        }

        @Override
        public boolean isSupportLowerBoundInclusive() {
            return true;
        }

        @Override
        public boolean isSupportUpperBoundInclusive() {
            return true;
        }

        @Override
        public boolean isSupportConnected() {
            return true;
        }
    }

    /** Σ w_k F_k(x). */
    private static final class Mixed extends AbstractRealDistribution {
        private final List<Double> weights;
        private final List<RealDistribution> components;

        Mixed(List<Double> weights, List<RealDistribution> components) {
            super(null);
            this.weights = weights;
            this.components = components;
        }

        @Override
        public double cumulativeProbability(double x) {
            double total = 0;
            for (int index = 0; index < weights.size(); index++) {
                total += weights.get(index) * components.get(index).cumulativeProbability(x);
            }
            return total;
        }

        @Override
        public double density(double x) {
            double total = 0;
            for (int index = 0; index < weights.size(); index++) {
                total += weights.get(index) * components.get(index).density(x);
            }
            return total;
        }

        @Override
        public double getNumericalMean() {
            double total = 0;
            for (int index = 0; index < weights.size(); index++) {
                total += weights.get(index) * components.get(index).getNumericalMean();
            }
            return total;
        }

        @Override
        public double getNumericalVariance() {
            double mean = getNumericalMean();
            double secondMoment = 0;
            for (int index = 0; index < weights.size(); index++) {
                RealDistribution component = components.get(index);
                double componentMean = component.getNumericalMean();
                secondMoment += weights.get(index) * (component.getNumericalVariance() + componentMean * componentMean);
            }
            return secondMoment - mean * mean;
        }

        @Override
        public double getSupportLowerBound() {
            return components.stream().mapToDouble(RealDistribution::getSupportLowerBound).min().orElseThrow();
        }

        @Override
        public double getSupportUpperBound() {
            return components.stream().mapToDouble(RealDistribution::getSupportUpperBound).max().orElseThrow();
        }

        @Override
        public boolean isSupportLowerBoundInclusive() {
            return true;
        }

        @Override
        public boolean isSupportUpperBoundInclusive() {
            return true;
        }

        @Override
        public boolean isSupportConnected() {
            return false;
        }
    }
}
