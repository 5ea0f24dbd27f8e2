package org.meridian.catalog.sample;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Draws items with Zipf-like popularity: the k-th item (in the given order) has weight
 * 1/k^exponent, so the first few hold most of the mass, as experiments and models do in CMIP6.
 */
final class Zipf<T> {
    private final List<T> items;
    private final double[] cumulative;

    Zipf(List<T> items, double exponent) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to draw from");
        }
        this.items = List.copyOf(items);
        this.cumulative = new double[items.size()];
        double total = 0;
        for (int k = 0; k < items.size(); k++) {
            total += 1.0 / Math.pow(k + 1, exponent);
            cumulative[k] = total;
        }
        for (int k = 0; k < cumulative.length; k++) {
            cumulative[k] /= total;
        }
    }

    T draw(RandomGenerator random) {
        double u = random.nextDouble();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] < u) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return items.get(low);
    }
}
