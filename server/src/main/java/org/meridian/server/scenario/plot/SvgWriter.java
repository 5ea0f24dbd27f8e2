package org.meridian.server.scenario.plot;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes SVG markup that is always well-formed: elements close in the order they opened, and
 * every text and attribute value is escaped, because labels come from user-authored model files.
 * Attributes are given as name, value pairs; names are constants of this package, never input.
 */
final class SvgWriter {
    private final StringBuilder out = new StringBuilder(8192);
    private final Deque<String> open = new ArrayDeque<>();

    SvgWriter start(String name, String... attributes) {
        tag(name, attributes);
        out.append('>');
        open.push(name);
        return this;
    }

    SvgWriter empty(String name, String... attributes) {
        tag(name, attributes);
        out.append("/>");
        return this;
    }

    SvgWriter text(String name, String content, String... attributes) {
        tag(name, attributes);
        out.append('>').append(escape(content)).append("</").append(name).append('>');
        return this;
    }

    SvgWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    String finish() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("elements left open: " + open);
        }
        return out.toString();
    }

    /**
     * A coordinate with at most one decimal: a tenth of a viewBox unit is below what any screen
     * shows, and short numbers keep a chart of a hundred paths small. Never "-0", never a locale's
     * decimal comma.
     */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("a coordinate must be finite, got " + value);
        }
        long tenths = Math.round(value * 10);
        long whole = Math.abs(tenths / 10);
        long fraction = Math.abs(tenths % 10);
        String sign = tenths < 0 ? "-" : "";
        return fraction == 0 ? sign + whole : sign + whole + "." + fraction;
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int offset = 0; offset < text.length(); ) {
            int codePoint = text.codePointAt(offset);
            offset += Character.charCount(codePoint);
            switch (codePoint) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    if (isXmlCharacter(codePoint)) {
                        escaped.appendCodePoint(codePoint);
                    } else {
                        // Control characters and lone surrogates cannot appear in XML 1.0 even as
                        // references; showing a replacement beats failing the whole page.
                        escaped.append('\uFFFD');
                    }
                }
            }
        }
        return escaped.toString();
    }

    private static boolean isXmlCharacter(int codePoint) {
        return codePoint == '\t' || codePoint == '\n' || codePoint == '\r'
                || (codePoint >= 0x20 && codePoint <= 0xD7FF)
                || (codePoint >= 0xE000 && codePoint <= 0xFFFD)
                || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
    }

    private void tag(String name, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs, got " + attributes.length);
        }
        out.append('<').append(name);
        for (int index = 0; index < attributes.length; index += 2) {
            out.append(' ').append(attributes[index]).append("=\"").append(escape(attributes[index + 1])).append('"');
        }
    }
}
