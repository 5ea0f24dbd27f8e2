package org.meridian.scenario.expression;

/** One lexical unit of an expression; {@code offset} is where its text starts. */
public record Token(Kind kind, String text, int offset) {
    public enum Kind {
        NUMBER, IDENTIFIER,
        PLUS, MINUS, STAR, SLASH, CARET,
        LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, EQUAL_EQUAL, NOT_EQUAL, ASSIGN,
        LEFT_PARENTHESIS, RIGHT_PARENTHESIS, LEFT_BRACKET, RIGHT_BRACKET, COMMA, DOT,
        END
    }

    /** The token as a reader sees it in a message. */
    public String describe() {
        return kind == Kind.END ? "end of expression" : "'" + text + "'";
    }
}
