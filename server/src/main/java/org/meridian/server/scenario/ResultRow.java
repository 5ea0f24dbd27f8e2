package org.meridian.server.scenario;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.meridian.server.scenario.plot.BoxSummary;

/**
 * One result column of a run, as stored and served: Tyche's summary statistics plus the box
 * plot's numbers and the column's quantile profile, so result pages draw box and violin plots
 * without keeping the samples.
 *
 * @param profile the 0th, 0.5th, ..., 100th percentiles ({@link #PROFILE_POINTS} values): equally
 *     likely points whose spread is the distribution's shape
 */
public record ResultRow(String technology, String scenario, String variable, String index, double mean, double std,
        double p10, double p50, double p90, BoxSummary box, List<Double> profile) {
    public static final int PROFILE_POINTS = 201;

    public ResultRow {
        requireNonNull(technology, "technology is null");
        requireNonNull(scenario, "scenario is null");
        requireNonNull(variable, "variable is null");
        requireNonNull(index, "index is null");
        requireNonNull(box, "box is null");
        profile = List.copyOf(profile);
    }

    /**
     * The box numbers read off a profile: its points at 0, 10, 25, 50, 75, 90 and 100 % are
     * exactly those quantiles, so the samples need no second pass.
     */
    public static BoxSummary boxOf(List<Double> profile, double mean) {
        double minimum = profile.getFirst();
        double maximum = profile.getLast();
        // The mean of equal values can round one ulp outside them (0.1 + 0.1 + 0.1 > 0.3).
        return new BoxSummary(minimum, profile.get(20), profile.get(50), profile.get(100), profile.get(150),
                profile.get(180), maximum, Math.max(minimum, Math.min(maximum, mean)));
    }

    /** The quantile profile of {@code values} (left unchanged), numpy's linear interpolation. */
    public static List<Double> profileOf(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        List<Double> profile = new ArrayList<>(PROFILE_POINTS);
        for (int point = 0; point < PROFILE_POINTS; point++) {
            double position = (sorted.length - 1) * (double) point / (PROFILE_POINTS - 1);
            int below = (int) Math.floor(position);
            int above = Math.min(below + 1, sorted.length - 1);
            profile.add(sorted[below] + (position - below) * (sorted[above] - sorted[below]));
        }
        return profile;
    }
}
