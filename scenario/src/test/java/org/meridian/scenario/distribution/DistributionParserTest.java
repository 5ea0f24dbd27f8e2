package org.meridian.scenario.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.meridian.scenario.expression.ExpressionException;
import org.meridian.scenario.expression.ExpressionSource;
import org.meridian.scenario.expression.SourcePosition;
import org.junit.jupiter.api.Test;

class DistributionParserTest {
    private static Distribution parse(String text) {
        return DistributionParser.parse(ExpressionSource.of("cell", text));
    }

    @Test
    void readsTheWorkbookNotations() {
        assertThat(parse("0.95")).isEqualTo(new Constant(0.95));
        assertThat(parse("-3.33E-5")).isEqualTo(new Constant(-3.33e-5));
        assertThat(parse("st.triang(0.5, loc=110, scale=0.11)")).isEqualTo(new Triangular(0.5, 110, 0.11));
        assertThat(parse("st.triang(0.3, 8.0, 2.0)")).isEqualTo(new Triangular(0.3, 8, 2));
        assertThat(parse("st.truncnorm(-1, 4, loc=0.96, scale=0.01)")).isEqualTo(new TruncatedNormal(-1, 4, 0.96, 0.01));
        assertThat(parse("st.beta(1, 2, loc=0.90, scale=0.06)")).isEqualTo(new Beta(1, 2, 0.9, 0.06));
        assertThat(parse("st.triang(0.5, loc=0.05, scale=10E-06)")).isEqualTo(new Triangular(0.5, 0.05, 1e-5));
        assertThat(parse("mixture([0.7, 0.3], [st.triang(0.1, 0.5, 0.1), st.triang(0.5, 0.6, 0.4)])"))
                .isEqualTo(new Mixture(List.of(0.7, 0.3), List.of(new Triangular(0.1, 0.5, 0.1), new Triangular(0.5, 0.6, 0.4))));
    }

    @Test
    void appliesScipyDefaultsAndKeywords() {
        assertThat(parse("norm()")).isEqualTo(new Normal(0, 1));
        assertThat(parse("uniform(scale=2, loc=1)")).isEqualTo(new Uniform(1, 2));
        assertThat(parse("lognorm(0.5)")).isEqualTo(new LogNormal(0.5, 0, 1));
        assertThat(parse("empirical([1, 2.5, 3])")).isEqualTo(new Empirical(List.of(1.0, 2.5, 3.0)));
    }

    @Test
    void reportsSyntaxErrorsWithPosition() {
        assertThatThrownBy(() -> parse("st.triang(0.5, loc=110 scale=0.11)"))
                .isInstanceOf(ExpressionException.class)
                .satisfies(error -> assertThat(((ExpressionException) error).position()).isEqualTo(new SourcePosition(1, 24)))
                .hasMessageContaining("expected ',' or ')'");
        assertThatThrownBy(() -> parse("st.weibull(1)")).hasMessageContaining("unknown distribution 'weibull'");
        assertThatThrownBy(() -> parse("triang(0.5, shape=1)")).hasMessageContaining("triang has no parameter 'shape'");
        assertThatThrownBy(() -> parse("triang(loc=1)")).hasMessageContaining("triang needs parameter 'c'");
        assertThatThrownBy(() -> parse("triang(0.5, 1, c=0.2)")).hasMessageContaining("parameter 'c' is given twice");
        assertThatThrownBy(() -> parse("[1, 2]")).hasMessageContaining("empirical");
    }

    @Test
    void reportsInvalidParametersWithPlaceAndPosition() {
        assertThatThrownBy(() -> parse("  st.truncnorm(-1, 4, loc=0.96, scale=-0.01)"))
                .isInstanceOf(InvalidDistributionException.class)
                .hasMessage("cell (line 1, column 3): truncnorm: scale must be greater than 0, got -0.01");
        assertThatThrownBy(() -> parse("mixture([0.5, 0.4], [1, 2])"))
                .isInstanceOf(InvalidDistributionException.class)
                .hasMessageContaining("weights must sum to 1");
    }

    @Test
    void mutatedTextFailsOnlyWithParseOrParameterErrors() {
        Random random = new Random(11);
        String valid = "mixture([0.7, 0.3], [st.triang(0.1, loc=0.5, scale=0.1), st.truncnorm(-1, 4, 0.96, 0.01)])";
        for (int attempt = 0; attempt < 20_000; attempt++) {
            StringBuilder text = new StringBuilder(valid);
            for (int edit = 0; edit < 1 + random.nextInt(4); edit++) {
                int at = random.nextInt(text.length());
                char replacement = valid.charAt(random.nextInt(valid.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, replacement);
                    default -> text.setCharAt(at, replacement);
                }
            }
            try {
                parse(text.toString());
            } catch (ExpressionException | InvalidDistributionException expected) {
                assertThat(expected.getMessage()).startsWith("cell (line 1, column ");
            }
        }
    }
}
