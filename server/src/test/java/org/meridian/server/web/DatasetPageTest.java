package org.meridian.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.search.Hit;
import org.meridian.catalog.search.SearchResult;

class DatasetPageTest {
    private static final CatalogRecord DATASET = aDataset("CMIP6.CMIP.NCAR.CESM2.historical").build();
    private static final Paging NO_FILES = Paging.of(0, 25, 0, 0, offset -> "");

    @Test
    void linksASearchForAllAggregationsWhenThePageListsOnlySome() {
        Hit first = new Hit(aFile(DATASET, "tas.aggregation").build(), Instant.EPOCH, 1);

        DatasetPage page = DatasetPage.of(DATASET, List.of(), NO_FILES, List.of(DATASET),
                new SearchResult(60, 0, List.of(first), 1, Map.of()));

        assertThat(page.aggregations()).extracting(DatasetPage.AggregationRow::title).containsExactly("tas.aggregation");
        assertThat(page.allAggregationsHref()).contains("/search?type=Aggregation&dataset_id="
                + "CMIP6.CMIP.NCAR.CESM2.historical.v20190308%7C" + DATASET.dataNode());
    }

    @Test
    void theWgetLinkSaysWhenOneScriptCannotListEveryFile() {
        SearchResult noAggregations = new SearchResult(0, 0, List.of(), 1, Map.of());

        DatasetPage few = DatasetPage.of(DATASET, List.of(), Paging.of(0, 25, 0, 30, offset -> ""), List.of(DATASET),
                noAggregations);
        DatasetPage many = DatasetPage.of(DATASET, List.of(), Paging.of(0, 25, 0, 19_606, offset -> ""), List.of(DATASET),
                noAggregations);

        assertThat(few.wgetWords()).isEqualTo("to download this dataset's 30 files");
        assertThat(many.wgetWords())
                .isEqualTo("to download the first 10,000 of this dataset's 19,606 files (the most one script lists)");
        assertThat(many.wgetHref()).hasValueSatisfying(href -> assertThat(href).contains("limit=10000"));
    }

    @Test
    void needsNoSearchLinkWhenEveryAggregationIsListed() {
        Hit only = new Hit(aFile(DATASET, "tas.aggregation").build(), Instant.EPOCH, 1);

        DatasetPage page = DatasetPage.of(DATASET, List.of(), NO_FILES, List.of(DATASET),
                new SearchResult(1, 0, List.of(only), 1, Map.of()));

        assertThat(page.allAggregationsHref()).isEmpty();
    }
}
