package org.meridian.scenario.expression;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Resolves the names of a parsed {@link Expression} against a {@link Scope} and turns it into a
 * {@link Node} tree: sums unrolled over their index sets, constant sub-expressions folded. Every
 * name or type error is an {@link ExpressionException} at the offending position.
 */
public final class ExpressionCompiler {
    private final Scope scope;
    private final String place;
    /** Index variables of the enclosing sums: name → (set, current offset). */
    private final Map<String, Binding> bindings = new HashMap<>();

    private record Binding(String indexSet, int offset) {
    }

    private ExpressionCompiler(Scope scope, String place) {
        this.scope = scope;
        this.place = place;
    }

    public static Node compile(Expression expression, Scope scope, String place) {
        requireNonNull(expression, "expression is null");
        return new ExpressionCompiler(requireNonNull(scope, "scope is null"), requireNonNull(place, "place is null"))
                .node(expression);
    }

    private Node node(Expression expression) {
        return switch (expression) {
            case Expression.Number number -> new Node.Literal(number.value(), number.position());
            case Expression.Name name -> name(name);
            case Expression.Member member -> member(member);
            case Expression.Element element -> element(element);
            case Expression.Negation negation -> {
                Node operand = node(negation.operand());
                yield operand instanceof Node.Literal literal
                        ? new Node.Literal(-literal.value(), negation.position())
                        : new Node.Negation(operand, negation.position());
            }
            case Expression.Binary binary -> binary(binary);
            case Expression.Call call -> call(call);
            case Expression.Sum sum -> sum(sum);
            case Expression.VectorSum vectorSum -> vectorSum(vectorSum);
        };
    }

    private Node name(Expression.Name name) {
        if (bindings.containsKey(name.name())) {
            throw error(name.position(), "the sum index '" + name.name() + "' selects vector elements, as in input["
                    + name.name() + "]; it is not a number itself");
        }
        return switch (symbol(name.name(), name.position())) {
            case Scope.Symbol.Scalar scalar -> load(scalar.slot(), name.name(), name.position());
            case Scope.Symbol.Vector vector -> throw error(name.position(), "'" + name.name() + "' is a vector over "
                    + vector.indexSet() + " " + vector.names() + "; pick one element, as in " + example(name.name(), vector)
                    + ", or add them up with sum(" + name.name() + ")");
            case Scope.Symbol.Unavailable unavailable -> throw error(name.position(), unavailable.reason());
        };
    }

    private static String example(String name, Scope.Symbol.Vector vector) {
        return vector.names().isEmpty() ? name + "[0]" : name + "." + vector.names().getFirst() + " or " + name + "[0]";
    }

    private Scope.Symbol symbol(String name, SourcePosition position) {
        Scope.Symbol symbol = scope.symbols().get(name);
        if (symbol == null) {
            TreeSet<String> known = new TreeSet<>();
            scope.symbols().forEach((candidate, found) -> {
                if (!(found instanceof Scope.Symbol.Unavailable)) {
                    known.add(candidate);
                }
            });
            throw error(position, "unknown variable '" + name + "'; known here: " + String.join(", ", known));
        }
        return symbol;
    }

    private Scope.Symbol.Vector vector(String name, SourcePosition position) {
        return switch (symbol(name, position)) {
            case Scope.Symbol.Vector vector -> vector;
            case Scope.Symbol.Scalar scalar -> throw error(position, "'" + name + "' is a number, not a vector; it has no elements");
            case Scope.Symbol.Unavailable unavailable -> throw error(position, unavailable.reason());
        };
    }

    private Node member(Expression.Member member) {
        Scope.Symbol.Vector vector = vector(member.vector(), member.position());
        int offset = vector.names().indexOf(member.member());
        if (offset < 0) {
            throw error(member.position(), "'" + member.vector() + "' has no index '" + member.member()
                    + "'; its indices are " + String.join(", ", vector.names()));
        }
        return load(member.vector(), vector, offset, member.position());
    }

    private Node element(Expression.Element element) {
        Scope.Symbol.Vector vector = vector(element.vector(), element.position());
        int offset = switch (element.subscript()) {
            case Expression.Subscript.Offset given -> {
                if (given.offset() >= vector.names().size()) {
                    throw error(element.position(), "offset " + given.offset() + " is out of range for '"
                            + element.vector() + "', which has " + vector.names().size() + " elements (offsets 0 to "
                            + (vector.names().size() - 1) + ")");
                }
                yield given.offset();
            }
            case Expression.Subscript.IndexVariable variable -> {
                Binding binding = bindings.get(variable.name());
                if (binding == null) {
                    throw error(element.position(), "'" + variable.name() + "' is not the index of an enclosing sum; "
                            + "write sum(" + variable.name() + " in " + vector.indexSet() + ", …) or use an offset");
                }
                if (!binding.indexSet().equals(vector.indexSet())) {
                    throw error(element.position(), "'" + variable.name() + "' ranges over " + binding.indexSet()
                            + " but '" + element.vector() + "' is indexed by " + vector.indexSet());
                }
                yield binding.offset();
            }
        };
        return load(element.vector(), vector, offset, element.position());
    }

    private Node load(String name, Scope.Symbol.Vector vector, int offset, SourcePosition position) {
        return load(vector.slots().get(offset), name + "." + vector.names().get(offset), position);
    }

    private Node load(int slot, String name, SourcePosition position) {
        Double constant = scope.constants().get(slot);
        return constant != null ? new Node.Literal(constant, name, position) : new Node.Load(slot, name, position);
    }

