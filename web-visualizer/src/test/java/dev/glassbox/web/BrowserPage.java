package dev.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in real headless Chromium (Debian's, driven by Playwright with the system's Node.js): a
 * server on port 0 and a fresh browser context for each test. Skipped, with the reason printed, only
 * where /usr/bin/chromium is missing.
 */
abstract class BrowserPage {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path TARGET = Path.of("target");
    static Playwright playwright;
    static Browser browser;

    @TempDir
    Path data;
    Visualizer web;
    BrowserContext context;
    Page page;

    @BeforeAll
    static void launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println("browser tests skipped: " + CHROMIUM + " is missing (apt-get install -y chromium)");
            return;
        }
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
            playwright.close();
        }
    }

    @BeforeEach
    void open() {
        Assumptions.assumeTrue(browser != null, CHROMIUM + " is missing");
        web = Visualizer.start(Visualizer.Options.defaults().withPort(0).withDataDir(data));
        context = newContext();
        page = openPage(context);
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
        if (web != null) {
            web.close();
        }
    }

    /**
     * The tests read the page's state with expressions Playwright evaluates as strings, which the page's
     * policy forbids (no eval): they bypass it; WebCspBrowserTest opens the page under it.
     */
    BrowserContext newContext() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 720).setBypassCSP(true));
    }

    Page openPage(BrowserContext ctx) {
        Page p = ctx.newPage();
        p.setDefaultTimeout(15_000);
        p.navigate(web.url());
        p.waitForSelector("body[data-ready=true]");
        return p;
    }

    /** Types a line and presses Enter; returns the milliseconds until {@code selector} is drawn. */
    static double type(Page p, String line, String selector) {
        p.waitForFunction("!glassbox.terminal.busy");
        p.locator("#cmd").fill(line);
        long t0 = System.nanoTime();
        p.locator("#cmd").press("Enter");
        p.waitForSelector(selector);
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static void figure(String line) throws IOException {
        System.out.println(line);
        Files.createDirectories(TARGET);
        Files.writeString(TARGET.resolve("web-figures.txt"), line + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    int step(Page p) {
        return Integer.parseInt(p.locator("#diagram").getAttribute("data-step"));
    }

}
