package org.meridian.server.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class ResultRowPropertyTest {
    /** A box is built from every stored profile, and a box refuses values out of order. */
    @Property
    void theProfileNeverDecreasesAndStaysWithinTheSamples(
            @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -1e6, max = 1e6) Double> values) {
        double[] samples = values.stream().mapToDouble(Double::doubleValue).toArray();

        List<Double> profile = ResultRow.profileOf(samples);

        assertThat(profile).isSorted();
        assertThat(profile.getFirst()).isEqualTo(values.stream().min(Double::compare).orElseThrow());
        assertThat(profile.getLast()).isEqualTo(values.stream().max(Double::compare).orElseThrow());
    }
}
