package org.meridian.scenario.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The syntax tree of a parsed expression, before names are resolved. */
public sealed interface Expression {
    /** Where the expression starts (for operators: where the operator is). */
    SourcePosition position();

    /** A number written in the text. */
    record Number(double value, SourcePosition position) implements Expression {
    }

    /** A bare name: a scalar variable ({@code scale}, {@code cost}), a definition, or a vector. */
    record Name(String name, SourcePosition position) implements Expression {
        public Name {
            requireNonNull(name, "name is null");
        }
    }

    /** An element of a vector by index name: {@code input.Water}. */
    record Member(String vector, String member, SourcePosition position) implements Expression {
        public Member {
            requireNonNull(vector, "vector is null");
            requireNonNull(member, "member is null");
        }
    }

    /** An element of a vector by offset, {@code input[0]}, or by a {@code sum} index, {@code input[i]}. */
    record Element(String vector, Subscript subscript, SourcePosition position) implements Expression {
        public Element {
            requireNonNull(vector, "vector is null");
            requireNonNull(subscript, "subscript is null");
        }
    }

    /** What is inside the brackets of an {@link Element}. */
    sealed interface Subscript {
        record Offset(int offset) implements Subscript {
        }

        record IndexVariable(String name) implements Subscript {
            public IndexVariable {
                requireNonNull(name, "name is null");
            }
        }
    }

    record Negation(Expression operand, SourcePosition position) implements Expression {
        public Negation {
            requireNonNull(operand, "operand is null");
        }
    }

    record Binary(Operator operator, Expression left, Expression right, SourcePosition position) implements Expression {
        public Binary {
            requireNonNull(operator, "operator is null");
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }
    }

    /** A call of a built-in function: {@code min}, {@code max}, {@code abs}, {@code exp}, … */
    record Call(Function function, List<Expression> arguments, SourcePosition position) implements Expression {
        public Call {
            requireNonNull(function, "function is null");
            arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        }
    }

    /** {@code sum(i in input, body)}: the body added up for every index of the set. */
    record Sum(String variable, String indexSet, Expression body, SourcePosition position) implements Expression {
        public Sum {
            requireNonNull(variable, "variable is null");
            requireNonNull(indexSet, "indexSet is null");
            requireNonNull(body, "body is null");
        }
    }

    /** {@code sum(input)}: all elements of a vector added up. */
    record VectorSum(String vector, SourcePosition position) implements Expression {
        public VectorSum {
            requireNonNull(vector, "vector is null");
        }
    }

    enum Operator {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), POWER("^"),
        LESS("<"), LESS_EQUAL("<="), GREATER(">"), GREATER_EQUAL(">="), EQUAL("=="), NOT_EQUAL("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** The built-in functions and how many arguments each takes. */
    enum Function {
        MIN("min", 2, Integer.MAX_VALUE), MAX("max", 2, Integer.MAX_VALUE), ABS("abs", 1, 1),
        EXP("exp", 1, 1), LOG("log", 1, 1), SQRT("sqrt", 1, 1), POW("pow", 2, 2), IF("if", 3, 3);

        private final String text;
        private final int minimumArguments;
        private final int maximumArguments;

        Function(String text, int minimumArguments, int maximumArguments) {
            this.text = text;
            this.minimumArguments = minimumArguments;
            this.maximumArguments = maximumArguments;
        }

        public String text() {
            return text;
        }

        public int minimumArguments() {
            return minimumArguments;
        }

        public int maximumArguments() {
            return maximumArguments;
        }
    }
}
