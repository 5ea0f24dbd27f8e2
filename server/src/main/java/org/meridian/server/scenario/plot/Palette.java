package org.meridian.server.scenario.plot;

/**
 * Series colours from Okabe and Ito's palette, which stays distinguishable under the common
 * colour-vision deficiencies. Each colour is a presentation attribute, the weakest style there is,
 * so a page rule on the matching {@code series-N} class overrides it (themes, dark mode), while a
 * chart opened on its own still has colour. Yellow comes last: it is faint on white.
 */
final class Palette {
    private static final String[] COLOURS = {
        "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442",
    };
    /** Text and lines: the page's --ink colour. */
    static final String INK = "#1b2430";
    /** Grid lines and secondary marks: the page's --line colour. */
    static final String LINE = "#d9dee6";
    static final String MUTED = "#556070";
    static final String PAPER = "#ffffff";

    private Palette() {
    }

    static String colour(int series) {
        return COLOURS[series % COLOURS.length];
    }

    static String cssClass(int series) {
        return "series series-" + (series % COLOURS.length);
    }
}
