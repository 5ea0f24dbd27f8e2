package org.meridian.scenario.expression;

import java.util.ArrayList;
import java.util.List;

/** Splits expression or distribution text into tokens; shared by both parsers. */
public final class Lexer {
    private final ExpressionSource source;
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int offset;

    private Lexer(ExpressionSource source) {
        this.source = source;
        this.text = source.text();
    }

    /** The tokens of {@code source}, ending with {@link Token.Kind#END}. */
    public static List<Token> tokenize(ExpressionSource source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        return List.copyOf(lexer.tokens);
    }

    private void run() {
        while (offset < text.length()) {
            char character = text.charAt(offset);
            if (Character.isWhitespace(character)) {
                offset++;
            } else if (isDigit(character) || (character == '.' && offset + 1 < text.length() && isDigit(text.charAt(offset + 1)))) {
                number();
            } else if (Character.isLetter(character) || character == '_') {
                int start = offset;
                while (offset < text.length() && (Character.isLetterOrDigit(text.charAt(offset)) || text.charAt(offset) == '_')) {
                    offset++;
                }
                add(Token.Kind.IDENTIFIER, start);
            } else {
                symbol(character);
            }
        }
        tokens.add(new Token(Token.Kind.END, "", text.length()));
    }

    private static boolean isDigit(char character) {
        return character >= '0' && character <= '9';
    }

    private void number() {
        int start = offset;
        digits();
        if (offset < text.length() && text.charAt(offset) == '.') {
            offset++;
            digits();
        }
        if (offset < text.length() && (text.charAt(offset) == 'e' || text.charAt(offset) == 'E')) {
            int exponent = offset;
            offset++;
            if (offset < text.length() && (text.charAt(offset) == '+' || text.charAt(offset) == '-')) {
                offset++;
            }
            if (offset >= text.length() || !isDigit(text.charAt(offset))) {
                throw error(exponent, "the exponent of a number needs digits, as in 1.5e-3");
            }
            digits();
        }
        if (offset < text.length() && (Character.isLetter(text.charAt(offset)) || text.charAt(offset) == '_')) {
            throw error(offset, "a number may not run into a name; put an operator between them");
        }
        add(Token.Kind.NUMBER, start);
    }

    private void digits() {
        while (offset < text.length() && isDigit(text.charAt(offset))) {
            offset++;
        }
    }

    private void symbol(char character) {
        int start = offset;
        char next = offset + 1 < text.length() ? text.charAt(offset + 1) : '\0';
        Token.Kind kind = switch (character) {
            case '+' -> Token.Kind.PLUS;
            case '-' -> Token.Kind.MINUS;
            case '*' -> {
                if (next == '*') {
                    throw error(start, "'**' is not an operator here; write powers with '^'");
                }
                yield Token.Kind.STAR;
            }
            case '/' -> Token.Kind.SLASH;
            case '^' -> Token.Kind.CARET;
            case '(' -> Token.Kind.LEFT_PARENTHESIS;
            case ')' -> Token.Kind.RIGHT_PARENTHESIS;
            case '[' -> Token.Kind.LEFT_BRACKET;
            case ']' -> Token.Kind.RIGHT_BRACKET;
            case ',' -> Token.Kind.COMMA;
            case '.' -> Token.Kind.DOT;
            case '<' -> next == '=' ? Token.Kind.LESS_EQUAL : Token.Kind.LESS;
            case '>' -> next == '=' ? Token.Kind.GREATER_EQUAL : Token.Kind.GREATER;
            case '=' -> next == '=' ? Token.Kind.EQUAL_EQUAL : Token.Kind.ASSIGN;
            case '!' -> {
                if (next != '=') {
                    throw error(start, "'!' is only used in '!='");
                }
                yield Token.Kind.NOT_EQUAL;
            }
            default -> throw error(start, "unexpected character '" + printable(character) + "'");
        };
        boolean twoCharacters = kind == Token.Kind.LESS_EQUAL || kind == Token.Kind.GREATER_EQUAL
                || kind == Token.Kind.EQUAL_EQUAL || kind == Token.Kind.NOT_EQUAL;
        offset += twoCharacters ? 2 : 1;
        add(kind, start);
    }

    private static String printable(char character) {
        return Character.isISOControl(character) || Character.isSurrogate(character)
                ? String.format("\\u%04x", (int) character)
                : String.valueOf(character);
    }

    private void add(Token.Kind kind, int start) {
        tokens.add(new Token(kind, text.substring(start, offset), start));
    }

    private ExpressionException error(int at, String problem) {
        return new ExpressionException(source.place(), source.positions().at(at), problem);
    }
}
