package org.meridian.scenario.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast columnar evaluation and the checked one-sample evaluation are two implementations of
 * the same language: on random expressions they must agree wherever the sample is valid, and
 * wherever the checked evaluation finds a fault the columnar one must have flagged the lane.
 */
class ColumnLaneConsistencyTest {
    private static final int LANES = 64;
    private static final Scope SCOPE = new Scope(
            Map.of("scale", new Scope.Symbol.Scalar(0), "cost", new Scope.Symbol.Scalar(1),
                    "input", new Scope.Symbol.Vector("input", List.of("Water", "Electricity"), List.of(2, 3))),
            Map.of("input", List.of("Water", "Electricity")));

    private final Random random = new Random(42);

    private String expression(int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            return switch (random.nextInt(6)) {
                case 0 -> "scale";
                case 1 -> "cost";
                case 2 -> "input.Water";
                case 3 -> "input[1]";
                case 4 -> String.valueOf(random.nextInt(5));
                default -> String.valueOf(random.nextDouble() * 4 - 2);
            };
        }
        String a = expression(depth - 1);
        String b = expression(depth - 1);
        return switch (random.nextInt(15)) {
            case 0 -> "(" + a + " + " + b + ")";
            case 1 -> "(" + a + " - " + b + ")";
            case 2 -> "(" + a + " * " + b + ")";
            case 3 -> "(" + a + " / " + b + ")";
            case 4 -> "(" + a + " ^ " + b + ")";
            case 5 -> "-" + a;
            case 6 -> "min(" + a + ", " + b + ")";
            case 7 -> "max(" + a + ", " + b + ", 1)";
            case 8 -> "abs(" + a + ")";
            case 9 -> "exp(" + a + ")";
            case 10 -> "log(" + a + ")";
            case 11 -> "sqrt(" + a + ")";
            case 12 -> "if(" + a + " > " + b + ", " + a + ", " + b + ")";
            case 13 -> "(" + a + " <= " + b + ")";
            default -> "sum(i in input, input[i] * " + a + ")";
        };
    }

    @Test
    void columnarAndCheckedEvaluationAgree() throws Exception {
        int compared = 0;
        int faults = 0;
        for (int attempt = 0; attempt < 2_000; attempt++) {
            String text = expression(4);
            Node node;
            try {
                node = ExpressionCompiler.compile(ExpressionParser.parse(ExpressionSource.of("random", text)), SCOPE, "random");
            } catch (ExpressionException foldedFault) {
                // A constant sub-expression that always fails (e.g. log(-1)) is rejected at compile time.
                continue;
            }
            Frame frame = new Frame(4, LANES);
            frame.reset(LANES);
            for (int slot = 0; slot < 4; slot++) {
                for (int lane = 0; lane < LANES; lane++) {
                    // Small integers make zero divisors and negative roots common.
                    frame.column(slot)[lane] = lane % 5 == 0 ? random.nextInt(3) - 1 : random.nextDouble() * 6 - 3;
                }
            }
            double[] out = new double[LANES];
            node.evaluate(frame, out);
            for (int lane = 0; lane < LANES; lane++) {
                try {
                    double checked = node.evaluateLane(frame, lane);
                    assertThat(out[lane]).as("%s at lane %d", text, lane)
                            .isCloseTo(checked, withinPercentage(1e-10));
                    compared++;
                } catch (LaneFault fault) {
                    assertThat(frame.suspect(lane) || !Double.isFinite(out[lane]))
                            .as("%s at lane %d faults (%s) but was not flagged", text, lane, fault.problem()).isTrue();
                    faults++;
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
        assertThat(faults).isGreaterThan(100);
    }
}
