package org.meridian.scenario.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Walks the tokens of one source for a recursive-descent parser (expressions and distribution
 * texts alike), and turns a token into the place an error message points at.
 */
public final class TokenCursor {
    private final ExpressionSource source;
    private final List<Token> tokens;
    private int next;

    public TokenCursor(ExpressionSource source) {
        this.source = requireNonNull(source, "source is null");
        this.tokens = Lexer.tokenize(source);
    }

    /** The next token, not consumed; the END token once everything is consumed. */
    public Token peek() {
        return tokens.get(next);
    }

    /** The token {@code distance} places after the next one, or END beyond the last. */
    public Token lookAhead(int distance) {
        return tokens.get(Math.min(next + distance, tokens.size() - 1));
    }

    /** Consumes and returns the next token; END is never consumed. */
    public Token advance() {
        Token token = tokens.get(next);
        if (token.kind() != Token.Kind.END) {
            next++;
        }
        return token;
    }

    /** Consumes the next token, which must be of {@code kind}; {@code what} names it in the error. */
    public Token expect(Token.Kind kind, String what) {
        Token token = advance();
        if (token.kind() != kind) {
            throw error(token, "expected " + what + " but found " + token.describe());
        }
        return token;
    }

    public SourcePosition position(Token token) {
        return source.positions().at(token.offset());
    }

    /** A syntax error at {@code token}. */
    public ExpressionException error(Token token, String problem) {
        return new ExpressionException(source.place(), position(token), problem);
    }
}
