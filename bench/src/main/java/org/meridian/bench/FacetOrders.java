package org.meridian.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Distinct orders of one facet list: the same counting work under a different cache key, so a
 * benchmark can defeat a counts cache without changing what is counted.
 */
final class FacetOrders {
    private FacetOrders() {
    }

    /** The {@code index}-th permutation of {@code facets} (factorial number system), cycling. */
    static List<String> permutation(List<String> facets, long index) {
        List<String> remaining = new ArrayList<>(facets);
        List<String> ordered = new ArrayList<>(facets.size());
        long rest = index % factorial(facets.size());
        for (int size = facets.size(); size > 0; size--) {
            long block = factorial(size - 1);
            ordered.add(remaining.remove((int) (rest / block)));
            rest %= block;
        }
        return ordered;
    }

    private static long factorial(int n) {
        long result = 1;
        for (int i = 2; i <= n; i++) {
            result *= i;
        }
        return result;
    }
}
