package org.meridian.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.search.FacetCount;
import org.meridian.catalog.search.FieldConstraint;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchResult;
import org.meridian.server.testing.TemporaryIndex;

class FacetedSearchTest {
    private final TemporaryIndex index = SampleCatalog.index();
    private final FacetedSearch search = new FacetedSearch(index);

    @AfterEach
    void closeIndex() throws IOException {
        index.close();
    }

    @Test
    void pickedFacetIsCountedWithoutItsOwnPicksSoOtherValuesStayOffered() {
        Query query = Query.builder().type(RecordType.DATASET).where("source_id", "CESM2")
                .where("experiment_id", "ssp585").build();

        SearchResult result = search.search(query, List.of("source_id", "experiment_id"));

        assertThat(result.total()).isEqualTo(1);
        assertThat(result.hits()).hasSize(1);
        assertThat(result.facets().get("source_id")).hasSize(12).allSatisfy(count -> assertThat(count.count()).isEqualTo(1));
        assertThat(result.facets().get("experiment_id"))
                .containsExactly(new FacetCount("historical", 5), new FacetCount("ssp585", 1));
    }

    @Test
    void negationsOfThePickedFacetStillApplyToItsCounts() {
        Query query = Query.builder().type(RecordType.DATASET)
                .constraint(new FieldConstraint("source_id", List.of("CESM2"), List.of("MIROC6"))).build();

        List<FacetCount> counts = search.counts(query, "source_id");

        assertThat(counts).extracting(FacetCount::value).hasSize(11).doesNotContain("MIROC6");
    }

    @Test
    void unpickedFacetsComeFromTheMainSearch() {
        Query query = Query.builder().type(RecordType.DATASET).where("variable_id", "pr").build();

        SearchResult result = search.search(query, List.of("experiment_id"));

        assertThat(result.facets().get("experiment_id")).containsExactly(new FacetCount("historical", 12));
    }
}
