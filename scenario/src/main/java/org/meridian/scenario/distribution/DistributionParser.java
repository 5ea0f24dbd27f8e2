package org.meridian.scenario.distribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.meridian.scenario.expression.ExpressionException;
import org.meridian.scenario.expression.ExpressionSource;
import org.meridian.scenario.expression.TokenCursor;
import org.meridian.scenario.expression.SourcePosition;
import org.meridian.scenario.expression.Token;

/**
 * Reads a distribution as Tyche workbooks write it: a number, or a call with scipy.stats names and
 * parameters, positional or by keyword, with an optional {@code st.} prefix:
 *
 * <pre>
 * 0.95
 * st.triang(0.5, loc=110, scale=0.11)          triang(c, loc=0, scale=1)
 * st.truncnorm(-1, 4, loc=0.96, scale=0.01)    truncnorm(a, b, loc=0, scale=1)
 * st.beta(1, 2, loc=0.90, scale=0.06)          beta(a, b, loc=0, scale=1)
 * st.norm(10, 2)                               norm(loc=0, scale=1)
 * st.lognorm(0.5, loc=0, scale=3)              lognorm(s, loc=0, scale=1)
 * st.uniform(1, 2)                             uniform(loc=0, scale=1)
 * mixture([0.7, 0.3], [st.triang(0.1, 0.5, 0.1), st.triang(0.5, 0.6, 0.4)])
 * empirical([1.2, 1.5, 1.1])
 * </pre>
 *
 * Syntax errors are {@link ExpressionException}s; parameters a distribution rejects are
 * {@link InvalidDistributionException}s; both name the place, line and column.
 */
public final class DistributionParser {
    private final ExpressionSource source;
    private final TokenCursor cursor;

    /** A parsed call argument before it is known what the distribution wants from it. */
    private sealed interface Value {
        SourcePosition position();

        record Number(double value, SourcePosition position) implements Value {
        }

        record Sequence(List<Value> items, SourcePosition position) implements Value {
        }

        record Call(Distribution distribution, SourcePosition position) implements Value {
        }
    }

    /** The distributions by name, each with its parameters in positional order and scipy's defaults. */
    private enum Family {
        UNIFORM("uniform", List.of("loc", "scale")),
        NORM("norm", List.of("loc", "scale")),
        LOGNORM("lognorm", List.of("s", "loc", "scale")),
        TRIANG("triang", List.of("c", "loc", "scale")),
        TRUNCNORM("truncnorm", List.of("a", "b", "loc", "scale")),
        BETA("beta", List.of("a", "b", "loc", "scale")),
        MIXTURE("mixture", List.of("weights", "distributions")),
        EMPIRICAL("empirical", List.of("values"));

        private static final Map<String, Double> DEFAULTS = Map.of("loc", 0.0, "scale", 1.0);

        private final String text;
        private final List<String> parameters;

        Family(String text, List<String> parameters) {
            this.text = text;
            this.parameters = parameters;
        }

        static Optional<Family> named(String text) {
            return Arrays.stream(values()).filter(family -> family.text.equals(text)).findFirst();
        }
    }

    private DistributionParser(ExpressionSource source) {
        this.source = source;
        this.cursor = new TokenCursor(source);
    }

    public static Distribution parse(ExpressionSource source) {
        DistributionParser parser = new DistributionParser(source);
        Token first = parser.cursor.peek();
        Value value = parser.value();
        Token rest = parser.cursor.peek();
        if (rest.kind() != Token.Kind.END) {
            throw parser.cursor.error(rest, "unexpected " + rest.describe() + " after a complete distribution");
        }
        return switch (value) {
            case Value.Number number -> parser.construct(first, () -> new Constant(number.value()));
            case Value.Call call -> call.distribution();
            case Value.Sequence sequence -> throw parser.cursor.error(first,
                    "a list is not a distribution; for observed values write empirical([…])");
        };
    }

    private Value value() {
        Token token = cursor.peek();
        return switch (token.kind()) {
            case MINUS -> {
                cursor.advance();
                Token number = cursor.expect(Token.Kind.NUMBER, "a number after '-'");
                yield new Value.Number(-number(number), cursor.position(token));
            }
            case NUMBER -> new Value.Number(number(cursor.advance()), cursor.position(token));
            case LEFT_BRACKET -> sequence();
            case IDENTIFIER -> call();
            case PLUS, STAR, SLASH, CARET, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, EQUAL_EQUAL, NOT_EQUAL,
                 ASSIGN, LEFT_PARENTHESIS, RIGHT_PARENTHESIS, RIGHT_BRACKET, COMMA, DOT, END ->
                    throw cursor.error(token, "expected a number, a list or a distribution such as st.triang(…) but found "
                            + token.describe());
        };
    }

    private double number(Token token) {
        double value = Double.parseDouble(token.text());
        if (Double.isInfinite(value)) {
            throw cursor.error(token, "the number " + token.text() + " is too large for double precision");
        }
        return value;
    }

    private Value sequence() {
        Token open = cursor.advance();
        List<Value> items = new ArrayList<>();
        if (cursor.peek().kind() != Token.Kind.RIGHT_BRACKET) {
            items.add(value());
            while (cursor.peek().kind() == Token.Kind.COMMA) {
                cursor.advance();
                items.add(value());
            }
        }
        cursor.expect(Token.Kind.RIGHT_BRACKET, "',' or ']' in the list");
        return new Value.Sequence(items, cursor.position(open));
    }

