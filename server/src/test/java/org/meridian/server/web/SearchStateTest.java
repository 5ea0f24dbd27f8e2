package org.meridian.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchStateTest {

    @Test
    void dropsBlankValuesSubmittedByEmptyFormFields() {
        Map<String, List<String>> submitted = new LinkedHashMap<>();
        submitted.put("query", List.of(""));
        submitted.put("type", List.of("Dataset"));
        submitted.put("source_id", List.of(" ", "CESM2"));

        SearchState state = new SearchState(submitted);

        assertThat(state.parameters()).containsExactly(Map.entry("type", List.of("Dataset")),
                Map.entry("source_id", List.of("CESM2")));
    }

    @Test
    void hrefKeepsParameterOrderAndEscapesWhatServletsWouldMisread() {
        SearchState state = new SearchState(parameters("query", "a+b c", "dataset_id", "x.v1|node", "source_id!", "CESM1(CAM5.1,FV2)"));

        assertThat(state.href()).isEqualTo("/search?query=a%2Bb+c&dataset_id=x.v1%7Cnode&source_id%21=CESM1%28CAM5.1%2CFV2%29");
        assertThat(SearchState.empty().href()).isEqualTo("/search");
    }

    @Test
    void changingTheSearchReturnsToTheFirstPage() {
        SearchState state = new SearchState(parameters("query", "tas", "offset", "40"));

        assertThat(state.with("source_id", List.of("CESM2")).href()).isEqualTo("/search?query=tas&source_id=CESM2");
        assertThat(state.without("query").href()).isEqualTo("/search");
    }

    @Test
    void wgetScriptTakesTheSearchForFilesWithoutPagingListedFieldsOrExpandedFacets() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("type", List.of("Aggregation"));
        parameters.put("facets", List.of("source_id"));
        parameters.put("fields", List.of("id"));
        parameters.put("variable_id", List.of("tas", "pr"));
        parameters.put("offset", List.of("40"));
        parameters.put("limit", List.of("20"));
        parameters.put("more", List.of("source_id"));

        assertThat(new SearchState(parameters).wgetHref())
                .isEqualTo("/esg-search/wget?type=File&variable_id=tas&variable_id=pr&limit=1000");
        assertThat(SearchState.empty().wgetHref()).isEqualTo("/esg-search/wget?type=File&limit=1000");
    }

    @Test
    void expandingAFacetKeepsThePage() {
        SearchState state = new SearchState(parameters("offset", "40", "more", "source_id"));

        assertThat(state.expanding("realm").href()).isEqualTo("/search?offset=40&more=source_id&more=realm");
        assertThat(state.expanding("source_id").expandedFacets()).containsExactly("source_id");
    }

    @Test
    void offsetZeroIsTheFirstPageWithoutAParameter() {
        SearchState state = new SearchState(parameters("query", "tas"));

        assertThat(state.withOffset(20).href()).isEqualTo("/search?query=tas&offset=20");
        assertThat(state.withOffset(20).withOffset(0).href()).isEqualTo("/search?query=tas");
    }

    @Test
    void theParserNeverSeesThePagesOwnParameter() {
        SearchState state = new SearchState(parameters("query", "tas", "more", "source_id"));

        assertThat(state.searchParameters()).containsOnlyKeys("query");
    }

    private static Map<String, List<String>> parameters(String... namesAndValues) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.computeIfAbsent(namesAndValues[i], name -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return parameters;
    }
}
