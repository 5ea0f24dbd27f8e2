package org.meridian.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.server.audit.Actor;
import org.meridian.server.identity.Caller;
import org.meridian.server.identity.NewUser;
import org.meridian.server.identity.NodeRole;
import org.meridian.server.testing.BootedNode;
import org.meridian.server.testing.Chromium;

/**
 * Every piece of text in the site header, as Chromium renders it, at rest and under the pointer,
 * signed out and signed in with every header link showing: each must reach WCAG AA contrast
 * (4.5:1) against the background it sits on.
 */
class HeaderContrastBrowserTest extends BootedNode {
    private static final String PASSWORD = "a long and unusual passphrase";
    private static final double AA_NORMAL_TEXT = 4.5;

    /**
     * For each element of the header with text of its own, its text colour (with the opacity of
     * it and its ancestors) laid over the first opaque background behind it, and the contrast
     * ratio of the two by WCAG 2's relative-luminance formula.
     */
    private static final String CONTRASTS = """
            (elements) => {
              const rgba = (text) => text.match(/[\\d.]+/g).map(Number).concat([1]).slice(0, 4);
              const channel = (value) => {
                const c = value / 255;
                return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
              };
              const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
              const ownText = (element) => Array.from(element.childNodes)
                  .some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== '');
              return elements.filter((element) => ownText(element) && element.getClientRects().length > 0)
                  .map((element) => {
                    let alpha = 1;
                    let background = null;
                    for (let node = element; node && !background; node = node.parentElement) {
                      const style = getComputedStyle(node);
                      alpha *= Number(style.opacity);
                      const fill = rgba(style.backgroundColor);
                      if (fill[3] === 1) {
                        background = fill;
                      }
                    }
                    const colour = rgba(getComputedStyle(element).color);
                    const a = colour[3] * alpha;
                    const shown = [0, 1, 2].map((i) => colour[i] * a + background[i] * (1 - a));
                    const [light, dark] = [luminance(shown), luminance(background)].sort((x, y) => y - x);
                    return {text: element.textContent.trim().replace(/\\s+/g, ' '),
                        ratio: (light + 0.05) / (dark + 0.05)};
                  });
            }""";

    private record Contrast(String state, String text, double ratio) {
    }

    @Test
    void everyHeaderTextMeetsAaContrastSignedOutAndSignedIn(@TempDir Path profile) {
        Chromium.assumeInstalled();
        identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "test",
                new NewUser("root", Optional.empty(), Optional.empty(), Set.of(NodeRole.NODE_ADMIN)), Optional.of(PASSWORD));
        List<Contrast> contrasts = new ArrayList<>();

        try (Playwright playwright = Chromium.playwright();
                BrowserContext browser = Chromium.launch(playwright, profile,
                        Chromium.options(profile).setBaseURL("http://localhost:" + port))) {
            Page page = browser.newPage();
            page.navigate("/search");
            measure(page, "signed out", contrasts);
            assertThat(contrasts).anySatisfy(contrast -> assertThat(contrast.text()).isEqualTo("Sign in"));

            page.navigate("/login");
            page.getByLabel("Username").fill("root");
            page.getByLabel("Password").fill(PASSWORD);
            page.locator("main").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign in")).click();
            PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile("/search$"));
            measure(page, "signed in", contrasts);
            assertThat(contrasts).anySatisfy(contrast -> assertThat(contrast.text()).isEqualTo("Sign out"));
            assertThat(contrasts).anySatisfy(contrast -> assertThat(contrast.text()).isEqualTo("Admin"));
        }

        assertThat(contrasts).allSatisfy(contrast -> assertThat(contrast.ratio())
                .as("contrast of '%s' in the header, %s", contrast.text(), contrast.state())
                .isGreaterThanOrEqualTo(AA_NORMAL_TEXT));
    }

    @Test
    void signInSitsAtTheRightEndOfTheHeaderBesideTheNodeName(@TempDir Path profile) {
        Chromium.assumeInstalled();
        try (Playwright playwright = Chromium.playwright();
                BrowserContext browser = Chromium.launch(playwright, profile,
                        Chromium.options(profile).setBaseURL("http://localhost:" + port))) {
            Page page = browser.newPage();
            page.navigate("/search");

            BoundingBox bar = page.locator("header .site-header__inner").boundingBox();
            BoundingBox signIn = page.locator("header .site-header__account a").boundingBox();
            BoundingBox node = page.locator("header .site-header__node").boundingBox();
            assertThat(signIn.x + signIn.width).as("right edge of Sign in").isGreaterThan(bar.x + bar.width * 3 / 4);
            assertThat(node.x).as("the node name follows Sign in").isGreaterThan(signIn.x + signIn.width);
        }
    }

    /** The header at rest, then each link and button under the pointer. */
    private static void measure(Page page, String state, List<Contrast> contrasts) {
        Locator header = page.locator("header.site-header");
        contrasts.addAll(contrasts(header.locator("*"), state));
        Locator targets = header.locator("a, button");
        for (int index = 0; index < targets.count(); index++) {
            Locator target = targets.nth(index);
            target.hover();
            contrasts.addAll(contrasts(target.locator("xpath=descendant-or-self::*"), state + ", under the pointer"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Contrast> contrasts(Locator elements, String state) {
        List<Map<String, Object>> measured = (List<Map<String, Object>>) elements.evaluateAll(CONTRASTS);
        return measured.stream()
                .map(entry -> new Contrast(state, (String) entry.get("text"), ((Number) entry.get("ratio")).doubleValue()))
                .toList();
    }
}