    private Value call() {
        Token start = cursor.advance();
        Token nameToken = start;
        String name = nameToken.text();
        if (cursor.peek().kind() == Token.Kind.DOT) {
            if (!name.equals("st")) {
                throw cursor.error(nameToken, "only the prefix 'st.' (scipy.stats) may come before a distribution name");
            }
            cursor.advance();
            nameToken = cursor.expect(Token.Kind.IDENTIFIER, "a distribution name after 'st.'");
            name = nameToken.text();
        }
        Token at = nameToken;
        Family family = Family.named(name).orElseThrow(() -> cursor.error(at, "unknown distribution '" + at.text()
                + "'; known: beta, empirical, lognorm, mixture, norm, triang, truncnorm, uniform"));
        cursor.expect(Token.Kind.LEFT_PARENTHESIS, "'(' after " + name);
        Map<String, Value> arguments = arguments(family);
        Distribution distribution = construct(start, () -> build(family, arguments, at));
        return new Value.Call(distribution, cursor.position(start));
    }

    private Map<String, Value> arguments(Family family) {
        String name = family.text;
        Map<String, Value> arguments = new HashMap<>();
        int positional = 0;
        boolean keywordSeen = false;
        while (cursor.peek().kind() != Token.Kind.RIGHT_PARENTHESIS) {
            if (!arguments.isEmpty()) {
                cursor.expect(Token.Kind.COMMA, "',' or ')' in the parameters of " + name);
            }
            Token start = cursor.peek();
            String parameter;
            if (start.kind() == Token.Kind.IDENTIFIER && cursor.lookAhead(1).kind() == Token.Kind.ASSIGN) {
                cursor.advance();
                cursor.advance();
                parameter = start.text();
                if (!family.parameters.contains(parameter)) {
                    throw cursor.error(start, name + " has no parameter '" + parameter + "'; its parameters are "
                            + String.join(", ", family.parameters));
                }
                keywordSeen = true;
            } else {
                if (keywordSeen) {
                    throw cursor.error(start, "a positional parameter may not follow a keyword parameter");
                }
                if (positional >= family.parameters.size()) {
                    throw cursor.error(start, name + " takes at most " + family.parameters.size() + " parameters ("
                            + String.join(", ", family.parameters) + ")");
                }
                parameter = family.parameters.get(positional++);
            }
            if (arguments.containsKey(parameter)) {
                throw cursor.error(start, name + ": parameter '" + parameter + "' is given twice");
            }
            arguments.put(parameter, value());
        }
        cursor.advance();
        return arguments;
    }

    private Distribution build(Family family, Map<String, Value> arguments, Token at) {
        String name = family.text;
        for (String parameter : family.parameters) {
            if (!arguments.containsKey(parameter) && !Family.DEFAULTS.containsKey(parameter)) {
                throw cursor.error(at, name + " needs parameter '" + parameter + "' (parameters: "
                        + String.join(", ", family.parameters) + ")");
            }
        }
        return switch (family) {
            case UNIFORM -> new Uniform(scalar(name, arguments, "loc"), scalar(name, arguments, "scale"));
            case NORM -> new Normal(scalar(name, arguments, "loc"), scalar(name, arguments, "scale"));
            case LOGNORM -> new LogNormal(scalar(name, arguments, "s"),
                    scalar(name, arguments, "loc"), scalar(name, arguments, "scale"));
            case TRIANG -> new Triangular(scalar(name, arguments, "c"),
                    scalar(name, arguments, "loc"), scalar(name, arguments, "scale"));
            case TRUNCNORM -> new TruncatedNormal(scalar(name, arguments, "a"),
                    scalar(name, arguments, "b"), scalar(name, arguments, "loc"),
                    scalar(name, arguments, "scale"));
            case BETA -> new Beta(scalar(name, arguments, "a"), scalar(name, arguments, "b"),
                    scalar(name, arguments, "loc"), scalar(name, arguments, "scale"));
            case MIXTURE -> new Mixture(numbers(name, arguments.get("weights")),
                    distributions(name, arguments.get("distributions")));
            case EMPIRICAL -> new Empirical(numbers(name, arguments.get("values")));
        };
    }

    private double scalar(String name, Map<String, Value> arguments, String parameter) {
        Value value = arguments.get(parameter);
        if (value == null) {
            return Family.DEFAULTS.get(parameter);
        }
        if (value instanceof Value.Number number) {
            return number.value();
        }
        throw new ExpressionException(source.place(), value.position(), name + ": parameter '" + parameter + "' must be a number");
    }

    private List<Double> numbers(String name, Value value) {
        if (!(value instanceof Value.Sequence sequence)) {
            throw new ExpressionException(source.place(), value.position(), name + " expects a list of numbers [a, b, …] here");
        }
        List<Double> numbers = new ArrayList<>();
        for (Value item : sequence.items()) {
            if (!(item instanceof Value.Number number)) {
                throw new ExpressionException(source.place(), item.position(), name + " expects only numbers in this list");
            }
            numbers.add(number.value());
        }
        return numbers;
    }

    private List<Distribution> distributions(String name, Value value) {
        if (!(value instanceof Value.Sequence sequence)) {
            throw new ExpressionException(source.place(), value.position(), name + " expects a list of distributions [st.triang(…), …] here");
        }
        List<Distribution> distributions = new ArrayList<>();
        for (Value item : sequence.items()) {
            distributions.add(switch (item) {
                case Value.Number number -> new Constant(number.value());
                case Value.Call call -> call.distribution();
                case Value.Sequence nested -> throw new ExpressionException(source.place(), nested.position(),
                        name + " expects distributions in this list, not a nested list");
            });
        }
        return distributions;
    }

    /** Builds a distribution, adding the place and position to a rejection of its parameters. */
    private Distribution construct(Token at, Supplier<Distribution> constructor) {
        try {
            return constructor.get();
        } catch (InvalidDistributionException invalid) {
            throw new InvalidDistributionException(source.place(), cursor.position(at), invalid.problem());
        }
    }





}
