package org.meridian.server.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright, with the proven settings of shared/STACK.md:
 * Playwright's own browser download disabled, and flags that keep Chromium from reaching for the
 * (closed) network. Each browser gets a fresh profile and its own HOME and TMPDIR.
 */
public final class Chromium {
    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync");

    private Chromium() {
    }

    /** Skips the calling test where Chromium is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(EXECUTABLE),
                "Skipped: no Chromium at " + EXECUTABLE + " (install Debian's chromium package to run browser tests)");
    }

    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Launch options for a browser keeping its profile under {@code profile}; add a base URL and the like. */
    public static BrowserType.LaunchPersistentContextOptions options(Path profile) {
        return new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(FLAGS)
                .setEnv(Map.of("HOME", profile.toString(), "TMPDIR", profile.toString()))
                .setViewportSize(1280, 900);
    }

    public static BrowserContext launch(Playwright playwright, Path profile, BrowserType.LaunchPersistentContextOptions options) {
        BrowserContext browser = playwright.chromium().launchPersistentContext(profile.resolve("chromium"), options);
        // Every step in these tests takes milliseconds; a failure should not wait out Playwright's 30 s default.
        browser.setDefaultTimeout(10_000);
        return browser;
    }
}
