package org.meridian.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestConstructor;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(SearchPageController.class)
@Import(WebTestConfiguration.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class SearchPageControllerTests {
    /** 12 models × 3 latest datasets, plus an older, a retracted and a replica copy of CESM2 tas. */
    private static final int DATASETS = 39;

    private final MockMvcTester mvc;

    SearchPageControllerTests(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    @Test
    void rendersWholePageWithLandmarksLabelledFormFacetsAndFirstPageOfResults() {
        Document page = page(get("/search"), HttpStatus.OK);

        assertThat(page.select("a.skip-link").attr("href")).isEqualTo("#main");
        assertThat(page.select("header.site-header nav[aria-label]")).hasSize(1);
        assertThat(page.select("main#main aside.facets")).hasSize(1);
        for (Element input : page.select("#search-form input:not([type=hidden]), #search-form select")) {
            assertThat(page.select("label[for=" + input.id() + "]")).as("label for %s", input.id()).hasSize(1);
        }
        assertThat(page.select("#search-query").attr("name")).isEqualTo("query");
        assertThat(page.select("#search-type option").eachAttr("value")).containsExactly("Dataset", "File");
        assertThat(page.select("#search-status").attr("role")).isEqualTo("status");
        assertThat(page.select("#search-status").attr("aria-live")).isEqualTo("polite");
        assertThat(page.select("#search-status").text()).isEqualTo("Showing 1–20 of " + DATASETS + " datasets.");
        assertThat(page.select(".result")).hasSize(SearchPageController.DEFAULT_LIMIT);
        assertThat(page.select("section.facet h3").eachText()).anySatisfy(heading -> assertThat(heading).startsWith("Source"));
    }

    @Test
    void listsEachResultWithTitleIdKeyFacetsVersionBadgesSizeFilesAndDatasetLink() {
        Document page = page(get("/search?query=" + SampleCatalog.CESM2_TAS), HttpStatus.OK);

        assertThat(page.select(".result")).hasSize(4);
        Element replica = resultWithId(page, SampleCatalog.CESM2_TAS_REPLICA_ID);
        assertThat(replica.select(".result__title a").text()).isEqualTo(SampleCatalog.CESM2_TAS);
        assertThat(replica.select(".result__title a").attr("href"))
                .isEqualTo("/datasets/" + SampleCatalog.CESM2_TAS + ".v20190308%7C" + SampleCatalog.REPLICA_NODE);
        assertThat(replica.select(".badge").eachText()).containsExactly("Latest", "Replica");
        assertThat(replica.select(".result__facets dt").eachText()).contains("Experiment", "Source", "Variable");
        assertThat(replica.select(".result__facets dd").eachText()).contains("historical", "CESM2", "tas");
        assertThat(replica.select(".result__meta").text()).contains("Version 20190308", "Files 3", "MB");
        assertThat(replica.select(".result__meta data").attr("value")).matches("\\d+");
        assertThat(resultWithId(page, SampleCatalog.CESM2_TAS_RETRACTED_ID).select(".badge").eachText())
                .containsExactly("Retracted");
    }

    @Test
    void facetValueLinkAddsTheConstraintAndItsChipRemovesItAgain() {
        Document all = page(get("/search"), HttpStatus.OK);
        Element cesm2 = option(all, "source_id", "CESM2");
        assertThat(cesm2.attr("href")).isEqualTo("/search?source_id=CESM2");
        assertThat(cesm2.attr("hx-get")).isEqualTo(cesm2.attr("href"));

        Document filtered = page(get(cesm2.attr("href")), HttpStatus.OK);

        assertThat(filtered.select("#search-status").text()).isEqualTo("Showing 1–6 of 6 datasets.");
        assertThat(filtered.select(".result__facets dd")).anySatisfy(value -> assertThat(value.text()).isEqualTo("CESM2"));
        assertThat(option(filtered, "source_id", "CESM2").hasClass("is-selected")).isTrue();
        assertThat(option(filtered, "source_id", "CESM2").attr("aria-current")).isEqualTo("true");
        assertThat(count(option(filtered, "experiment_id", "historical"))).isEqualTo(5);
        Element chip = filtered.selectFirst(".chip");
        assertThat(chip.text()).contains("Source", "CESM2", "remove this filter");

        Document cleared = page(get(chip.attr("href")), HttpStatus.OK);
        assertThat(cleared.select("#search-status").text()).isEqualTo("Showing 1–20 of " + DATASETS + " datasets.");
        assertThat(cleared.select(".chip")).isEmpty();
    }

    @Test
    void valuesOfOnePickedFacetAreOredAndTheFacetStillListsItsOtherValues() {
        Document page = page(get("/search?source_id=CESM2&source_id=MIROC6&experiment_id=historical"), HttpStatus.OK);

        assertThat(page.select("#search-status").text()).isEqualTo("Showing 1–7 of 7 datasets.");
        assertThat(option(page, "source_id", "MIROC6").hasClass("is-selected")).isTrue();
        Element unpicked = option(page, "source_id", "ACCESS-CM2");
        assertThat(unpicked.hasClass("is-selected")).isFalse();
        assertThat(count(unpicked)).isEqualTo(2);
        assertThat(unpicked.attr("href"))
                .isEqualTo("/search?source_id=CESM2&source_id=MIROC6&source_id=ACCESS-CM2&experiment_id=historical");
        assertThat(option(page, "source_id", "CESM2").attr("href"))
                .isEqualTo("/search?source_id=MIROC6&experiment_id=historical");
        assertThat(page.select(".chip .chip__value").eachText()).containsExactly("CESM2", "MIROC6", "historical");
    }

    @Test
    void negatedConstraintShowsAsRemovableChip() {
        Document page = page(get("/search?experiment_id!=ssp585"), HttpStatus.OK);

        assertThat(page.select("#search-status").text()).isEqualTo("Showing 1–20 of 27 datasets.");
        Element chip = page.selectFirst(".chip");
        assertThat(chip.select(".chip__operator").text()).isEqualTo("≠");
        assertThat(chip.attr("href")).isEqualTo("/search");
    }

    @Test
    void timeBoundChipsSayWhatTheyBound() {
        Document page = page(get("/search?start=2015-01-01T00:00:00Z&end=2020-01-01T00:00:00Z"
                + "&from=2019-01-01T00:00:00Z"), HttpStatus.OK);

        assertThat(page.select(".chip")).extracting(chip -> chip.select(".chip__name, .chip__operator, .chip__value").text())
                .containsExactly("Data covering from 2015-01-01T00:00:00Z", "Data covering until 2020-01-01T00:00:00Z",
                        "Cataloged from 2019-01-01T00:00:00Z");
        assertThat(page.selectFirst(".chip").attr("href"))
                .isEqualTo("/search?end=2020-01-01T00%3A00%3A00Z&from=2019-01-01T00%3A00%3A00Z");
    }

    @Test
    void collapsedFacetListsTopValuesAndLinksToTheRestWithAndWithoutJavaScript() {
        Document page = page(get("/search?query=tas"), HttpStatus.OK);
        Element panel = page.selectFirst("section#facet-source_id");
        assertThat(panel.select(".facet__option")).hasSize(FacetPanel.TOP);
        assertThat(count(panel.selectFirst(".facet__option"))).isEqualTo(5);
        Element more = panel.selectFirst("a.facet__more");
        assertThat(more.text()).contains("Show all 12");
        assertThat(more.attr("href")).isEqualTo("/search?query=tas&more=source_id");
        assertThat(more.attr("hx-get")).isEqualTo("/search/facets/source_id?query=tas");
        assertThat(more.attr("hx-target")).isEqualTo("#facet-source_id");
        assertThat(more.attr("hx-push-url")).isEqualTo(more.attr("href"));

        Document expanded = page(get(more.attr("href")), HttpStatus.OK);

        assertThat(expanded.select("section#facet-source_id .facet__option")).hasSize(12);
        assertThat(expanded.select("section#facet-source_id a.facet__more")).isEmpty();
        assertThat(option(expanded, "source_id", "CESM2").attr("href")).isEqualTo("/search?query=tas&more=source_id&source_id=CESM2");
    }

    @Test
    void facetFragmentHoldsOnlyThatPanelWithEveryValue() {
        MvcTestResult result = mvc.get().uri("/search/facets/source_id?query=tas").header("HX-Request", "true").exchange();

        Document fragment = page(result, HttpStatus.OK);
        assertThat(fragment.select("header, main, #search-region")).isEmpty();
        assertThat(fragment.select("section#facet-source_id .facet__option")).hasSize(12);
        // The form carries the expansion from now on, so a new text search keeps the panel open.
        assertThat(fragment.select("[hx-swap-oob] > input[type=hidden][form=search-form][name=more]").val())
                .isEqualTo("source_id");
    }

    @Test
    void facetFragmentForAFacetOutsideTheProfileIsNotFound() {
        MvcTestResult result = mvc.get().uri("/search/facets/no_such_facet").header("HX-Request", "true").exchange();

        Document fragment = page(result, HttpStatus.NOT_FOUND);
        assertThat(fragment.select(".problem").text()).contains("no_such_facet");
    }

    @Test
    void facetFragmentOpenedAsAPageSendsTheReaderToTheWholeSearchWithThatFacetListed() {
        // A new tab, a bookmark or a history entry outside htmx: a bare panel would be a broken page.
        assertThat(get("/search/facets/source_id?query=t%2Bs%7Bx%7D")).hasStatus(HttpStatus.FOUND)
                .hasRedirectedUrl("/search?query=t%2Bs%7Bx%7D&more=source_id");
        assertThat(get("/search/facets/no_such_facet?query=tas")).hasStatus(HttpStatus.FOUND)
                .hasRedirectedUrl("/search?query=tas");
    }

    @Test
    void htmxRequestGetsTheRegionAndTheStatusOutOfBandWithCanonicalPushUrl() {
        MvcTestResult result = mvc.get().uri("/search?query=tas&type=Dataset&latest=true&source_id=CESM2")
                .header("HX-Request", "true").header("HX-Trigger", "search-form").exchange();

        Document fragment = page(result, HttpStatus.OK);
        assertThat(fragment.select("header.site-header, #search-form, #search-region")).isEmpty();
        assertThat(fragment.title()).isEqualTo("tas – Search · Meridian");
        assertThat(fragment.select("aside.facets, section.results")).hasSize(2);
        // innerHTML: the live region itself stays in the page, so screen readers announce its new text.
        assertThat(fragment.select("#search-status[hx-swap-oob=innerHTML]").text()).isEqualTo("Showing 1–3 of 3 datasets.");
        assertThat(result.getResponse().getHeader("HX-Push-Url"))
                .isEqualTo("/search?query=tas&type=Dataset&latest=true&source_id=CESM2");
        assertThat(result.getResponse().getHeaders("Vary")).contains("HX-Request");
    }

    @Test
    void aLinkOutsideTheFormAlsoRefreshesTheFormSoItsFieldsFollowTheUrl() {
        MvcTestResult result = mvc.get().uri("/search?query=pr&type=File&latest=false")
                .header("HX-Request", "true").exchange();

        Document fragment = page(result, HttpStatus.OK);
        assertThat(fragment.select("#search-form[hx-swap-oob=true]")).hasSize(1);
        assertThat(fragment.select("#search-query").val()).isEqualTo("pr");
        assertThat(fragment.select("#search-type option[selected]").val()).isEqualTo("File");
        assertThat(fragment.select("#search-latest option[selected]").val()).isEqualTo("false");
    }

    @Test
    void theVersionsControlKeepsLatestFalseAndNoChipRepeatsIt() {
        Document earlier = page(get("/search?latest=f"), HttpStatus.OK);
        Document all = page(get("/search"), HttpStatus.OK);

        assertThat(earlier.select("#search-latest option[selected]").text()).isEqualTo("Earlier versions only");
        assertThat(earlier.select(".chip")).isEmpty();
        assertThat(earlier.select("input[type=hidden][name=latest]")).isEmpty();
        assertThat(all.select("#search-latest option[selected]").val()).isEmpty();
    }

    @Test
    void historyRestoreAfterCacheMissGetsTheWholePage() {
        MvcTestResult result = mvc.get().uri("/search?source_id=CESM2")
                .header("HX-Request", "true").header("HX-History-Restore-Request", "true").exchange();

        Document page = page(result, HttpStatus.OK);
        assertThat(page.select("header.site-header, #search-form, #search-region")).hasSize(3);
        assertThat(page.select("#search-status[hx-swap-oob]")).isEmpty();
    }

    @Test
    void blankFormFieldsMeanNotSetAndDropOutOfThePushedUrl() {
        MvcTestResult result = mvc.get().uri("/search?query=&type=File&source_id=CESM2").header("HX-Request", "true").exchange();

        Document fragment = page(result, HttpStatus.OK);
        assertThat(result.getResponse().getHeader("HX-Push-Url")).isEqualTo("/search?type=File&source_id=CESM2");
        assertThat(fragment.select("#search-status").text()).isEqualTo("Showing 1–20 of 39 files.");
    }

    @Test
    void aWholePageRequestWithBlankParametersIsRedirectedToTheUrlWithoutThem() {
        // What the form sends without JavaScript; the API would refuse query= and latest=.
        assertThat(get("/search?query=&type=Dataset&latest=&source_id=CESM2&source_id=&offset="))
                .hasStatus(HttpStatus.SEE_OTHER).hasRedirectedUrl("/search?type=Dataset&source_id=CESM2");
        assertThat(get("/?query=%20&latest=")).hasStatus(HttpStatus.SEE_OTHER).hasRedirectedUrl("/search");
        assertThat(get("/search?query=t%2Bs%7Bx%7D&experiment_id!=&more=")).hasStatus(HttpStatus.SEE_OTHER)
                .hasRedirectedUrl("/search?query=t%2Bs%7Bx%7D");
    }

    @Test
    void theFooterSaysWhichPartOfAPageUrlTheApiTakes() {
        Document page = page(get("/search"), HttpStatus.OK);

        assertThat(page.select("footer").text()).contains("/esg-search/search", "/api/v1/search", "more");
    }

    @Test
    void formCarriesTheFiltersAsHiddenFieldsButNotItsOwnFieldsOrTheOffset() {
        Document page = page(get("/search?query=tas&latest=true&source_id=CESM2&offset=0&more=source_id"), HttpStatus.OK);

        assertThat(page.select("#search-query").val()).isEqualTo("tas");
        assertThat(page.select("#search-latest option[selected]").val()).isEqualTo("true");
        assertThat(page.select("input[type=hidden][form=search-form]"))
                .extracting(input -> input.attr("name") + "=" + input.val())
                .containsExactly("source_id=CESM2", "more=source_id");
        assertThat(page.select("#search-form").attr("action")).isEqualTo("/search");
        assertThat(page.select("#search-form").attr("method")).isEqualTo("get");
    }

    @Test
    void linksAWgetScriptForTheFilesOfTheSearchWithoutThePagesOwnParameters() {
        Document page = page(get("/search?query=tas&type=Dataset&latest=true&source_id=CESM2&experiment_id!=ssp585"
                + "&offset=0&limit=5&more=source_id"), HttpStatus.OK);

        Element wget = page.selectFirst(".downloads a");
        assertThat(wget.text()).isEqualTo("wget script");
        assertThat(wget.attr("href")).isEqualTo("/esg-search/wget?type=File&query=tas&latest=true&source_id=CESM2"
                + "&experiment_id%21=ssp585&limit=1000");
        assertThat(wget.hasAttr("hx-get")).isFalse();
        assertThat(page.select(".downloads").text()).contains("up to 1,000");
        assertThat(page(get("/search?source_id=NoSuchModel"), HttpStatus.OK).select(".downloads")).isEmpty();
    }

    @Test
    void latestOnlyHidesOlderAndRetractedVersions() {
        Document page = page(get("/search?query=" + SampleCatalog.CESM2_TAS + "&latest=true"), HttpStatus.OK);

        assertThat(page.select(".result .result__id").eachText())
                .containsExactly(SampleCatalog.CESM2_TAS_ID, SampleCatalog.CESM2_TAS_REPLICA_ID);
    }

    @Test
    void pagesThroughResultsWithPlainLinksThatHtmxAlsoFollows() {
        Document first = page(get("/search"), HttpStatus.OK);
        assertThat(first.select("#page-previous, #page-first")).isEmpty();
        Element next = first.selectFirst("#page-next");
        assertThat(next.attr("href")).isEqualTo("/search?offset=20");
        assertThat(next.attr("hx-get")).isEqualTo(next.attr("href"));
        assertThat(first.selectFirst("#page-last").attr("href")).isEqualTo("/search?offset=20");
        assertThat(first.select("nav.pager").attr("aria-label")).isEqualTo("Result pages");
        assertThat(first.select(".pager [aria-current=page]").text()).isEqualTo("Page 1 of 2");
        assertThat(first.select(".pager__summary").text()).isEqualTo("1–20 of " + DATASETS);

        Document second = page(get(next.attr("href")), HttpStatus.OK);

        assertThat(second.select(".result")).hasSize(DATASETS - 20);
        assertThat(second.select("ol.result-list").attr("start")).isEqualTo("21");
        assertThat(second.select("#page-next, #page-last")).isEmpty();
        assertThat(second.selectFirst("#page-previous").attr("href")).isEqualTo("/search");
        assertThat(second.selectFirst("#page-first").attr("href")).isEqualTo("/search");
        assertThat(second.select(".pager [aria-current=page]").text()).isEqualTo("Page 2 of 2");
    }

    @Test
    void aPagePastTheLastSaysSoAndLinksToTheLastPage() {
        Document page = page(get("/search?source_id=CESM2&offset=100&limit=2"), HttpStatus.OK);

        assertThat(page.select("#search-status").text())
                .isEqualTo("This page is past the last one; 6 datasets match, on 3 pages.");
        Element last = page.selectFirst(".empty a");
        assertThat(last.text()).isEqualTo("Go to the last page");
        assertThat(last.attr("href")).isEqualTo("/search?source_id=CESM2&offset=4&limit=2");
        assertThat(last.attr("hx-get")).isEqualTo(last.attr("href"));
        assertThat(page.select(".empty").text()).doesNotContain("0 of");
        assertThat(page.select("#page-last").attr("href")).isEqualTo(last.attr("href"));
        assertThat(page.select("#page-previous, #page-next, .pager [aria-current]")).isEmpty();
    }

    @Test
    void fileSearchLinksEachFileToItsDataset() {
        Document page = page(get("/search?type=File&query=tas_Amon_MIROC6_historical"), HttpStatus.OK);

        assertThat(page.select(".result")).hasSize(3);
        assertThat(page.select(".result__title a").eachAttr("href")).containsOnly(
                "/datasets/CMIP6.CMIP.MIROC.MIROC6.historical.r1i1p1f1.Amon.tas.gn.v20190308%7C" + SampleCatalog.DATA_NODE);
        assertThat(page.select("#search-type option[selected]").val()).isEqualTo("File");
    }

    @Test
    void badQuerySyntaxIsA400WithAReadableMessageNamingTheParameter() {
        Document page = page(get("/search?query=%22unbalanced"), HttpStatus.BAD_REQUEST);

        assertThat(page.select(".problem[role=alert]").text()).contains("query", "unbalanced");
        assertThat(page.select("#search-query").val()).isEqualTo("\"unbalanced");
        assertThat(page.select(".problem a").eachAttr("href")).contains("/search");
        assertThat(page.text()).doesNotContain("Exception", "at org.");
    }

    @Test
    void limitAboveTheApiMaximumIsA400NamingLimit() {
        Document page = page(get("/search?limit=99999&source_id=CESM2"), HttpStatus.BAD_REQUEST);

        assertThat(page.select(".problem").text()).contains("limit", "maximum allowed value is limit=10000");
        assertThat(page.select(".problem a").first().attr("href")).isEqualTo("/search?source_id=CESM2");
        assertThat(page.select("#search-status").text()).isEqualTo("The search could not run.");
        assertThat(page.select("#search-status > span").hasClass("visually-hidden")).isTrue();
    }

    @Test
    void limitAboveWhatAPageShowsIsA400NamingLimit() {
        Document page = page(get("/search?limit=500"), HttpStatus.BAD_REQUEST);

        assertThat(page.select(".problem").text()).contains("limit", "at most " + SearchPageController.MAX_LIMIT);
    }

    @Test
    void unknownParameterIsA400NamingIt() {
        Document page = page(get("/search?colour=blue"), HttpStatus.BAD_REQUEST);

        assertThat(page.select(".problem").text()).contains("Invalid HTTP query parameter=colour");
    }

    @Test
    void theFormOfARejectedSearchDropsTheParameterItNamesAndKeepsTheOtherFilters() {
        Document page = page(get("/search?foo=bar&source_id=CESM2&experiment_id!=ssp585"), HttpStatus.BAD_REQUEST);

        assertThat(page.select(".problem code").text()).isEqualTo("foo");
        // A new text search sends these along; with foo among them it would fail again the same way.
        assertThat(page.select("input[type=hidden][form=search-form]"))
                .extracting(input -> input.attr("name") + "=" + input.val())
                .containsExactly("source_id=CESM2", "experiment_id!=ssp585");
    }

    @Test
    void theFormOfASearchRejectedForAFilterValueDropsThatFilter() {
        MvcTestResult result = mvc.get().uri("/search?query=tas&source_id=CESM2&bbox=nonsense")
                .header("HX-Request", "true").header("HX-Trigger", "search-form").exchange();

        Document fragment = page(result, HttpStatus.BAD_REQUEST);
        assertThat(fragment.select("input[type=hidden][form=search-form]"))
                .extracting(input -> input.attr("name") + "=" + input.val())
                .containsExactly("source_id=CESM2");
    }

    @Test
    void moreNamingNoFacetIsA400NamingMore() {
        Document page = page(get("/search?more=nosuch&source_id=CESM2"), HttpStatus.BAD_REQUEST);

        assertThat(page.select(".problem code").text()).isEqualTo("more");
        assertThat(page.select(".problem").text()).contains("nosuch", "source_id");
        assertThat(page.select(".problem a").first().attr("href")).isEqualTo("/search?source_id=CESM2");
        assertThat(page.select("input[type=hidden][name=more]")).isEmpty();
    }

    @Test
    void htmxRequestWithBadInputGetsTheMessageInTheRegion() {
        MvcTestResult result = mvc.get().uri("/search?offset=-1").header("HX-Request", "true")
                .header("HX-Trigger", "search-form").exchange();

        Document fragment = page(result, HttpStatus.BAD_REQUEST);
        assertThat(fragment.select("#search-form")).isEmpty();
        assertThat(fragment.select(".problem").text()).contains("offset");
    }

    @Test
    void rootShowsTheSameSearchPage() {
        Document page = page(get("/"), HttpStatus.OK);

        assertThat(page.select("#search-form")).hasSize(1);
        assertThat(page.select(".result")).hasSize(SearchPageController.DEFAULT_LIMIT);
    }

    @Test
    void htmxScriptAndStyleSheetAreServedByTheNode() {
        Document page = page(get("/search"), HttpStatus.OK);
        String script = page.selectFirst("script[src*=htmx]").attr("src");
        String styleSheet = page.selectFirst("link[rel=stylesheet]").attr("href");

        assertThat(script).startsWith("/webjars/");
        assertThat(get(script)).hasStatusOk().bodyText().contains("htmx");
        assertThat(get(styleSheet)).hasStatusOk().bodyText().contains(":focus-visible");
    }

    private MvcTestResult get(String uri) {
        return mvc.get().uri(URI.create(uri)).exchange();
    }

    private static Document page(MvcTestResult result, HttpStatus status) {
        assertThat(result).hasStatus(status);
        try {
            return Jsoup.parse(result.getResponse().getContentAsString());
        } catch (java.io.UnsupportedEncodingException e) {
            throw new AssertionError("response has an unknown character encoding", e);
        }
    }

    private static Element option(Document page, String facet, String value) {
        List<Element> options = page.select("section#facet-" + facet + " .facet__option").stream()
                .filter(option -> option.select(".facet__value").text().equals(value))
                .toList();
        assertThat(options).as("option %s of facet %s", value, facet).hasSize(1);
        return options.getFirst();
    }

    /** The number an option shows, without the words screen readers hear around it. */
    private static long count(Element option) {
        return Long.parseLong(option.select(".facet__count > span:not(.visually-hidden)").text().replace(",", ""));
    }

    private static Element resultWithId(Document page, String id) {
        List<Element> results = page.select(".result").stream()
                .filter(result -> result.select(".result__id").text().equals(id))
                .toList();
        assertThat(results).as("result %s", id).hasSize(1);
        return results.getFirst();
    }
}
