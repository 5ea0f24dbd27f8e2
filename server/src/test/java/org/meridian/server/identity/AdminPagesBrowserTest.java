package org.meridian.server.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditEvent;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.AuditQuery;
import org.meridian.server.audit.Outcome;
import org.meridian.server.testing.BootedNode;
import org.meridian.server.testing.Chromium;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A node administrator's round through the account and administration pages in a real Chromium:
 * sign in, create an organisation and an account, grant the account a role, then create and
 * revoke a token on {@code /account}. Runs Debian's {@code /usr/bin/chromium} with the flags from
 * shared/STACK.md, which keep it from reaching for the network.
 */
class AdminPagesBrowserTest extends BootedNode {
    private static final String PASSWORD = "a long and unusual passphrase";

    @Autowired
    AuditLog audit;

    @Test
    void aNodeAdminCreatesAnOrganisationAndAnAccountGrantsARoleAndManagesATokenInChromium(@TempDir Path profile) {
        Chromium.assumeInstalled();
        identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "test",
                new NewUser("root", Optional.empty(), Optional.empty(), Set.of(NodeRole.NODE_ADMIN)), Optional.of(PASSWORD));
        long eventsBefore = audit.head().sequence();
        List<String> consoleErrors = new ArrayList<>();

        try (Playwright playwright = Chromium.playwright();
                BrowserContext browser = Chromium.launch(playwright, profile,
                        Chromium.options(profile).setBaseURL("http://localhost:" + port))) {
            Page page = browser.newPage();
            // A Content-Security-Policy violation (an inline style or script) or an htmx failure shows up as a
            // console error, and so would a missing icon.
            page.onConsoleMessage(message -> {
                if (message.type().equals("error")) {
                    consoleErrors.add(message.text() + " @ " + message.location());
                }
            });

            page.navigate("/login");
            field(page, "Username").fill("root");
            field(page, "Password").fill(PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page).hasURL(Pattern.compile("/search$"));

            navigation(page, "Admin").click();
            assertThat(page).hasURL(Pattern.compile("/admin/users$"));
            adminNavigation(page, "Organisations").click();
            field(page, "Id").fill("glacier");
            field(page, "Name").fill("Glacier Lab");
            button(page, "Create organisation").click();
            assertThat(page).hasURL(Pattern.compile("/admin/organisations/glacier$"));
            assertThat(page.locator("#messages")).hasText("Organisation 'glacier' created.");
            assertThat(page.locator("main h1")).hasText("Glacier Lab (glacier)");

            adminNavigation(page, "Users").click();
            field(page, "Username").fill("nina");
            field(page, "Email (optional)").fill("nina@example.org");
            button(page, "Create account").click();
            assertThat(page.locator("#messages")).hasText("Account 'nina' created.");
            assertThat(field(page, "One-time setup link")).hasValue(Pattern.compile("/setup\\?secret=mrs_[A-Za-z0-9_-]+$"));
            assertThat(page.locator("#user-nina")).containsText("nina@example.org");

            adminNavigation(page, "Organisations").click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("glacier")).click();
            field(page, "Username").fill("nina");
            field(page, "Role").selectOption("publisher");
            button(page, "Grant role").click();
            assertThat(page.locator("#messages")).hasText("Granted publisher to 'nina'.");
            assertThat(page.locator("#member-nina .badge")).hasText("publisher");

            navigation(page, "Account").click();
            field(page, "Name").fill("laptop");
            field(page, "publish").check();
            field(page, "Expires after (days)").fill("7");
            button(page, "Create token").click();
            assertThat(page.locator(".one-time-secret")).containsText("Copy it now");
            assertThat(field(page, "Token secret")).hasValue(Pattern.compile("^mrd_[A-Za-z0-9_-]{43}$"));
            Locator tokenRow = page.locator("#tokens tbody tr").filter(new Locator.FilterOptions().setHasText("laptop"));
            assertThat(tokenRow).containsText("read, publish");
            assertThat(tokenRow).containsText("Active");

            // A marker on window survives an htmx swap but not a page load: it proves the revoke swapped in place.
            page.evaluate("window.stillTheSameDocument = true");
            button(page, "Revoke token laptop").click();
            assertThat(page.locator("#messages")).containsText("Token 'laptop' revoked");
            assertThat(tokenRow).containsText("Revoked");
            assertThat(tokenRow.getByRole(AriaRole.BUTTON)).hasCount(0);
            Assertions.assertThat(page.evaluate("window.stillTheSameDocument === true")).isEqualTo(true);
        }

        Assertions.assertThat(consoleErrors).isEmpty();
        List<AuditEvent> events = audit.find(AuditQuery.newest(50)).stream()
                .filter(event -> event.sequence() > eventsBefore && event.entry().outcome() == Outcome.SUCCESS
                        && event.entry().actor().equals(Actor.user("root")))
                .toList().reversed();
        Assertions.assertThat(events).extracting(event -> event.entry().action() + " " + event.entry().target())
                .filteredOn(line -> !line.startsWith("login") && !line.startsWith("token."))
                .containsExactly("organisation.create glacier", "user.create nina", "user.setup-link nina",
                        "role.grant nina@glacier:publisher");
        Assertions.assertThat(events).extracting(event -> event.entry().action())
                .containsSubsequence("token.create", "token.revoke");
    }

    private static Locator navigation(Page page, String name) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Site"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name));
    }

    private static Locator adminNavigation(Page page, String name) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Administration"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name));
    }

    private static Locator field(Page page, String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
