package org.meridian.scenario.statistics;

/**
 * Quantiles by selection instead of sorting: O(n) per quantile rather than O(n log n), which is
 * most of the cost of summarising 100,000 samples.
 */
final class OrderStatistics {
    private OrderStatistics() {
    }

    /**
     * numpy's default ("linear") quantile of {@code values}: with {@code h = (n − 1)·p}, the
     * interpolation between the order statistics {@code ⌊h⌋} and {@code ⌊h⌋ + 1}. Reorders
     * {@code values[from, n)}; everything before {@code from} must be ≤ the order statistics asked
     * for (so ascending quantiles can reuse the same array).
     */
    static double quantile(double[] values, int from, double probability) {
        int count = values.length;
        double position = (count - 1) * probability;
        int lower = (int) Math.floor(position);
        select(values, from, count, lower);
        double lowerValue = values[lower];
        if (lower + 1 >= count || position == lower) {
            return lowerValue;
        }
        double upperValue = values[lower + 1];
        for (int index = lower + 2; index < count; index++) {
            upperValue = Math.min(upperValue, values[index]);
        }
        return lowerValue + (position - lower) * (upperValue - lowerValue);
    }

    /** Moves the k-th smallest of {@code values[from, to)} to index k, smaller ones before it. */
    static void select(double[] values, int from, int to, int k) {
        int left = from;
        int right = to - 1;
        while (right > left) {
            // Median of three as pivot; Hoare partitioning keeps runs of equal values balanced.
            int middle = (left + right) >>> 1;
            double pivot = medianOfThree(values[left], values[middle], values[right]);
            int low = left;
            int high = right;
            while (low <= high) {
                while (values[low] < pivot) {
                    low++;
                }
                while (values[high] > pivot) {
                    high--;
                }
                if (low <= high) {
                    double swap = values[low];
                    values[low] = values[high];
                    values[high] = swap;
                    low++;
                    high--;
                }
            }
            if (k <= high) {
                right = high;
            } else if (k >= low) {
                left = low;
            } else {
                return;
            }
        }
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
