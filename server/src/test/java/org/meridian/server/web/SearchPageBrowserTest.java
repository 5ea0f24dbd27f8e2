package org.meridian.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.RecordId;
import org.meridian.server.testing.Chromium;
import org.meridian.server.testing.TemporaryIndex;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Drives the search UI in a real Chromium against a booted node: htmx swaps, pushed URLs, the
 * back button, and the same flow with JavaScript off. Runs Debian's {@code /usr/bin/chromium}
 * (Playwright's own browser download is disabled) with the flags from shared/STACK.md, which keep
 * it from reaching for the network.
 */
// The node runs on a temporary data directory that JUnit deletes after the class; the cached
// context must close first or its indexer outlives its files.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "meridian.data-dir=${java.io.tmpdir}/meridian-browser-test-${random.uuid}")
class SearchPageBrowserTest {

    private static Playwright playwright;

    @LocalServerPort
    private int port;

    @TestConfiguration(proxyBeanMethods = false)
    static class Catalog {
        @Bean
        @Primary
        TemporaryIndex sampleCatalog() {
            return SampleCatalog.index();
        }
    }

    @BeforeAll
    static void startPlaywright() {
        Chromium.assumeInstalled();
        playwright = Chromium.playwright();
    }

    @AfterAll
    static void stopPlaywright() {
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void searchFilterOpenDatasetAndComeBackWithTheBackButton(@TempDir Path profile) {
        try (BrowserContext browser = launch(profile, true)) {
            Page page = browser.newPage();
            page.navigate("/search");
            assertThat(status(page)).hasText("Showing 1–20 of 39 datasets.");

            page.getByLabel("Search text").fill("tas");
            page.getByLabel("Search text").press("Enter");
            assertThat(status(page)).hasText("Showing 1–20 of 27 datasets.");
            assertThat(page).hasURL(Pattern.compile("/search\\?query=tas&type=Dataset$"));

            // A marker on window survives htmx swaps but not a page load: it proves the swap path.
            page.evaluate("window.stillTheSameDocument = true");
            facetOption(page, "source_id", "CESM2").click();
            assertThat(status(page)).hasText("Showing 1–5 of 5 datasets.");
            assertThat(page).hasURL(Pattern.compile("/search\\?query=tas&type=Dataset&source_id=CESM2$"));
            assertThat(page.locator(".result")).hasCount(5);
            assertThat(facetOption(page, "source_id", "CESM2")).hasClass(Pattern.compile("is-selected"));
            assertThat(facetOption(page, "experiment_id", "historical").locator(".facet__count")).containsText("4");
            assertThat(page.locator(".chip")).hasText(Pattern.compile("Source\\s*=\\s*CESM2"));
            // htmx puts focus back on the link with the same id, so keyboard users keep their place.
            assertThat(facetOption(page, "source_id", "CESM2")).isFocused();
            org.assertj.core.api.Assertions.assertThat(page.evaluate("window.stillTheSameDocument === true")).isEqualTo(true);

            // The picked facet is counted without its own pick, so all twelve models stay offered.
            page.locator("#facet-source_id .facet__more").click();
            assertThat(page.locator("#facet-source_id .facet__option")).hasCount(12);
            assertThat(page).hasURL(Pattern.compile("&more=source_id$"));
            // Focus moves to the first value revealed, and the form now carries the expansion.
            assertThat(page.locator("#facet-source_id .facet__option:focus")).hasCount(1);
            assertThat(page.locator("#search-region input[type=hidden][name=more]")).hasCount(1);

            page.locator("a[href='" + DatasetPage.href(RecordId.of(SampleCatalog.CESM2_TAS_ID)) + "']").click();
            assertThat(page).hasURL("http://localhost:" + port + DatasetPage.href(RecordId.of(SampleCatalog.CESM2_TAS_ID)));
            assertThat(page.locator("main h1")).hasText(SampleCatalog.CESM2_TAS);
            assertThat(page.locator("table.files tbody tr")).hasCount(DatasetPageController.FILES_PER_PAGE);
            assertThat(page.locator("table.files tbody tr").first()).containsText("tas_Amon_CESM2_historical");

            page.goBack();
            assertThat(page).hasURL(Pattern.compile("/search\\?query=tas&type=Dataset&source_id=CESM2&more=source_id$"));
            assertThat(status(page)).hasText("Showing 1–5 of 5 datasets.");
            assertThat(page.getByLabel("Search text")).hasValue("tas");
            assertThat(page.locator(".chip")).hasText(Pattern.compile("Source\\s*=\\s*CESM2"));
            assertThat(page.locator("#facet-source_id .facet__option")).hasCount(12);

            // The type and versions controls search as soon as they change.
            page.getByLabel("Versions").selectOption("true");
            assertThat(status(page)).hasText("Showing 1–3 of 3 datasets.");
            assertThat(page).hasURL(Pattern.compile("/search\\?query=tas&type=Dataset&latest=true&source_id=CESM2&more=source_id$"));

            // No copy of a page is kept in the browser's storage, where it would outlive a sign-out;
            // going back asks the node again.
            org.assertj.core.api.Assertions.assertThat(page.evaluate("() => sessionStorage.getItem('htmx-history-cache')"))
                    .isNull();
            page.goBack();
            assertThat(page).hasURL(Pattern.compile("/search\\?query=tas&type=Dataset&source_id=CESM2&more=source_id$"));
            assertThat(status(page)).hasText("Showing 1–5 of 5 datasets.");
        }
    }

    @Test
    void theFormTitleAndFocusFollowEverySwap(@TempDir Path profile) {
        try (BrowserContext browser = launch(profile, true)) {
            Page page = browser.newPage();
            page.navigate("/search?latest=false&source_id=CESM2");
            assertThat(page.getByLabel("Versions")).hasValue("false");

            // latest=false is a choice the form shows, so a new text search keeps it.
            page.getByLabel("Search text").fill("tas");
            page.getByLabel("Search text").press("Enter");
            assertThat(page).hasURL(Pattern.compile("/search\\?query=tas&type=Dataset&latest=false&source_id=CESM2$"));
            assertThat(page).hasTitle("tas – Search · Meridian");
            assertThat(page.getByLabel("Search text")).isFocused();

            assertThat(page.locator(".chip")).hasCount(1);
            page.locator(".chips__clear").click();
            assertThat(page).hasURL(Pattern.compile("/search$"));
            // The form follows the URL, not what was typed before, and focus lands on the results.
            assertThat(page.getByLabel("Search text")).hasValue("");
            assertThat(page.getByLabel("Versions")).hasValue("");
            assertThat(page).hasTitle("Search · Meridian");
            assertThat(page.locator("#results-heading")).isFocused();
            assertThat(status(page)).hasText("Showing 1–20 of 39 datasets.");
        }
    }

    @Test
    void aFailedRequestSaysSoAndTheNextOneClearsIt(@TempDir Path profile) {
        try (BrowserContext browser = launch(profile, true)) {
            Page page = browser.newPage();
            page.navigate("/search");
            org.assertj.core.api.Assertions.assertThat(page.evaluate("document.documentElement.classList.contains('js')"))
                    .isEqualTo(true);
            assertThat(page.locator("#request-failed")).isHidden();

            page.route("**/search?**", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                    .setStatus(503).setBody("down")));
            facetOption(page, "source_id", "CESM2").click();
            assertThat(page.locator("#request-failed")).isVisible();
            assertThat(page.locator("#request-failed")).containsText("status 503");
            assertThat(status(page)).hasText("Showing 1–20 of 39 datasets.");

            page.unrouteAll();
            facetOption(page, "source_id", "CESM2").click();
            assertThat(status(page)).hasText("Showing 1–6 of 6 datasets.");
            assertThat(page.locator("#request-failed")).isHidden();
        }
    }

    @Test
    void filtersAndPagesWithJavaScriptOff(@TempDir Path profile) {
        try (BrowserContext browser = launch(profile, false)) {
            Page page = browser.newPage();
            page.navigate("/search?query=tas");

            facetOption(page, "source_id", "CESM2").click();
            assertThat(page).hasURL(Pattern.compile("/search\\?query=tas&source_id=CESM2$"));
            assertThat(status(page)).hasText("Showing 1–5 of 5 datasets.");

            page.getByLabel("Versions").selectOption("true");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            assertThat(page).hasURL(Pattern.compile("latest=true"));
            assertThat(status(page)).hasText("Showing 1–3 of 3 datasets.");
            assertThat(page.locator(".chip")).hasText(Pattern.compile("CESM2"));

            page.navigate("/search?limit=99999");
            assertThat(page.locator("#search-region .problem")).containsText("limit");
        }
    }

    @Test
    void withoutJavaScriptTheFormLandsOnAUrlTheSearchApisAccept(@TempDir Path profile) {
        try (BrowserContext browser = launch(profile, false)) {
            Page page = browser.newPage();
            page.navigate("/search?source_id=CESM2");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            // The form submitted query= and latest= empty; the node sent the browser on without them.
            assertThat(page).hasURL(Pattern.compile("/search\\?type=Dataset&source_id=CESM2$"));
            assertThat(status(page)).hasText("Showing 1–6 of 6 datasets.");

            String queryString = URI.create(page.url()).getRawQuery();
            for (String api : List.of("/esg-search/search", "/api/v1/search")) {
                APIResponse answer = page.request().get(api + "?" + queryString);
                org.assertj.core.api.Assertions.assertThat(answer.status()).as("%s?%s", api, queryString).isEqualTo(200);
            }
        }
    }

    @Test
    void theWgetLinksGetScriptsForTheSearchAndTheDataset(@TempDir Path profile) {
        try (BrowserContext browser = launch(profile, true)) {
            Page page = browser.newPage();
            page.navigate("/search?query=tas&source_id=MIROC6&experiment_id=historical&more=source_id");

            String searchScript = page.request().get(page.locator(".downloads a").getAttribute("href")).text();
            org.assertj.core.api.Assertions.assertThat(searchScript)
                    .contains("tas_Amon_MIROC6_historical_r1i1p1f1_gn_185001-185912.nc")
                    .doesNotContain("pr_Amon_MIROC6", "_ssp585_", "CESM2");

            page.locator(".result__title a").first().click();
            assertThat(page.locator("main h1")).hasText("CMIP6.CMIP.MIROC.MIROC6.historical.r1i1p1f1.Amon.tas.gn");
            APIResponse datasetScript = page.request().get(page.locator(".downloads a").getAttribute("href"));
            org.assertj.core.api.Assertions.assertThat(datasetScript.status()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(datasetScript.headers().get("content-type")).startsWith("text/x-sh");
            org.assertj.core.api.Assertions.assertThat(datasetScript.text()).contains(
                    "tas_Amon_MIROC6_historical_r1i1p1f1_gn_185001-185912.nc",
                    "tas_Amon_MIROC6_historical_r1i1p1f1_gn_187001-187912.nc");
        }
    }

    private BrowserContext launch(Path profile, boolean javaScript) {
        return Chromium.launch(playwright, profile, Chromium.options(profile)
                .setJavaScriptEnabled(javaScript)
                .setBaseURL("http://localhost:" + port));
    }

    private static Locator status(Page page) {
        return page.locator("#search-status");
    }

    private static Locator facetOption(Page page, String facet, String value) {
        return page.locator("#facet-" + facet + " .facet__option").filter(new Locator.FilterOptions()
                .setHas(page.getByText(value, new Page.GetByTextOptions().setExact(true))));
    }
}
