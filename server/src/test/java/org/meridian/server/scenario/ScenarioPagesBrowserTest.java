package org.meridian.server.scenario;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.server.audit.Actor;
import org.meridian.server.identity.Caller;
import org.meridian.server.identity.NewUser;
import org.meridian.server.identity.NodeRole;
import org.meridian.server.identity.OrgRole;
import org.meridian.server.identity.User;
import org.meridian.server.testing.BootedNode;
import org.meridian.server.testing.Chromium;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An analyst in Chromium: signs in, runs a stored model from the Scenarios page, watches the run
 * finish without reloading, reads the box and violin plots and statistics, shares the run, then
 * moves an R&D funding slider, watches the metrics follow, and optimises, with the page's
 * Content-Security-Policy enforced (no console errors).
 */
class ScenarioPagesBrowserTest extends BootedNode {
    private static final String PASSWORD = "a long and unusual passphrase";
    private static Playwright playwright;

    @Autowired
    ScenarioRuns scenarios;

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
    void runAModelAndReadItsPlotsAndStatistics(@TempDir Path profile) throws Exception {
        User root = identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "t",
                new NewUser("root", Optional.empty(), Optional.empty(), Set.of(NodeRole.NODE_ADMIN)), Optional.empty());
        identity.createOrganisation(Caller.of(root), "t", "ipsl", "IPSL");
        identity.createUser(Caller.of(root), Actor.user("root"), "t",
                new NewUser("analyst", Optional.empty(), Optional.empty(), Set.of()), Optional.of(PASSWORD));
        identity.grantRole(Caller.of(root), "t", "analyst", "ipsl", OrgRole.MEMBER);
        scenarios.addModel(Caller.of(root), "t", "simple-electrolysis",
                Files.readString(Path.of("..", "examples", "scenarios", "simple-electrolysis.yaml")));

        try (BrowserContext browser = Chromium.launch(playwright, profile,
                Chromium.options(profile).setBaseURL("http://localhost:" + port))) {
            // A run of 50,000 samples per scenario takes longer than a page step.
            browser.setDefaultTimeout(15_000);
            Page page = browser.newPage();
            List<String> consoleErrors = new ArrayList<>();
            page.onConsoleMessage(message -> {
                // Failed loads are caught below with their URL, except the browser's own favicon
                // request, which pages never see; CSP refusals and script errors land here.
                if (message.type().equals("error") && !message.text().startsWith("Failed to load resource")) {
                    consoleErrors.add(message.text());
                }
            });
            page.onResponse(response -> {
                if (response.status() >= 400) {
                    consoleErrors.add(response.status() + " " + response.url());
                }
            });

            page.navigate("/scenarios");
            assertThat(page).hasURL(Pattern.compile("/login$"));
            page.getByLabel("Username").fill("analyst");
            page.getByLabel("Password").fill(PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            page.navigate("/scenarios");
            assertThat(page.locator("main h1")).hasText("Scenarios");

            page.getByLabel("Samples per scenario").fill("50000");
            page.getByLabel("Seed").fill("7");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run")).click();

            assertThat(page).hasURL(Pattern.compile("/scenarios/runs/[0-9a-f-]+$"));
            assertThat(page.locator(".run-status__label")).hasText("succeeded");
            assertThat(page.getByRole(AriaRole.IMG).first()).isVisible();
            assertThat(page.locator("figure.result-chart")).not().hasCount(0);
            assertThat(page.locator("svg.chart-box").first()).isVisible();
            assertThat(page.locator("svg.chart-violin").first()).isVisible();
            assertThat(page.locator("figure.result-chart table").first()).containsText("Base Electrolysis");
            assertThat(page.getByLabel("Shared with")).isVisible();

            page.getByLabel("Shared with").selectOption("ipsl");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save sharing")).click();
            assertThat(page.getByLabel("Shared with")).hasValue("ipsl");

            page.navigate("/scenarios");
            assertThat(page.locator("table.results-table").last()).containsText("ipsl");

            // Investments: move the slider and watch the metrics follow, then optimise.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("simple-electrolysis")).click();
            assertThat(page.locator("details.parameter-table").first()).containsText("inputPrice");
            assertThat(page.locator("details.parameter-table").first()).containsText("Electricity");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("Explore R&D investments")))
                    .click();
            assertThat(page.locator(".portfolio-total")).hasText("0 USD");
            assertThat(page.locator("svg.chart-histogram").first()).isVisible();
            String unfundedMean = page.locator(".funded-mean").first().textContent();
            page.evaluate("window.stillTheSameDocument = true");
            page.getByLabel("Electrolysis R&D (USD)").fill("5000000");
            assertThat(page.locator(".portfolio-total")).hasText("5,000,000 USD");
            assertThat(page.locator(".funded-mean").first()).not().hasText(unfundedMean);
            org.assertj.core.api.Assertions.assertThat(page.evaluate("window.stillTheSameDocument === true"))
                    .as("the results were swapped in, not reloaded").isEqualTo(true);

            page.getByLabel("Budget (USD)").fill("5000000");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Optimise")).click();
            assertThat(page.locator(".optimum-summary")).containsText("mean Cost");
            assertThat(page.locator("#optimum svg[role=img]")).isVisible();
            assertThat(page.locator("#optimum table")).containsText("Electrolysis R&D");
            org.assertj.core.api.Assertions.assertThat(consoleErrors).isEmpty();
        }
    }
}
