package org.meridian.server.scenario.plot;

import static org.meridian.server.scenario.plot.SvgWriter.number;

/** Equal-width slots side by side across the plot area, one per series of a box or violin plot. */
record CategorySlots(int count) {
    CategorySlots {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one category, got " + count);
        }
    }

    double width() {
        return (ChartFrame.RIGHT - ChartFrame.LEFT) / count;
    }

    double centre(int index) {
        return ChartFrame.LEFT + width() * (index + 0.5);
    }

    /** The series label under its slot, shortened to the slot's width. */
    void label(SvgWriter svg, int index, String label) {
        svg.text("text", ChartFrame.fit(label, width() - 6), "class", "category-label",
                "x", number(centre(index)), "y", number(ChartFrame.BOTTOM + 19), "text-anchor", "middle",
                "fill", Palette.INK);
    }
}
