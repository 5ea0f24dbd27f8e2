package org.meridian.scenario.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {
    private static final Scope SCOPE = new Scope(
            Map.of(
                    "scale", new Scope.Symbol.Scalar(0),
                    "cost", new Scope.Symbol.Scalar(1),
                    "input", new Scope.Symbol.Vector("input", List.of("Water", "Electricity"), List.of(2, 3)),
                    "inputPrice", new Scope.Symbol.Vector("input", List.of("Water", "Electricity"), List.of(4, 5)),
                    "output", new Scope.Symbol.Unavailable("'output' is not available in capital functions")),
            Map.of("input", List.of("Water", "Electricity")));

    private static Expression parse(String text) {
        return ExpressionParser.parse(ExpressionSource.of("test", text));
    }

    /** Evaluates {@code text} for one sample with scale = 2, cost = 3, input = [5, 7], prices = [11, 13]. */
    private static double evaluate(String text) {
        Node node = ExpressionCompiler.compile(parse(text), SCOPE, "test");
        Frame frame = new Frame(6, 4);
        frame.reset(1);
        double[] values = {2, 3, 5, 7, 11, 13};
        for (int slot = 0; slot < values.length; slot++) {
            frame.column(slot)[0] = values[slot];
        }
        double[] out = new double[4];
        node.evaluate(frame, out);
        return out[0];
    }

    @Test
    void followsOperatorPrecedence() {
        assertThat(evaluate("1 + 2 * 3")).isEqualTo(7);
        assertThat(evaluate("(1 + 2) * 3")).isEqualTo(9);
        assertThat(evaluate("2 ^ 3 ^ 2")).isEqualTo(512);
        assertThat(evaluate("-2 ^ 2")).isEqualTo(-4);
        assertThat(evaluate("2 ^ -1")).isEqualTo(0.5);
        assertThat(evaluate("10 - 4 - 3")).isEqualTo(3);
        assertThat(evaluate("12 / 3 / 2")).isEqualTo(2);
        assertThat(evaluate("1 + 2 < 4")).isEqualTo(1);
        assertThat(evaluate("--3")).isEqualTo(3);
    }

    @Test
    void evaluatesVariablesAndIndexing() {
        assertThat(evaluate("scale * cost")).isEqualTo(6);
        assertThat(evaluate("input.Water + input[1]")).isEqualTo(12);
        assertThat(evaluate("sum(input)")).isEqualTo(12);
        assertThat(evaluate("sum(i in input, inputPrice[i] * input[i])")).isEqualTo(11 * 5 + 13 * 7);
        assertThat(evaluate("-scale")).isEqualTo(-2);
    }

    @Test
    void evaluatesFunctions() {
        assertThat(evaluate("min(input.Water, input.Electricity, cost)")).isEqualTo(3);
        assertThat(evaluate("max(input.Water, 6)")).isEqualTo(6);
        assertThat(evaluate("abs(cost - 10)")).isEqualTo(7);
        assertThat(evaluate("exp(0) + log(1) + sqrt(cost * 3)")).isEqualTo(4);
        assertThat(evaluate("pow(scale, 10)")).isEqualTo(1024);
        assertThat(evaluate("scale ^ 0.5")).isEqualTo(Math.sqrt(2));
        assertThat(evaluate("if(scale > 1, 10, 20)")).isEqualTo(10);
        assertThat(evaluate("if(scale >= 3, 10, 20)")).isEqualTo(20);
        assertThat(evaluate("(scale == 2) + (scale != 2) * 5 + (scale <= 2)")).isEqualTo(2);
    }

    @Test
    void foldsConstants() {
        Node node = ExpressionCompiler.compile(parse("2 * (3 + 4) - min(1, 2)"), SCOPE, "test");

        assertThat(node).isInstanceOf(Node.Literal.class);
        assertThat(((Node.Literal) node).value()).isEqualTo(13);
    }

    @Test
    void reportsUnknownVariableWithLineAndColumn() {
        assertThatThrownBy(() -> ExpressionCompiler.compile(parse("scale *\n  scael"), SCOPE, "metric Cost"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("metric Cost (line 2, column 3): unknown variable 'scael'")
                .satisfies(error -> assertThat(((ExpressionException) error).position()).isEqualTo(new SourcePosition(2, 3)));
    }

    @Test
    void reportsNameAndTypeErrors() {
        assertThatThrownBy(() -> evaluate("input.Steam")).hasMessageContaining("'input' has no index 'Steam'; its indices are Water, Electricity");
        assertThatThrownBy(() -> evaluate("input[2]")).hasMessageContaining("offset 2 is out of range for 'input'");
        assertThatThrownBy(() -> evaluate("input + 1")).hasMessageContaining("'input' is a vector over input");
        assertThatThrownBy(() -> evaluate("scale.Water")).hasMessageContaining("'scale' is a number, not a vector");
        assertThatThrownBy(() -> evaluate("output.Hydrogen")).hasMessageContaining("not available in capital functions");
        assertThatThrownBy(() -> evaluate("sum(i in output, 1)")).hasMessageContaining("unknown index set 'output'");
        assertThatThrownBy(() -> evaluate("input[i]")).hasMessageContaining("'i' is not the index of an enclosing sum");
        assertThatThrownBy(() -> evaluate("sum(i in input, i)")).hasMessageContaining("selects vector elements");
        assertThatThrownBy(() -> evaluate("1 / (2 - 2)")).hasMessageContaining("division by zero");
        assertThatThrownBy(() -> evaluate("log(0)")).hasMessageContaining("log of 0.0, which is not positive");
    }

    @Test
    void reportsSyntaxErrorsWithPosition() {
        assertThatThrownBy(() -> parse("1 +")).hasMessage("test (line 1, column 4): expected a number, a name or '(' but found end of expression");
        assertThatThrownBy(() -> parse("(1 + 2")).hasMessageContaining("expected ')' to close the '(' at line 1, column 1");
        assertThatThrownBy(() -> parse("2 ** 3")).hasMessageContaining("write powers with '^'");
        assertThatThrownBy(() -> parse("1 < 2 < 3")).hasMessageContaining("comparisons do not chain");
        assertThatThrownBy(() -> parse("foo(1)")).hasMessageContaining("unknown function 'foo'");
        assertThatThrownBy(() -> parse("if(1, 2)")).hasMessageContaining("if takes 3 arguments, got 2");
        assertThatThrownBy(() -> parse("1e999")).hasMessageContaining("too large");
        assertThatThrownBy(() -> parse("3x")).hasMessageContaining("may not run into a name");
        assertThatThrownBy(() -> parse("a $ b")).hasMessageContaining("unexpected character '$'");
        assertThatThrownBy(() -> parse("   ")).hasMessageContaining("the expression is empty");
        assertThatThrownBy(() -> parse("(".repeat(10_000) + "1" + ")".repeat(10_000))).hasMessageContaining("nests deeper");
    }

    @Test
    void randomTextFailsOnlyWithExpressionExceptions() {
        Random random = new Random(20261123);
        String alphabet = "0123456789.eE+-*/^()[],<>=!_ abcinputsumWater\n\t$#";
        int parsed = 0;
        for (int attempt = 0; attempt < 20_000; attempt++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(30);
            for (int index = 0; index < length; index++) {
                text.append(random.nextInt(20) == 0
                        ? (char) random.nextInt(0x3000)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                ExpressionCompiler.compile(parse(text.toString()), SCOPE, "fuzz");
                parsed++;
            } catch (ExpressionException expected) {
                assertThat(expected.position().line()).isPositive();
            }
        }
        // The alphabet yields some valid expressions too, so both paths are exercised.
        assertThat(parsed).isPositive();
    }

    @Test
    void mutatedValidExpressionsFailOnlyWithExpressionExceptions() {
        Random random = new Random(7);
        String valid = "sum(i in input, inputPrice[i] * input[i]) / scale + if(cost > 1, min(cost, 2) ^ 2, -abs(cost))";
        for (int attempt = 0; attempt < 20_000; attempt++) {
            StringBuilder text = new StringBuilder(valid);
            for (int edit = 0; edit < 1 + random.nextInt(4); edit++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, valid.charAt(random.nextInt(valid.length())));
                    default -> text.setCharAt(at, valid.charAt(random.nextInt(valid.length())));
                }
            }
            try {
                ExpressionCompiler.compile(parse(text.toString()), SCOPE, "fuzz");
            } catch (ExpressionException expected) {
                assertThat(expected.problem()).isNotBlank();
            }
        }
    }
}
