package org.meridian.scenario.expression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the model expression language:
 *
 * <pre>
 * comparison := additive (("&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=") additive)?
 * additive   := term (("+" | "-") term)*
 * term       := unary (("*" | "/") unary)*
 * unary      := "-" unary | power
 * power      := primary ("^" unary)?              (right-associative; -2^2 is -(2^2))
 * primary    := number | "(" comparison ")" | name | name "." name | name "[" (integer | name) "]"
 *             | "sum" "(" name "in" name "," comparison ")" | "sum" "(" name ")"
 *             | function "(" comparison ("," comparison)* ")"
 * </pre>
 *
 * Every failure is an {@link ExpressionException} with the line and column of the offending token.
 */
public final class ExpressionParser {
    /** Deeper nesting than any model needs; the bound keeps hostile input from overflowing the stack. */
    private static final int MAXIMUM_DEPTH = 200;

    private final ExpressionSource source;
    private final TokenCursor cursor;
    private int depth;

    private ExpressionParser(ExpressionSource source) {
        this.source = source;
        this.cursor = new TokenCursor(source);
    }

    public static Expression parse(ExpressionSource source) {
        ExpressionParser parser = new ExpressionParser(source);
        if (parser.cursor.peek().kind() == Token.Kind.END) {
            throw parser.cursor.error(parser.cursor.peek(), "the expression is empty");
        }
        Expression expression = parser.comparison();
        Token rest = parser.cursor.peek();
        if (rest.kind() != Token.Kind.END) {
            throw parser.cursor.error(rest, "unexpected " + rest.describe() + " after a complete expression");
        }
        return expression;
    }

    private Expression comparison() {
        enter();
        Expression left = additive();
        Optional<Expression.Operator> operator = comparisonOperator(cursor.peek().kind());
        if (operator.isPresent()) {
            Token token = cursor.advance();
            Expression right = additive();
            if (comparisonOperator(cursor.peek().kind()).isPresent()) {
                throw cursor.error(cursor.peek(), "comparisons do not chain; combine them with * (and) or if(…)");
            }
            left = new Expression.Binary(operator.get(), left, right, cursor.position(token));
        }
        depth--;
        return left;
    }

    private static Optional<Expression.Operator> comparisonOperator(Token.Kind kind) {
        return Optional.ofNullable(switch (kind) {
            case LESS -> Expression.Operator.LESS;
            case LESS_EQUAL -> Expression.Operator.LESS_EQUAL;
            case GREATER -> Expression.Operator.GREATER;
            case GREATER_EQUAL -> Expression.Operator.GREATER_EQUAL;
            case EQUAL_EQUAL -> Expression.Operator.EQUAL;
            case NOT_EQUAL -> Expression.Operator.NOT_EQUAL;
            case NUMBER, IDENTIFIER, PLUS, MINUS, STAR, SLASH, CARET, ASSIGN, LEFT_PARENTHESIS,
                 RIGHT_PARENTHESIS, LEFT_BRACKET, RIGHT_BRACKET, COMMA, DOT, END -> null;
        });
    }

    private Expression additive() {
        Expression left = term();
        while (cursor.peek().kind() == Token.Kind.PLUS || cursor.peek().kind() == Token.Kind.MINUS) {
            Token token = cursor.advance();
            Expression.Operator operator = token.kind() == Token.Kind.PLUS
                    ? Expression.Operator.ADD : Expression.Operator.SUBTRACT;
            left = new Expression.Binary(operator, left, term(), cursor.position(token));
        }
        return left;
    }

    private Expression term() {
        Expression left = unary();
        while (cursor.peek().kind() == Token.Kind.STAR || cursor.peek().kind() == Token.Kind.SLASH) {
            Token token = cursor.advance();
            Expression.Operator operator = token.kind() == Token.Kind.STAR
                    ? Expression.Operator.MULTIPLY : Expression.Operator.DIVIDE;
            left = new Expression.Binary(operator, left, unary(), cursor.position(token));
        }
        return left;
    }

    private Expression unary() {
        enter();
        Expression result;
        if (cursor.peek().kind() == Token.Kind.MINUS) {
            Token token = cursor.advance();
            result = new Expression.Negation(unary(), cursor.position(token));
        } else if (cursor.peek().kind() == Token.Kind.PLUS) {
            throw cursor.error(cursor.peek(), "a unary '+' is not needed; leave it out");
        } else {
            result = power();
        }
        depth--;
        return result;
    }

    private Expression power() {
        Expression base = primary();
        if (cursor.peek().kind() == Token.Kind.CARET) {
            Token token = cursor.advance();
            return new Expression.Binary(Expression.Operator.POWER, base, unary(), cursor.position(token));
        }
        return base;
    }

