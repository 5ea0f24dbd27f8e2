package org.meridian.scenario.expression;

/** A 1-based line and column in the file (or text) a model was read from. */
public record SourcePosition(int line, int column) {
    public SourcePosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column start at 1, got " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