    private Node binary(Expression.Binary binary) {
        Node left = node(binary.left());
        Node right = node(binary.right());
        SourcePosition position = binary.position();
        return switch (binary.operator()) {
            case ADD -> arithmetic(Node.ArithmeticOperator.ADD, left, right, position);
            case SUBTRACT -> arithmetic(Node.ArithmeticOperator.SUBTRACT, left, right, position);
            case MULTIPLY -> arithmetic(Node.ArithmeticOperator.MULTIPLY, left, right, position);
            case DIVIDE -> arithmetic(Node.ArithmeticOperator.DIVIDE, left, right, position);
            case POWER -> arithmetic(Node.ArithmeticOperator.POWER, left, right, position);
            case LESS -> comparison(Node.ComparisonOperator.LESS, left, right, position);
            case LESS_EQUAL -> comparison(Node.ComparisonOperator.LESS_EQUAL, left, right, position);
            case GREATER -> comparison(Node.ComparisonOperator.GREATER, left, right, position);
            case GREATER_EQUAL -> comparison(Node.ComparisonOperator.GREATER_EQUAL, left, right, position);
            case EQUAL -> comparison(Node.ComparisonOperator.EQUAL, left, right, position);
            case NOT_EQUAL -> comparison(Node.ComparisonOperator.NOT_EQUAL, left, right, position);
        };
    }

    private Node arithmetic(Node.ArithmeticOperator operator, Node left, Node right, SourcePosition position) {
        if (left instanceof Node.Literal first && right instanceof Node.Literal second) {
            if (operator == Node.ArithmeticOperator.DIVIDE && second.value() == 0 && !second.origin().isEmpty()) {
                throw error(position, "division by zero: " + second.origin() + " is 0");
            }
            try {
                return new Node.Literal(Node.Arithmetic.apply(operator, first.value(), second.value(), position), position);
            } catch (LaneFault fault) {
                // A constant operation that fails fails for every sample: report it now, in place.
                throw error(fault.position(), fault.problem());
            }
        }
        return new Node.Arithmetic(operator, left, right, position);
    }

    private static Node comparison(Node.ComparisonOperator operator, Node left, Node right, SourcePosition position) {
        if (left instanceof Node.Literal first && right instanceof Node.Literal second) {
            return new Node.Literal(Node.Comparison.holds(operator, first.value(), second.value()) ? 1 : 0, position);
        }
        return new Node.Comparison(operator, left, right, position);
    }

    private Node call(Expression.Call call) {
        List<Node> arguments = call.arguments().stream().map(this::node).toList();
        SourcePosition position = call.position();
        return switch (call.function()) {
            case MIN -> extremum(false, arguments, position);
            case MAX -> extremum(true, arguments, position);
            case ABS -> application(Node.MathFunction.ABS, arguments.getFirst(), position);
            case EXP -> application(Node.MathFunction.EXP, arguments.getFirst(), position);
            case LOG -> application(Node.MathFunction.LOG, arguments.getFirst(), position);
            case SQRT -> application(Node.MathFunction.SQRT, arguments.getFirst(), position);
            case POW -> arithmetic(Node.ArithmeticOperator.POWER, arguments.get(0), arguments.get(1), position);
            case IF -> arguments.getFirst() instanceof Node.Literal condition
                    ? (condition.value() != 0 ? arguments.get(1) : arguments.get(2))
                    : new Node.Choice(arguments.get(0), arguments.get(1), arguments.get(2), position);
        };
    }

    private static Node extremum(boolean maximum, List<Node> arguments, SourcePosition position) {
        Node result = arguments.getFirst();
        for (Node argument : arguments.subList(1, arguments.size())) {
            if (result instanceof Node.Literal first && argument instanceof Node.Literal second) {
                double value = maximum ? Math.max(first.value(), second.value()) : Math.min(first.value(), second.value());
                result = new Node.Literal(value, position);
            } else {
                result = new Node.Extremum(maximum, result, argument, position);
            }
        }
        return result;
    }

    private Node application(Node.MathFunction function, Node operand, SourcePosition position) {
        if (operand instanceof Node.Literal literal) {
            try {
                return new Node.Literal(Node.Application.apply(function, literal.value(), position), position);
            } catch (LaneFault fault) {
                throw error(fault.position(), fault.problem());
            }
        }
        return new Node.Application(function, operand, position);
    }

    private Node sum(Expression.Sum sum) {
        List<String> members = scope.indexSets().get(sum.indexSet());
        if (members == null) {
            throw error(sum.position(), "unknown index set '" + sum.indexSet() + "'; the sets are "
                    + String.join(", ", new TreeSet<>(scope.indexSets().keySet())));
        }
        if (scope.symbols().containsKey(sum.variable()) || bindings.containsKey(sum.variable())) {
            throw error(sum.position(), "the sum index '" + sum.variable() + "' hides a name already in use; pick another");
        }
        Node total = new Node.Literal(0, sum.position());
        try {
            for (int offset = 0; offset < members.size(); offset++) {
                bindings.put(sum.variable(), new Binding(sum.indexSet(), offset));
                Node term = node(sum.body());
                total = offset == 0 ? term : arithmetic(Node.ArithmeticOperator.ADD, total, term, sum.position());
            }
        } finally {
            bindings.remove(sum.variable());
        }
        return total;
    }

    private Node vectorSum(Expression.VectorSum vectorSum) {
        Scope.Symbol.Vector vector = vector(vectorSum.vector(), vectorSum.position());
        Node total = new Node.Literal(0, vectorSum.position());
        for (int offset = 0; offset < vector.names().size(); offset++) {
            Node term = load(vectorSum.vector(), vector, offset, vectorSum.position());
            total = offset == 0 ? term : arithmetic(Node.ArithmeticOperator.ADD, total, term, vectorSum.position());
        }
        return total;
    }

    private ExpressionException error(SourcePosition position, String problem) {
        return new ExpressionException(place, position, problem);
    }
}
