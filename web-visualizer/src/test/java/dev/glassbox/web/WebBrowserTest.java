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
 * The page in real headless Chromium (Debian's, driven by Playwright with the system's Node.js).
 * Skipped, with the reason printed, only where /usr/bin/chromium is missing.
 */
class WebBrowserTest extends BrowserPage {
    @Test
    void runShowsTheContainerItsVethAndItsDnatRuleAndStepsBackAndForth() throws IOException {
        double ms = type(page, "docker run -d -p 8080:80 nginx", "[data-testid^=container-][data-status=running]");
        Locator box = page.locator("[data-testid^=container-]");
        assertEquals(1, box.count());
        String name = box.getAttribute("data-testid").substring("container-".length());
        assertEquals(1, page.locator("[data-testid^=veth-veth]").count(), "the host end of the veth pair");
        assertTrue(page.locator("[data-testid=nat-8080]").textContent().contains("DNAT tcp 0.0.0.0:8080 → 172.17.0.2:80"));
        assertTrue(page.locator("[data-testid=proxy-8080]").textContent().contains("docker-proxy tcp 0.0.0.0:8080 → 172.17.0.2:80"));
        assertTrue(page.locator("[data-testid=cgroup-" + name + "]").isVisible());
        assertTrue(page.locator("#out").textContent().contains("Status: Downloaded newer image for nginx:latest"));
        Files.createDirectories(TARGET);
        page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("web-1280x720.png")));

        int mkdir = ((Number) page.evaluate("glassbox.trace.events.findIndex(e => e.subsystem === 'cgroup' && e.action === 'mkdir')")).intValue();
        assertTrue(mkdir > 0);
        page.locator(".ev[data-step='" + (mkdir - 1) + "']").click();
        assertEquals(mkdir - 1, step(page));
        assertEquals(0, page.locator("[data-testid=cgroup-" + name + "]").count(), "no cgroup before its mkdir");
        assertEquals(1, page.locator("[data-testid=container-" + name + "]").count(), "the container record exists already");
        assertEquals(0, page.locator("[data-testid=nat-8080]").count(), "nor the DNAT rule");
        assertEquals(0, page.locator("[data-testid=proxy-8080]").count(), "nor docker-proxy");

        page.keyboard().press("ArrowRight");
        page.waitForSelector("[data-testid=cgroup-" + name + "]");
        assertEquals(mkdir, step(page));
        assertTrue(page.locator("#explain").textContent().contains("mkdir"), page.locator("#explain").textContent());
        assertTrue(page.locator("[data-testid=cgroup-" + name + "]").getAttribute("class").contains("hl"), "the change is highlighted");
        page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("web-step-cgroup.png")));

        page.keyboard().press("ArrowLeft");
        page.waitForSelector("[data-testid=cgroup-" + name + "]", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.DETACHED));

        page.keyboard().press("p");
        assertTrue((Boolean) page.evaluate("document.body.classList.contains('presentation')"));
        page.keyboard().press("End");
        page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("web-presentation-1280x720.png")));
        for (int i = 0; i < 10; i++) {
            page.keyboard().press("Home");
            page.keyboard().press("ArrowRight");
        }
        assertTrue(ms > 0);
    }

    /** The page rebuilds each step's state itself; going back from the end and forward again it agrees with the server's stateAt(k). */
    @Test
    void thePagesStateAtEveryStepIsTheServersGoingBackAndForward() {
        type(page, "docker run -d -p 8080:80 --name web nginx", "[data-testid=container-web][data-status=running]");
        Object mismatches = page.evaluate("""
                async () => {
                  const canon = (v) => Array.isArray(v) ? v.map(canon) : v && typeof v === 'object'
                      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])])) : v;
                  const t = glassbox.timeline;
                  const last = t.stepper.last;
                  const bad = [];
                  const check = async (k) => {
                    const server = await glassbox.api.get('/trace/state?step=' + k);
                    const mine = JSON.stringify(canon(t.stepper.goTo(k))), theirs = JSON.stringify(canon(server));
                    if (mine !== theirs) {
                      let i = 0;
                      while (mine[i] === theirs[i]) i++;
                      bad.push(k + ': page ' + mine.slice(i - 80, i + 80) + ' server ' + theirs.slice(i - 80, i + 80));
                    }
                  };
                  for (let k = last; k >= -1; k--) await check(k);
                  for (let k = -1; k <= last; k += 3) await check(k);
                  return bad.join(',');
                }""");
        assertEquals("", mismatches, "steps where the page's state differs from the server's");
    }

    @Test
    void aContainersVolumeAndBindMountAreDrawnWithWhereTheyComeFrom() {
        type(page, "docker volume create notes", "#diagram[data-step]");
        type(page, "docker run -d -v notes:/data --tmpfs /scratch --name vol busybox sleep 300", "[data-testid=container-vol][data-status=running]");
        String mounts = page.locator("[data-testid=mounts-vol]").textContent();
        assertTrue(mounts.contains("notes") && mounts.contains("/data"), mounts);
        assertTrue(page.locator("[data-testid=container-vol]").textContent().contains("/scratch"), "the tmpfs is listed too");
        assertTrue(page.locator("[data-testid='hostpath-volume notes']").textContent().contains("/volumes/notes/_data"),
                "the volume's host path is drawn as a box of its own");
        assertEquals(2, page.locator("[data-testid=mountwire-vol]").count(), "a wire from the container to each source it mounts");
        page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("web-mounts.png")));
    }

    @Test
    void aPacketTraceMovesOverTheDiagramHopByHop() {
        type(page, "docker run -d --name web -p 8080:80 nginx", "[data-testid=container-web][data-status=running]");
        // from the host's namespace: the nat table DNATs it (a container's packets, coming in on docker0, go to docker-proxy instead)
        type(page, "docker run -d --name cli --network host busybox sleep 300", "[data-testid=container-cli][data-status=running]");
        type(page, "packet trace cli 172.17.0.1:8080", "#diagram[data-step]");
        page.waitForFunction("!glassbox.terminal.busy && glassbox.trace && glassbox.trace.events.some(e => e.action === 'bridge forward')");
        assertTrue(page.locator("#out").textContent().contains("DNAT"), page.locator("#out").textContent());
        int dnat = ((Number) page.evaluate("glassbox.trace.events.findIndex(e => e.action === 'DNAT')")).intValue();
        int forward = ((Number) page.evaluate("glassbox.trace.events.findIndex(e => e.action === 'bridge forward')")).intValue();
        assertTrue(dnat > 0 && forward > dnat, "DNAT, then the bridge");
        page.locator(".ev[data-step='" + dnat + "']").click();
        assertTrue(page.locator("[data-testid=nat-8080]").evaluate("e => e.closest('.packet') !== null || e.classList.contains('packet')").equals(true),
                "at the DNAT step the NAT table is where the packet is");
        page.locator(".ev[data-step='" + forward + "']").click();
        assertTrue(page.locator("#diagram .packet").count() > 0, "at the bridge step the packet is drawn on the bridge");
        assertTrue(page.locator("#diagram .packet").first().textContent().contains("docker0"), page.locator("#diagram .packet").first().textContent());
        page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("web-packet.png")));
    }

    @Test
    void aSecondBrowserContextDoesNotSeeTheFirstsContainers() {
        type(page, "docker run -d --name mine nginx", "[data-testid=container-mine][data-status=running]");
        try (BrowserContext other = newContext()) {
            Page p2 = openPage(other);
            assertEquals(0, p2.locator("[data-testid^=container-]").count());
            p2.locator("#cmd").fill("docker ps -a --format '{{.Names}}'");
            p2.locator("#cmd").press("Enter");
            p2.waitForSelector("#out .prompt");
            p2.waitForFunction("!glassbox.terminal.busy");
            assertTrue(!p2.locator("#out").textContent().contains("mine"), p2.locator("#out").textContent());
        }
        assertEquals(1, page.locator("[data-testid=container-mine]").count());
    }

    @Test
    void aReloadFindsTheSameSessionAndHistory() {
        type(page, "docker run -d --name kept nginx", "[data-testid=container-kept][data-status=running]");
        page.reload();
        page.waitForSelector("body[data-ready=true]");
        page.waitForSelector("[data-testid=container-kept]");
        page.locator("#cmd").press("ArrowUp");
        assertEquals("docker run -d --name kept nginx", page.locator("#cmd").inputValue());
    }

    @Test
    void studentsWatchTheTeachersClassroomSessionLive() {
        page.locator("#classroom").click();
        page.waitForSelector("#who:has-text('students open')");
        String who = page.locator("#who").textContent();
        String watchUrl = who.substring(who.indexOf("http"));
        try (BrowserContext student = newContext()) {
            Page s = student.newPage();
            s.navigate(watchUrl);
            s.waitForSelector("body[data-ready=true]");
            assertTrue(s.locator("#cmd").isDisabled(), "a student cannot type commands");
            type(page, "docker run -d --name demo -p 8080:80 nginx", "[data-testid=container-demo][data-status=running]");
            s.waitForSelector("[data-testid=container-demo][data-status=running]");
            s.waitForSelector("[data-testid=nat-8080]");
            assertTrue(s.locator("#out").textContent().contains("docker run -d --name demo"), s.locator("#out").textContent());
        }
    }

    @Test
    void exportsTheTraceTheDiagramAndAMermaidSequence() throws IOException {
        type(page, "docker run -d -p 8080:80 --name web nginx", "[data-testid=container-web][data-status=running]");
        String svg = download("#exportSvg");
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg.substring(0, 80));
        assertTrue(svg.contains("<style>") && svg.contains("DNAT tcp 0.0.0.0:8080"), "a self-contained SVG");
        String trace = download("#exportJson");
        assertEquals("docker run -d -p 8080:80 --name web nginx", WebApiTest.JSON.readTree(trace).path("command").asText());
        String mermaid = download("#exportMermaid");
        assertTrue(mermaid.startsWith("sequenceDiagram\n"), mermaid);
    }

    private String download(String button) throws IOException {
        com.microsoft.playwright.Download d = page.waitForDownload(() -> page.locator(button).click());
        return Files.readString(d.path());
    }

    @Test
    void tabCompletesContainerNames() {
        type(page, "docker run -d --name webserver nginx", "[data-testid=container-webserver][data-status=running]");
        page.locator("#cmd").fill("docker stop web");
        page.locator("#cmd").press("Tab");
        page.waitForFunction("document.querySelector('#cmd').value === 'docker stop webserver '");
    }

    /** Figures on a warm server: the JIT has compiled the engine, as after the first few commands of a class. */
    @Test
    void figures() throws Exception {
        String warm = WebApiTest.newSession(web);
        for (int i = 0; i < 25; i++) {
            WebApiTest.command(web, warm, "docker run -d --name warm nginx && docker ps && docker rm -f warm");
            Thread.sleep(210);
        }
        List<Double> enter = new ArrayList<>();
        List<Double> request = new ArrayList<>();
        List<Double> drawing = new ArrayList<>();
        List<Double> server = new ArrayList<>();
        type(page, "docker pull nginx", "#diagram[data-step]");
        for (int i = 0; i < 7; i++) {
            enter.add(type(page, "docker run -d --name c" + i + " nginx", "[data-testid=container-c" + i + "][data-status=running]"));
            request.add(((Number) page.evaluate("glassbox.timings.requestMs")).doubleValue());
            drawing.add(((Number) page.evaluate("glassbox.timings.drawMs")).doubleValue());
            server.add(((Number) page.evaluate("glassbox.timings.runMs")).doubleValue());
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("web-seven-containers.png")));
        page.locator("#cmd").press("Escape");
        List<Double> next = new ArrayList<>();
        List<Double> inPage = new ArrayList<>();
        page.keyboard().press("Home");
        for (int i = 0; i < 40; i++) {
            int k = step(page);
            long t0 = System.nanoTime();
            page.keyboard().press("ArrowRight");
            page.waitForSelector("#diagram[data-step='" + (k + 1) + "']");
            next.add((System.nanoTime() - t0) / 1e6);
            inPage.add(((Number) page.evaluate("glassbox.timeline.lastStepMs")).doubleValue());
        }
        figure(String.format("browser: Enter on docker run → running container drawn: median %.0f ms (n=%d, %s)", median(enter), enter.size(), round(enter)));
        figure(String.format("browser:   of which the HTTP request: median %.0f ms (the engine running the line: median %.0f ms); the page loading the trace and drawing: median %.0f ms",
                median(request), median(server), median(drawing)));
        figure(String.format("browser: → to next step drawn: median %.1f ms (n=%d, max %.1f ms) as Playwright sees it; in the page, from the key to the diagram redrawn: median %.1f ms",
                median(next), next.size(), Collections.max(next), median(inPage)));
    }

    private static String round(List<Double> xs) {
        StringBuilder sb = new StringBuilder();
        for (double d : xs) {
            sb.append(sb.length() == 0 ? "" : " ").append(Math.round(d));
        }
        return sb.toString();
    }
}
