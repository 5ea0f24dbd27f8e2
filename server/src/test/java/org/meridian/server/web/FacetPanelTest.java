package org.meridian.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.search.FacetCount;

class FacetPanelTest {
    private static final SearchState STATE = new SearchState(Map.of("query", List.of("tas")));

    @Test
    void labelsFieldNamesForReaders() {
        assertThat(FacetPanel.label("source_id")).isEqualTo("Source");
        assertThat(FacetPanel.label("nominal_resolution")).isEqualTo("Nominal resolution");
        assertThat(FacetPanel.label("mip_era")).isEqualTo("MIP era");
        assertThat(FacetPanel.label("cf_standard_name")).isEqualTo("CF standard name");
        assertThat(FacetPanel.label("project")).isEqualTo("Project");
    }

    @Test
    void collapsedPanelListsTheMostFrequentValuesAndAlwaysThePickedOnes() {
        List<FacetCount> counts = new ArrayList<>();
        for (int rank = 1; rank <= 15; rank++) {
            counts.add(new FacetCount("model-" + (char) ('a' + rank - 1), 100 - rank));
        }

        FacetPanel panel = FacetPanel.of("source_id", counts, List.of("model-n"), false, STATE);

        assertThat(panel.options()).extracting(FacetPanel.Option::value).containsExactly("model-a", "model-b",
                "model-c", "model-d", "model-e", "model-f", "model-g", "model-h", "model-i", "model-j", "model-n");
        assertThat(panel.hiddenCount()).isEqualTo(4);
        assertThat(panel.moreHref()).isEqualTo("/search?query=tas&more=source_id");
        assertThat(panel.options().getLast().href()).isEqualTo("/search?query=tas");
    }

    @Test
    void countsAreShownWithGroupedDigits() {
        List<FacetCount> counts = new ArrayList<>();
        for (int rank = 1; rank <= 1_234; rank++) {
            counts.add(new FacetCount("value" + rank, 10_000 + rank));
        }

        FacetPanel panel = FacetPanel.of("realm", counts, List.of(), false, STATE);

        assertThat(panel.options().getFirst().countText()).isEqualTo("11,234");
        assertThat(panel.allCountText()).isEqualTo("1,234");
    }

    @Test
    void expandedPanelListsEveryValue() {
        List<FacetCount> counts = new ArrayList<>();
        for (int rank = 1; rank <= 15; rank++) {
            counts.add(new FacetCount("value" + rank, rank));
        }

        FacetPanel panel = FacetPanel.of("realm", counts, List.of(), true, STATE);

        assertThat(panel.options()).hasSize(15).first().extracting(FacetPanel.Option::value).isEqualTo("value15");
        assertThat(panel.hiddenCount()).isZero();
    }

    @Test
    void pickedValueThatNoRecordCarriesIsListedWithZeroSoItCanBeRemoved() {
        FacetPanel panel = FacetPanel.of("source_id", List.of(new FacetCount("CESM2", 3)), List.of("NoSuchModel"), false, STATE);

        assertThat(panel.options()).extracting(FacetPanel.Option::value, FacetPanel.Option::count, FacetPanel.Option::selected)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CESM2", 3L, false),
                        org.assertj.core.groups.Tuple.tuple("NoSuchModel", 0L, true));
    }

    @Test
    void singleUnpickedValueIsFoldedBecauseItCannotNarrowTheSearch() {
        assertThat(FacetPanel.of("realm", List.of(new FacetCount("atmos", 5)), List.of(), false, STATE).open()).isFalse();
        assertThat(FacetPanel.of("realm", List.of(new FacetCount("atmos", 5)), List.of("atmos"), false, STATE).open()).isTrue();
        assertThat(FacetPanel.of("realm", List.of(new FacetCount("atmos", 5), new FacetCount("ocean", 1)), List.of(),
                false, STATE).open()).isTrue();
    }

    @Test
    void optionIdsAreValidHtmlIdsAndDistinctForLookalikeValues() {
        FacetPanel panel = FacetPanel.of("source_id",
                List.of(new FacetCount("CESM1(CAM5.1,FV2)", 1), new FacetCount("CESM1_CAM5_1_FV2_", 1)), List.of(), false, STATE);

        assertThat(panel.options()).extracting(FacetPanel.Option::elementId)
                .allSatisfy(id -> assertThat(id).matches("[A-Za-z][A-Za-z0-9_-]*"))
                .doesNotHaveDuplicates();
    }
}
