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
        List<PositionMap.Segment> segments = new ArrayList<>();
        int offset = 0;
        for (int line = firstLine; line <= Math.min(endLine, lines.length - 1); line++) {
            String raw = lines[line];
            int from = line == startLine ? startColumn + (quoted ? 1 : 0) : 0;
            while (from < raw.length() && raw.charAt(from) == ' ') {
                from++;
            }
            if (from >= raw.length()) {
                continue;
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
