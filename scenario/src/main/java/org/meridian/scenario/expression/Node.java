package org.meridian.scenario.expression;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A compiled expression: names resolved to frame slots, constants folded. It evaluates two ways.
 *
 * <ul>
 *   <li>{@link #evaluate}: over a whole chunk of samples at once, one tight loop per operation, the
 *       fast path. Operations that can turn finite numbers into NaN or infinity (division, powers,
 *       logarithms, …) flag the lanes where they did on the {@link Frame}.</li>
 *   <li>{@link #evaluateLane}: one sample, checking every operation and following only the taken
 *       branch of {@code if}. The evaluator runs it for flagged lanes to find the exact operation
 *       at fault, or to learn that the non-finite value sat in a branch that was not taken.</li>
 * </ul>
 *
 * <p>Columnar evaluation writes lanes {@code [0, frame.length())} of {@code out}; {@code out} is
 * never a column that the node itself reads.
 */
public sealed interface Node {
    SourcePosition position();

    void evaluate(Frame frame, double[] out);

    double evaluateLane(Frame frame, int lane) throws LaneFault;

    private static String number(double value) {
        return Double.toString(value);
    }

    /**
     * A number: written in the text, folded from constants, or a slot known to be constant; then
     * {@code origin} names it (e.g. {@code output.Hydrogen}) for messages, else it is empty.
     */
    record Literal(double value, String origin, SourcePosition position) implements Node {
        public Literal {
            requireNonNull(origin, "origin is null");
        }

        public Literal(double value, SourcePosition position) {
            this(value, "", position);
        }

        @Override
        public void evaluate(Frame frame, double[] out) {
            Arrays.fill(out, 0, frame.length(), value);
        }

        @Override
        public double evaluateLane(Frame frame, int lane) {
            return value;
        }
    }

    /** Reads a slot: a sampled variable, a function result or a definition. */
    record Load(int slot, String name, SourcePosition position) implements Node {
        public Load {
            requireNonNull(name, "name is null");
        }

        @Override
        public void evaluate(Frame frame, double[] out) {
            System.arraycopy(frame.column(slot), 0, out, 0, frame.length());
        }

        @Override
        public double evaluateLane(Frame frame, int lane) {
            return frame.column(slot)[lane];
        }
    }

    record Negation(Node operand, SourcePosition position) implements Node {
        @Override
        public void evaluate(Frame frame, double[] out) {
            double[] values = frame.operand(operand, out);
            for (int lane = 0, length = frame.length(); lane < length; lane++) {
                out[lane] = -values[lane];
            }
        }

        @Override
        public double evaluateLane(Frame frame, int lane) throws LaneFault {
            return -operand.evaluateLane(frame, lane);
        }
    }

    enum ArithmeticOperator { ADD, SUBTRACT, MULTIPLY, DIVIDE, POWER }

    record Arithmetic(ArithmeticOperator operator, Node left, Node right, SourcePosition position) implements Node {
        @Override
        public void evaluate(Frame frame, double[] out) {
            int length = frame.length();
            if (right instanceof Literal literal) {
                columnWithScalar(frame.operand(left, out), literal.value(), out, length);
            } else if (left instanceof Literal literal) {
                scalarWithColumn(literal.value(), frame.operand(right, out), out, length);
            } else {
                double[] first = frame.operand(left, out);
                double[] scratch = frame.borrow();
                double[] second = frame.operand(right, scratch);
                columns(first, second, out, length);
                frame.release(scratch);
            }
            if (operator == ArithmeticOperator.DIVIDE || operator == ArithmeticOperator.POWER) {
                frame.flagNonFinite(out);
            }
        }

        // One loop per operator so that the JIT can vectorise each of them.
        private void columns(double[] a, double[] b, double[] out, int length) {
            switch (operator) {
                case ADD -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = a[i] + b[i];
                    }
                }
                case SUBTRACT -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = a[i] - b[i];
                    }
                }
                case MULTIPLY -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = a[i] * b[i];
                    }
                }
                case DIVIDE -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = a[i] / b[i];
                    }
                }
                case POWER -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = Math.pow(a[i], b[i]);
                    }
                }
            }
        }

        private void columnWithScalar(double[] a, double b, double[] out, int length) {
            switch (operator) {
                case ADD -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = a[i] + b;
                    }
                }
                case SUBTRACT -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = a[i] - b;
                    }
                }
                case MULTIPLY -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = a[i] * b;
                    }
                }
                case DIVIDE -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = a[i] / b;
                    }
                }
                case POWER -> power(a, b, out, length);
            }
        }

        /** Math.pow costs tens of nanoseconds; squares, cubes and square roots are common and cheap. */
        private static void power(double[] a, double exponent, double[] out, int length) {
            if (exponent == 2) {
                for (int i = 0; i < length; i++) {
                    out[i] = a[i] * a[i];
                }
            } else if (exponent == 3) {
                for (int i = 0; i < length; i++) {
                    out[i] = a[i] * a[i] * a[i];
                }
            } else if (exponent == 1) {
                System.arraycopy(a, 0, out, 0, length);
            } else {
                for (int i = 0; i < length; i++) {
                    out[i] = Math.pow(a[i], exponent);
                }
            }
        }

        private void scalarWithColumn(double a, double[] b, double[] out, int length) {
            switch (operator) {
                case ADD -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = a + b[i];
                    }
                }
                case SUBTRACT -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = a - b[i];
                    }
                }
                case MULTIPLY -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = a * b[i];
                    }
                }
                case DIVIDE -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = a / b[i];
                    }
                }
                case POWER -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = Math.pow(a, b[i]);
                    }
                }
            }
        }

        @Override
        public double evaluateLane(Frame frame, int lane) throws LaneFault {
            double a = left.evaluateLane(frame, lane);
            double b = right.evaluateLane(frame, lane);
            if (operator == ArithmeticOperator.DIVIDE && b == 0 && right instanceof Load divisor) {
                throw new LaneFault(position, "division by zero: " + divisor.name() + " is 0");
            }
            return apply(operator, a, b, position);
        }

        /** One checked operation; also used for constant folding. */
        static double apply(ArithmeticOperator operator, double a, double b, SourcePosition position) throws LaneFault {
            double result = switch (operator) {
                case ADD -> a + b;
                case SUBTRACT -> a - b;
                case MULTIPLY -> a * b;
                case DIVIDE -> {
                    if (b == 0) {
                        throw new LaneFault(position, "division by zero (" + number(a) + " / 0)");
                    }
                    yield a / b;
                }
                case POWER -> Math.pow(a, b);
            };
            if (!Double.isFinite(result)) {
                String problem = operator == ArithmeticOperator.POWER && Double.isNaN(result)
                        ? number(a) + " ^ " + number(b) + " is not a real number"
                        : "the result of " + number(a) + " " + symbol(operator) + " " + number(b)
                                + " is too large for double precision";
                throw new LaneFault(position, problem);
            }
            return result;
        }

        private static String symbol(ArithmeticOperator operator) {
            return switch (operator) {
                case ADD -> "+";
                case SUBTRACT -> "-";
                case MULTIPLY -> "*";
                case DIVIDE -> "/";
                case POWER -> "^";
            };
        }
    }

    enum ComparisonOperator { LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, EQUAL, NOT_EQUAL }

    /** 1 where the comparison holds, 0 where it does not (so comparisons multiply as "and"). */
    record Comparison(ComparisonOperator operator, Node left, Node right, SourcePosition position) implements Node {
        @Override
        public void evaluate(Frame frame, double[] out) {
            int length = frame.length();
            double[] first = frame.operand(left, out);
            double[] scratch = frame.borrow();
            double[] second = frame.operand(right, scratch);
            for (int i = 0; i < length; i++) {
                out[i] = holds(operator, first[i], second[i]) ? 1 : 0;
            }
            frame.release(scratch);
        }

        static boolean holds(ComparisonOperator operator, double a, double b) {
            return switch (operator) {
                case LESS -> a < b;
                case LESS_EQUAL -> a <= b;
                case GREATER -> a > b;
                case GREATER_EQUAL -> a >= b;
                case EQUAL -> a == b;
                case NOT_EQUAL -> a != b;
            };
        }

        @Override
        public double evaluateLane(Frame frame, int lane) throws LaneFault {
            return holds(operator, left.evaluateLane(frame, lane), right.evaluateLane(frame, lane)) ? 1 : 0;
        }
    }

    enum MathFunction { ABS, EXP, LOG, SQRT }

    record Application(MathFunction function, Node operand, SourcePosition position) implements Node {
        @Override
        public void evaluate(Frame frame, double[] out) {
            int length = frame.length();
            double[] values = frame.operand(operand, out);
            switch (function) {
                case ABS -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = Math.abs(values[i]);
                    }
                }
                case EXP -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = Math.exp(values[i]);
                    }
                }
                case LOG -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = Math.log(values[i]);
                    }
                }
                case SQRT -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = Math.sqrt(values[i]);
                    }
                }
            }
            if (function != MathFunction.ABS) {
                frame.flagNonFinite(out);
            }
        }

        @Override
        public double evaluateLane(Frame frame, int lane) throws LaneFault {
            return apply(function, operand.evaluateLane(frame, lane), position);
        }

        static double apply(MathFunction function, double value, SourcePosition position) throws LaneFault {
            return switch (function) {
                case ABS -> Math.abs(value);
                case EXP -> {
                    double result = Math.exp(value);
                    if (Double.isInfinite(result)) {
                        throw new LaneFault(position, "exp(" + number(value) + ") is too large for double precision");
                    }
                    yield result;
                }
                case LOG -> {
                    if (value <= 0) {
                        throw new LaneFault(position, "log of " + number(value) + ", which is not positive");
                    }
                    yield Math.log(value);
                }
                case SQRT -> {
                    if (value < 0) {
                        throw new LaneFault(position, "sqrt of " + number(value) + ", which is negative");
                    }
                    yield Math.sqrt(value);
                }
            };
        }
    }

    /** {@code min(a, b)} or {@code max(a, b)}; longer argument lists are folded into pairs. */
    record Extremum(boolean maximum, Node left, Node right, SourcePosition position) implements Node {
        @Override
        public void evaluate(Frame frame, double[] out) {
            int length = frame.length();
            double[] first = frame.operand(left, out);
            double[] scratch = frame.borrow();
            double[] second = frame.operand(right, scratch);
            if (maximum) {
                for (int i = 0; i < length; i++) {
                    out[i] = Math.max(first[i], second[i]);
                }
            } else {
                for (int i = 0; i < length; i++) {
                    out[i] = Math.min(first[i], second[i]);
                }
            }
            frame.release(scratch);
        }

        @Override
        public double evaluateLane(Frame frame, int lane) throws LaneFault {
            double a = left.evaluateLane(frame, lane);
            double b = right.evaluateLane(frame, lane);
            return maximum ? Math.max(a, b) : Math.min(a, b);
        }
    }

    /** {@code if(condition, whenTrue, whenFalse)}: a non-zero condition selects {@code whenTrue}. */
    record Choice(Node condition, Node whenTrue, Node whenFalse, SourcePosition position) implements Node {
        @Override
        public void evaluate(Frame frame, double[] out) {
            int length = frame.length();
            double[] conditions = frame.borrow();
            double[] tested = frame.operand(condition, conditions);
            double[] trueValues = frame.borrow();
            double[] first = frame.operand(whenTrue, trueValues);
            double[] second = frame.operand(whenFalse, out);
            for (int i = 0; i < length; i++) {
                out[i] = tested[i] != 0 ? first[i] : second[i];
            }
            frame.release(trueValues);
            frame.release(conditions);
        }

        @Override
        public double evaluateLane(Frame frame, int lane) throws LaneFault {
            return condition.evaluateLane(frame, lane) != 0
                    ? whenTrue.evaluateLane(frame, lane)
                    : whenFalse.evaluateLane(frame, lane);
        }
    }
}
