package org.meridian.server.web;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.meridian.catalog.search.FacetCount;
import org.meridian.catalog.search.Query;

/**
 * One facet in the sidebar: its most frequent values (all of them when expanded), each a link
 * that adds or removes that value, and the links that list the rest.
 *
 * @param hiddenCount values not listed because the panel is collapsed
 * @param moreHref the whole page with this facet expanded (works without JavaScript)
 * @param moreFragmentHref just this panel, expanded, for htmx
 */
record FacetPanel(String name, String label, List<Option> options, int hiddenCount, String moreHref,
        String moreFragmentHref) {
    /** How many values a collapsed panel lists. */
    static final int TOP = 10;
    static final String FRAGMENT_PATH = "/search/facets/";
    /** Words in climate-data field names that are acronyms (mip_era, cf_standard_name, rcm_name, …). */
    private static final Set<String> ACRONYMS = Set.of("mip", "cf", "drs", "cmor", "rcm", "url");

    /**
     * @param href the search with this value picked, or with it removed when already picked
     * @param elementId stable across searches, so htmx can put keyboard focus back on the link
     */
    record Option(String value, long count, boolean selected, String href, String elementId) {
        /** The count with its digits grouped: "12,345". */
        public String countText() {
            return new Count(count).grouped();
        }
    }

    FacetPanel {
        requireNonNull(name, "name is null");
        requireNonNull(label, "label is null");
        options = List.copyOf(options);
    }

    /**
     * @param counts every value of the facet with its count, ignoring the facet's own picks
     * @param picked the values the search already requires (one of)
     */
    static FacetPanel of(String facet, List<FacetCount> counts, List<String> picked, boolean expanded,
            SearchState state) {
        List<FacetCount> ordered = new ArrayList<>(counts);
        ordered.sort(Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::value));
        List<Option> listed = new ArrayList<>();
        int hidden = 0;
        for (FacetCount count : ordered) {
            boolean selected = picked.contains(count.value());
            if (expanded || listed.size() < TOP || selected) {
                listed.add(option(facet, count.value(), count.count(), picked, state));
            } else {
                hidden++;
            }
        }
        // A picked value no record has any more still gets a line, so it can be seen and removed.
        for (String value : picked) {
            if (counts.stream().noneMatch(count -> count.value().equals(value))) {
                listed.add(option(facet, value, 0, picked, state));
            }
        }
        return new FacetPanel(facet, label(facet), listed, hidden, state.expanding(facet).href(),
                state.withQueryString(FRAGMENT_PATH + facet));
    }

    /** The values of {@code facet} the query requires one of. */
    static List<String> picked(Query query, String facet) {
        return query.constraints().stream()
                .filter(constraint -> constraint.field().equals(facet))
                .flatMap(constraint -> constraint.anyOf().stream())
                .toList();
    }

    /** How many values the facet has in all, with the digits grouped. */
    public String allCountText() {
        return new Count(options.size() + hiddenCount).grouped();
    }

    public String elementId() {
        return "facet-" + name;
    }

    /**
     * Open unless it offers a single value nobody picked: such a facet cannot narrow the search,
     * so it stays folded to keep the sidebar short.
     */
    public boolean open() {
        return options.size() > 1 || options.stream().anyMatch(Option::selected);
    }

    /**
     * A readable heading from a field name: {@code nominal_resolution} → "Nominal resolution",
     * {@code source_id} → "Source", {@code mip_era} → "MIP era".
     */
    static String label(String field) {
        String stem = field.endsWith("_id") ? field.substring(0, field.length() - 3) : field;
        List<String> words = new ArrayList<>();
        for (String word : stem.split("_")) {
            if (!word.isEmpty()) {
                words.add(ACRONYMS.contains(word) ? word.toUpperCase(Locale.ROOT) : word);
            }
        }
        if (words.isEmpty()) {
            return field;
        }
        String label = String.join(" ", words);
        return label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1);
    }

    private static Option option(String facet, String value, long count, List<String> picked, SearchState state) {
        boolean selected = picked.contains(value);
        List<String> changed = new ArrayList<>(picked);
        if (selected) {
            changed.remove(value);
        } else {
            changed.add(value);
        }
        return new Option(value, count, selected, state.with(facet, changed).href(), elementId(facet, value));
    }

    /** An HTML id from any value: letters and digits kept, every other character as _hex_, so ids never collide. */
    private static String elementId(String facet, String value) {
        StringBuilder id = new StringBuilder("facet-").append(facet).append("-");
        value.codePoints().forEach(point -> {
            if (point < 128 && Character.isLetterOrDigit(point)) {
                id.appendCodePoint(point);
            } else {
                id.append('_').append(Integer.toHexString(point)).append('_');
            }
        });
        return id.toString();
    }
}
