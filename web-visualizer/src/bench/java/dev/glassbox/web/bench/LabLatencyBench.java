package dev.glassbox.web.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.glassbox.web.Visualizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * In real headless Chromium on 127.0.0.1: the time from a student's Enter to the goal's ✓ in the lesson
 * pane, beside a baseline measured in the same page and run: Enter to the terminal ready again after
 * `docker ps`, a command that meets no goal. Rounds interleave the two; a third command (rm) undoes the
 * goal between rounds and is not timed.
 *
 * <p>{@code mvn -o -q -Pbench-web -pl web-visualizer -am verify -DskipTests}
 */
public final class LabLatencyBench {
    private LabLatencyBench() {}

    private static double enter(Page p, String line, String until) {
        p.waitForFunction("!glassbox.terminal.busy");
        p.locator("#cmd").fill(line);
        long t0 = System.nanoTime();
        p.locator("#cmd").press("Enter");
        p.waitForFunction(until);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double pct(List<Double> xs, double q) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get((int) Math.min(s.size() - 1, Math.round(q * (s.size() - 1))));
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.n", 30);
        Path data = Files.createTempDirectory("glassbox-lab-bench");
        Visualizer web = Visualizer.start(Visualizer.Options.defaults().withPort(0).withDataDir(data)
                .withLimits(dev.glassbox.web.Limits.defaults().withRate(1000, 1000))); // a student's rate limit would pace the rounds
        try (Playwright pw = Playwright.create()) {
            Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of("/usr/bin/chromium"))
                    .setHeadless(true).setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync")));
            Page p = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 720)).newPage();
            p.navigate(web.url());
            p.waitForSelector("body[data-ready=true]");
            p.locator("[data-testid=lesson-run-flow] button").click();
            p.waitForSelector("[data-testid=goal-web-runs].unmet");
            String met = "document.querySelector('[data-testid=goal-web-runs]').classList.contains('met')";
            List<Double> goal = new ArrayList<>();
            List<Double> base = new ArrayList<>();
            for (int i = 0; i < rounds + 5; i++) {
                double g = enter(p, "docker run -d --name web nginx", met);
                double b = enter(p, "docker ps", "!glassbox.terminal.busy");
                enter(p, "docker rm -f web", "!" + met);
                if (i >= 5) {
                    goal.add(g);
                    base.add(b);
                }
            }
            System.out.printf("lab: Enter to the goal's ✓ in the pane: median %.1f ms, p95 %.1f ms | baseline, Enter to `docker ps` answered: "
                    + "median %.1f ms, p95 %.1f ms | ratio of medians %.2f (%d rounds, headless Chromium, 127.0.0.1)%n",
                    pct(goal, 0.5), pct(goal, 0.95), pct(base, 0.5), pct(base, 0.95), pct(goal, 0.5) / pct(base, 0.5), rounds);
            browser.close();
        } finally {
            web.close();
        }
    }
}