    private Expression primary() {
        Token token = cursor.advance();
        return switch (token.kind()) {
            case NUMBER -> number(token);
            case LEFT_PARENTHESIS -> {
                Expression inner = comparison();
                cursor.expect(Token.Kind.RIGHT_PARENTHESIS, "')' to close the '(' at " + cursor.position(token));
                yield inner;
            }
            case IDENTIFIER -> named(token);
            case PLUS, MINUS, STAR, SLASH, CARET, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, EQUAL_EQUAL,
                 NOT_EQUAL, ASSIGN, RIGHT_PARENTHESIS, LEFT_BRACKET, RIGHT_BRACKET, COMMA, DOT, END ->
                    throw cursor.error(token, "expected a number, a name or '(' but found " + token.describe());
        };
    }

    private Expression number(Token token) {
        double value = Double.parseDouble(token.text());
        if (Double.isInfinite(value)) {
            throw cursor.error(token, "the number " + token.text() + " is too large for double precision");
        }
        return new Expression.Number(value, cursor.position(token));
    }

    private Expression named(Token name) {
        if (cursor.peek().kind() == Token.Kind.LEFT_PARENTHESIS) {
            return call(name);
        }
        if (cursor.peek().kind() == Token.Kind.DOT) {
            cursor.advance();
            Token member = cursor.expect(Token.Kind.IDENTIFIER, "an index name after '" + name.text() + ".'");
            return new Expression.Member(name.text(), member.text(), cursor.position(name));
        }
        if (cursor.peek().kind() == Token.Kind.LEFT_BRACKET) {
            cursor.advance();
            Token inside = cursor.advance();
            Expression.Subscript subscript = switch (inside.kind()) {
                case NUMBER -> new Expression.Subscript.Offset(offset(inside));
                case IDENTIFIER -> new Expression.Subscript.IndexVariable(inside.text());
                case PLUS, MINUS, STAR, SLASH, CARET, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, EQUAL_EQUAL,
                     NOT_EQUAL, ASSIGN, LEFT_PARENTHESIS, RIGHT_PARENTHESIS, LEFT_BRACKET, RIGHT_BRACKET,
                     COMMA, DOT, END -> throw cursor.error(inside,
                        "expected an offset (0, 1, …) or a sum index inside '[ ]' but found " + inside.describe());
            };
            cursor.expect(Token.Kind.RIGHT_BRACKET, "']' after the subscript");
            return new Expression.Element(name.text(), subscript, cursor.position(name));
        }
        return new Expression.Name(name.text(), cursor.position(name));
    }

    private int offset(Token token) {
        if (!token.text().chars().allMatch(Character::isDigit) || token.text().length() > 6) {
            throw cursor.error(token, "an offset is a whole number 0, 1, 2, … but found " + token.describe());
        }
        return Integer.parseInt(token.text());
    }

    private Expression call(Token name) {
        cursor.advance();
        if (name.text().equals("sum")) {
            return sum(name);
        }
        Expression.Function function = Arrays.stream(Expression.Function.values())
                .filter(candidate -> candidate.text().equals(name.text()))
                .findFirst()
                .orElseThrow(() -> cursor.error(name, "unknown function '" + name.text() + "'; the functions are "
                        + "min, max, abs, exp, log, sqrt, pow, if and sum"));
        List<Expression> arguments = new ArrayList<>();
        if (cursor.peek().kind() != Token.Kind.RIGHT_PARENTHESIS) {
            arguments.add(comparison());
            while (cursor.peek().kind() == Token.Kind.COMMA) {
                cursor.advance();
                arguments.add(comparison());
            }
        }
        cursor.expect(Token.Kind.RIGHT_PARENTHESIS, "',' or ')' in the call of " + function.text());
        if (arguments.size() < function.minimumArguments() || arguments.size() > function.maximumArguments()) {
            String expected = function.minimumArguments() == function.maximumArguments()
                    ? String.valueOf(function.minimumArguments())
                    : "at least " + function.minimumArguments();
            throw cursor.error(name, function.text() + " takes " + expected + " arguments, got " + arguments.size());
        }
        return new Expression.Call(function, arguments, cursor.position(name));
    }

    private Expression sum(Token name) {
        Token first = cursor.expect(Token.Kind.IDENTIFIER, "an index variable (sum(i in input, …)) or a vector (sum(input))");
        if (cursor.peek().kind() == Token.Kind.RIGHT_PARENTHESIS) {
            cursor.advance();
            return new Expression.VectorSum(first.text(), cursor.position(first));
        }
        Token in = cursor.advance();
        if (in.kind() != Token.Kind.IDENTIFIER || !in.text().equals("in")) {
            throw cursor.error(in, "expected 'in' as in sum(i in input, …) but found " + in.describe());
        }
        Token set = cursor.expect(Token.Kind.IDENTIFIER, "an index set after 'in' (capital, fixed, input, output, metric, parameter)");
        cursor.expect(Token.Kind.COMMA, "',' before the summed expression");
        Expression body = comparison();
        cursor.expect(Token.Kind.RIGHT_PARENTHESIS, "')' to close sum(");
        return new Expression.Sum(first.text(), set.text(), body, cursor.position(name));
    }

    private void enter() {
        if (++depth > MAXIMUM_DEPTH) {
            throw cursor.error(cursor.peek(), "the expression nests deeper than " + MAXIMUM_DEPTH + " levels");
        }
    }





}
