package org.meridian.server.scenario.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ChartValuesTest {

    @Test
    void seriesCopiesItsSamplesInAndOut() {
        double[] samples = {1, 2, 3};
        Series series = new Series("Base", samples);
        samples[0] = 99;
        series.samples()[1] = 99;

        assertThat(series.samples()).containsExactly(1, 2, 3);
        assertThat(series).isEqualTo(new Series("Base", new double[] {1, 2, 3}));
    }

    @Test
    void seriesRejectsEmptyAndNonFiniteSamplesNamingTheSeries() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Series("Base", new double[0]))
                .withMessage("series 'Base' has no samples");
        assertThatIllegalArgumentException().isThrownBy(() -> new Series("Base", new double[] {1, Double.NaN}))
                .withMessage("series 'Base' has a non-finite sample at 1: NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> new Series(" ", new double[] {1}))
                .withMessageContaining("label");
    }

    @Test
    void boxSummaryUsesTheSameQuantilesAsTheResultTables() {
        BoxSummary summary = BoxSummary.of(new double[] {5, 1, 4, 2, 3});

        assertThat(summary).isEqualTo(new BoxSummary(1, 1.4, 2, 3, 4, 4.6, 5, 3));
    }

    @Test
    void boxSummaryOfEqualSamplesKeepsTheMeanOnThem() {
        BoxSummary summary = BoxSummary.of(new double[] {0.1, 0.1, 0.1});

        assertThat(summary.mean()).isEqualTo(0.1);
        assertThat(summary.p10()).isEqualTo(0.1);
    }

    @Test
    void boxSummaryRejectsUnorderedQuantiles() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BoxSummary(0, 1, 3, 2, 4, 5, 6, 3))
                .withMessageContaining("p25 <= median").withMessageContaining("p25 3.0");
    }

    @Test
    void captionIdMustBeUsableAsAnXmlId() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ChartCaption("1 bad id", "Cost"))
                .withMessageContaining("'1 bad id'");
        assertThatIllegalArgumentException().isThrownBy(() -> new ChartCaption("cost", " "))
                .withMessageContaining("title");
    }

    @Test
    void axisTitleShowsUnitAndScaleFactor() {
        assertThat(new AxisTitle("Cost", "USD").text(6)).isEqualTo("Cost (× 10⁶ USD)");
        assertThat(AxisTitle.dimensionless("Jobs").text(-12)).isEqualTo("Jobs (× 10⁻¹²)");
        assertThat(AxisTitle.dimensionless("Jobs").text(0)).isEqualTo("Jobs");
    }
}
