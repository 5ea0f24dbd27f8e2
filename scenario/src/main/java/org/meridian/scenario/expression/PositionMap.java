package org.meridian.scenario.expression;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps an offset in an expression's text to where that character sits in the file: an expression
 * taken from a YAML scalar may start mid-line or span several indented lines.
 *
 * @param segments runs of consecutive characters on one file line, in offset order; the first
 *     starts at offset 0
 */
public record PositionMap(List<Segment> segments) {
    /** Characters from {@code offset} on lie on {@code line}, the first of them at {@code column}. */
    public record Segment(int offset, int line, int column) {
        public Segment {
            if (offset < 0 || line < 1 || column < 1) {
                throw new IllegalArgumentException("invalid segment " + offset + " -> " + line + ":" + column);
            }
        }
    }

    public PositionMap {
        segments = List.copyOf(requireNonNull(segments, "segments is null"));
        if (segments.isEmpty() || segments.getFirst().offset() != 0) {
            throw new IllegalArgumentException("the first segment must start at offset 0");
        }
    }

    /** Positions within the text itself, for an expression that is not part of a larger file. */
    public static PositionMap of(String text) {
        return startingAt(text, 1, 1);
    }

    /** Positions for a text whose first character is at {@code line}:{@code column}. */
    public static PositionMap startingAt(String text, int line, int column) {
        List<Segment> segments = new ArrayList<>();
        segments.add(new Segment(0, line, column));
        for (int offset = 0; offset < text.length(); offset++) {
            if (text.charAt(offset) == '\n') {
                segments.add(new Segment(offset + 1, line + segments.size(), 1));
            }
        }
        return new PositionMap(segments);
    }

    public SourcePosition at(int offset) {
        Segment found = segments.getFirst();
        for (Segment segment : segments) {
            if (segment.offset() > offset) {
                break;
            }
            found = segment;
        }
        return new SourcePosition(found.line(), found.column() + offset - found.offset());
    }
}
