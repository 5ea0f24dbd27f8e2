package org.meridian.scenario.model;

import java.util.ArrayList;
import java.util.List;
import org.meridian.scenario.expression.PositionMap;
import org.meridian.scenario.expression.SourcePosition;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Where the characters of a YAML scalar's value sit in the file, so that an error at offset k of
 * an expression is reported at its real line and column — also for expressions folded over
 * several lines or written as a literal block.
 */
final class ScalarPositions {
    private final String[] lines;

    ScalarPositions(String text) {
        this.lines = text.split("\r?\n", -1);
    }

    SourcePosition start(ScalarNode node) {
        return new SourcePosition(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    PositionMap of(ScalarNode node) {
        int startLine = node.getStartMark().getLine();
        int startColumn = node.getStartMark().getColumn();
        int endLine = node.getEndMark().getLine();
        DumperOptions.ScalarStyle style = node.getScalarStyle();
        boolean quoted = style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED;
        boolean block = style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED;
        if (!block && startLine == endLine) {
            return PositionMap.startingAt(node.getValue(), startLine + 1, startColumn + 1 + (quoted ? 1 : 0));
        }
        // Block scalars start on the line after their indicator; flow scalars on their own line.
        int firstLine = block ? startLine + 1 : startLine;
        // A block scalar ends where the next line starts; that line is not part of it.
        int lastLine = Math.min(block && node.getEndMark().getColumn() == 0 ? endLine - 1 : endLine, lines.length - 1);
        // A literal block keeps indentation beyond the block's own, so only that much is skipped.
        int blockIndentation = Integer.MAX_VALUE;
        if (style == DumperOptions.ScalarStyle.LITERAL) {
            for (int line = firstLine; line <= lastLine; line++) {
                String raw = lines[line];
                if (!raw.isBlank()) {
                    blockIndentation = Math.min(blockIndentation, raw.length() - raw.stripLeading().length());
                }
            }
        }
        List<PositionMap.Segment> segments = new ArrayList<>();
        int offset = 0;
        for (int line = firstLine; line <= lastLine; line++) {
            String raw = lines[line];
            if (raw.isBlank()) {
                continue;
            }
            int from;
            if (blockIndentation != Integer.MAX_VALUE) {
                from = blockIndentation;
            } else {
                from = line == startLine ? startColumn + (quoted ? 1 : 0) : 0;
                while (from < raw.length() && raw.charAt(from) == ' ') {
                    from++;
                }
            }
            segments.add(new PositionMap.Segment(offset, line + 1, from + 1));
            // Literal blocks keep line breaks and folded text joins lines with one space: either
            // way one character separates consecutive lines in the value.
            offset += raw.substring(from).stripTrailing().length() + 1;
        }
        if (segments.isEmpty()) {
            return PositionMap.startingAt(node.getValue(), startLine + 1, startColumn + 1);
        }
        return new PositionMap(segments);
    }
}
