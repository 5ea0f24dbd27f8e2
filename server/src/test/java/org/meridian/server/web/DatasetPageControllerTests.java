package org.meridian.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UnsupportedEncodingException;
import java.net.URI;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.RecordId;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestConstructor;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(DatasetPageController.class)
@Import(WebTestConfiguration.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class DatasetPageControllerTests {
    private final MockMvcTester mvc;

    DatasetPageControllerTests(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    @Test
    void addressEscapesTheBarSoTheIdIsOnePathSegment() {
        assertThat(DatasetPage.href(RecordId.of("CMIP6.a.v1|node.example.org")))
                .isEqualTo("/datasets/CMIP6.a.v1%7Cnode.example.org");
        assertThat(DatasetPage.href(RecordId.of("odd id?#with space|node")))
                .isEqualTo("/datasets/odd%20id%3F%23with%20space%7Cnode");
    }

    @Test
    void showsTitleBadgesAndEveryMetadataField() {
        Document page = page(SampleCatalog.CESM2_TAS_ID, HttpStatus.OK);

        assertThat(page.select("main h1").text()).isEqualTo(SampleCatalog.CESM2_TAS);
        assertThat(page.select(".dataset__header .badge").eachText()).containsExactly("Version 20190308", "Latest");
        assertThat(metadata(page, "id")).isEqualTo(SampleCatalog.CESM2_TAS_ID);
        assertThat(metadata(page, "source_id")).isEqualTo("CESM2");
        assertThat(metadata(page, "nominal_resolution")).isEqualTo("100 km");
        assertThat(metadata(page, "number_of_files")).isEqualTo("30");
        assertThat(metadata(page, "datetime_start")).isEqualTo("1850-01-16T12:00:00Z");
        assertThat(metadata(page, "size")).matches("\\d+(\\.\\d)? [kMGT]?B \\(\\d+ bytes\\)");
        assertThat(metadataRow(page, "further_info_url").select("a").attr("href"))
                .isEqualTo("https://furtherinfo.es-doc.org/CMIP6.NCAR.CESM2.historical.none.r1i1p1f1");
    }

    @Test
    void summarySaysHowManyFilesInTheRightNumber() {
        assertThat(page(SampleCatalog.CESM2_TAS_ID, HttpStatus.OK).select(".dataset__summary").text())
                .contains(" in 30 files on ");
        assertThat(page(SampleCatalog.CANESM5_PR_ID, HttpStatus.OK).select(".dataset__summary").text())
                .contains(" in 1 file on ");
    }

    @Test
    void linksAWgetScriptForAllTheDatasetsFiles() {
        Element wget = page(SampleCatalog.CESM2_TAS_ID, HttpStatus.OK).selectFirst("section[aria-labelledby=files-heading] .downloads");

        assertThat(wget.select("a").text()).isEqualTo("wget script");
        assertThat(wget.select("a").attr("href")).isEqualTo("/esg-search/wget?type=File&dataset_id="
                + SampleCatalog.CESM2_TAS + ".v20190308%7C" + SampleCatalog.DATA_NODE + "&limit=30");
        assertThat(wget.text()).contains("this dataset's 30 files");
        assertThat(page(SampleCatalog.CANESM5_PR_ID, HttpStatus.OK).select(".downloads").text()).contains("1 file");
        assertThat(page(SampleCatalog.CESM2_TAS_RETRACTED_ID, HttpStatus.OK).select(".downloads")).isEmpty();
    }

    @Test
    void listsTheDatasetsAggregationsWithTheirAccessUrls() {
        Document page = page(SampleCatalog.CESM2_TAS_ID, HttpStatus.OK);

        Element aggregation = page.selectFirst("section[aria-labelledby=aggregations-heading] .aggregations > li");
        assertThat(aggregation.select("h3").text()).isEqualTo("tas.aggregation");
        assertThat(aggregation.select(".result__id").text())
                .isEqualTo(SampleCatalog.CESM2_TAS + ".v20190308.tas.aggregation|" + SampleCatalog.DATA_NODE);
        assertThat(aggregation.select(".access__service").eachText()).containsExactly("OPENDAP", "GridFTP");
        assertThat(aggregation.select(".access a").attr("href")).endsWith(".aggregation.html");
        assertThat(aggregation.select(".access code").text()).startsWith("gsiftp://");
        assertThat(page.select("#aggregations-heading ~ p a")).isEmpty();
    }

    @Test
    void aDatasetWithoutAggregationsHasNoAggregationsSection() {
        assertThat(page(SampleCatalog.CESM2_TAS_OLD_ID, HttpStatus.OK).select("#aggregations-heading")).isEmpty();
    }

    @Test
    void listsAccessUrlsLinkingOnlyThoseABrowserCanFollow() {
        Element access = page(SampleCatalog.CESM2_TAS_ID, HttpStatus.OK).selectFirst("section[aria-labelledby=access-heading]");

        assertThat(access.select(".access .access__service").eachText()).containsExactly("THREDDS", "Globus");
        assertThat(access.select(".access a").attr("href")).startsWith("https://" + SampleCatalog.DATA_NODE + "/thredds/catalog/");
        assertThat(access.select(".access code").text()).startsWith("globus:");
    }

    @Test
    void listsOnePageOfFilesWithSizeChecksumDownloadAndOpendapLinks() {
        Document page = page(SampleCatalog.CESM2_TAS_ID, HttpStatus.OK);

        assertThat(page.select("table.files tbody tr")).hasSize(DatasetPageController.FILES_PER_PAGE);
        Element first = page.selectFirst("table.files tbody tr");
        assertThat(first.select("th").text()).isEqualTo("tas_Amon_CESM2_historical_r1i1p1f1_gn_185001-185912.nc");
        assertThat(first.select("td.numeric").text()).matches("\\d+(\\.\\d)? MB");
        assertThat(first.select(".checksum__type").text()).isEqualTo("SHA256");
        assertThat(first.select("code.checksum").text()).matches("[0-9a-f]{64}");
        assertThat(first.select("a").eachText()).containsExactly("Download", "OPeNDAP");
        assertThat(first.select("a").eachAttr("href")).satisfiesExactly(
                download -> assertThat(download).contains("/thredds/fileServer/").endsWith(".nc"),
                opendap -> assertThat(opendap).contains("/thredds/dodsC/").endsWith(".nc.html"));
        assertThat(page.select("section[aria-labelledby=files-heading] .pager__summary").text()).isEqualTo("1–25 of 30");
    }

    @Test
    void pagesThroughFilesWithPlainLinks() {
        Document first = page(SampleCatalog.CESM2_TAS_ID, HttpStatus.OK);
        String next = first.selectFirst(".pager a[rel=next]").attr("href");
        assertThat(next).isEqualTo(DatasetPage.href(RecordId.of(SampleCatalog.CESM2_TAS_ID)) + "?offset=25");

        Document second = page(get(next), HttpStatus.OK);

        assertThat(second.select("table.files tbody tr")).hasSize(5);
        assertThat(second.selectFirst(".pager a[rel=prev]").attr("href"))
                .isEqualTo(DatasetPage.href(RecordId.of(SampleCatalog.CESM2_TAS_ID)));
        assertThat(second.select("nav.pager[aria-label='File pages'] [aria-current=page]").text()).isEqualTo("Page 2 of 2");
        assertThat(second.select("nav.pager a[hx-get]")).isEmpty();
    }

    @Test
    void aFilesPagePastTheLastSaysSoAndLinksToTheLastPage() {
        String href = DatasetPage.href(RecordId.of(SampleCatalog.CESM2_TAS_ID));
        Document page = page(get(href + "?offset=75"), HttpStatus.OK);

        assertThat(page.select("#files-heading ~ p.muted").text()).startsWith("This page is past the last one; 30 files in all.");
        assertThat(page.select("#files-heading ~ p.muted a").attr("href")).isEqualTo(href + "?offset=25");
    }

    @Test
    void listsVersionsNewestFirstMarkingLatestRetractedAndThisOne() {
        Document page = page(SampleCatalog.CESM2_TAS_ID, HttpStatus.OK);

        assertThat(page.select(".versions li")).satisfiesExactly(
                newest -> {
                    assertThat(newest.text()).contains("v20190308", "(this page)", "Latest", "on 2 data nodes");
                    assertThat(newest.select("a")).isEmpty();
                },
                retracted -> {
                    assertThat(retracted.text()).contains("v20190101", "Retracted");
                    assertThat(retracted.select("a").attr("href"))
                            .isEqualTo(DatasetPage.href(RecordId.of(SampleCatalog.CESM2_TAS_RETRACTED_ID)));
                },
                oldest -> assertThat(oldest.text()).contains("v20181206").doesNotContain("Latest", "Retracted"));
    }

    @Test
    void listsCopiesOfThisVersionOnOtherDataNodes() {
        Document page = page(SampleCatalog.CESM2_TAS_ID, HttpStatus.OK);

        assertThat(page.select(".replicas li")).singleElement().satisfies(replica -> {
            assertThat(replica.select("a").text()).isEqualTo(SampleCatalog.REPLICA_NODE);
            assertThat(replica.select("a").attr("href"))
                    .isEqualTo(DatasetPage.href(RecordId.of(SampleCatalog.CESM2_TAS_REPLICA_ID)));
            assertThat(replica.select(".badge").text()).isEqualTo("Replica");
        });
    }

    @Test
    void replicaPageListsTheOriginalAsTheOtherCopy() {
        Document page = page(SampleCatalog.CESM2_TAS_REPLICA_ID, HttpStatus.OK);

        assertThat(page.select(".dataset__header .badge").eachText()).contains("Replica");
        assertThat(page.select(".replicas li a").text()).isEqualTo(SampleCatalog.DATA_NODE);
        assertThat(page.select(".replicas li .badge").text()).isEqualTo("Original");
    }

    @Test
    void retractedVersionSaysSoAndLinksToTheLatest() {
        Document page = page(SampleCatalog.CESM2_TAS_RETRACTED_ID, HttpStatus.OK);

        assertThat(page.select(".notice--warning").text()).contains("retracted");
        assertThat(page.select(".notice--warning a").attr("href"))
                .isEqualTo(DatasetPage.href(RecordId.of(SampleCatalog.CESM2_TAS_ID)));
        assertThat(page.select("table.files")).isEmpty();
    }

    @Test
    void olderVersionLinksToTheLatest() {
        Document page = page(SampleCatalog.CESM2_TAS_OLD_ID, HttpStatus.OK);

        assertThat(page.select(".notice").text()).contains("newer version");
        assertThat(page.select(".notice a").attr("href")).isEqualTo(DatasetPage.href(RecordId.of(SampleCatalog.CESM2_TAS_ID)));
    }

    @Test
    void unknownIdIsA404PageWithTheId() {
        Document page = page("CMIP6.nothing.v1|" + SampleCatalog.DATA_NODE, HttpStatus.NOT_FOUND);

        assertThat(page.select("h1").text()).isEqualTo("Dataset not found");
        assertThat(page.select(".problem").text()).contains("CMIP6.nothing.v1|" + SampleCatalog.DATA_NODE);
        assertThat(page.select("a[href=/search]")).isNotEmpty();
    }

    @Test
    void fileIdIsNotADatasetPage() {
        String fileId = SampleCatalog.CESM2_TAS + ".v20190308.tas_Amon_CESM2_historical_r1i1p1f1_gn_185001-185912.nc|"
                + SampleCatalog.DATA_NODE;

        page(fileId, HttpStatus.NOT_FOUND);
    }

    @Test
    void badFileOffsetIsA400NamingTheParameter() {
        Document page = page(get(DatasetPage.href(RecordId.of(SampleCatalog.CESM2_TAS_ID)) + "?offset=minus"),
                HttpStatus.BAD_REQUEST);

        assertThat(page.select(".problem").text()).startsWith("Parameter offset must").contains("minus")
                .doesNotContain("Parameter offset: ");
        assertThat(page.text()).doesNotContain("Exception");
    }

    @Test
    void aPageOfNoFilesSaysHowManyThereAre() {
        Document page = page(get(DatasetPage.href(RecordId.of(SampleCatalog.CESM2_TAS_ID)) + "?limit=0"), HttpStatus.OK);

        assertThat(page.select("#files-heading ~ p.muted").text()).matches("No files on this page; [1-9][0-9]* in all\\.");
    }

    private Document page(String id, HttpStatus status) {
        return page(get(DatasetPage.href(RecordId.of(id))), status);
    }

    private MvcTestResult get(String uri) {
        return mvc.get().uri(URI.create(uri)).exchange();
    }

    private static Document page(MvcTestResult result, HttpStatus status) {
        assertThat(result).hasStatus(status);
        try {
            return Jsoup.parse(result.getResponse().getContentAsString());
        } catch (UnsupportedEncodingException e) {
            throw new AssertionError("response has an unknown character encoding", e);
        }
    }

    private static Element metadataRow(Document page, String name) {
        return page.select("table.metadata tr").stream()
                .filter(row -> row.select("th").text().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metadata row " + name));
    }

    private static String metadata(Document page, String name) {
        return metadataRow(page, name).select("td").text();
    }
}
