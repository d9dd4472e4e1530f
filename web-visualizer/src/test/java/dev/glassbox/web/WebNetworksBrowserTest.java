package dev.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue #15, "Never false", the diagram, in real Chromium at 1400 px: with containers on the
 * default bridge, on a user network and on two networks, every container's veth line ends inside the
 * box of its own network's bridge (measured on the drawn SVG), none on the host's eth0, every
 * network with an endpoint is drawn; the NAT box's text lies inside the NAT box, also with several
 * published ports. The same on the second host of a world of two.
 */
class WebNetworksBrowserTest extends BrowserPage {
    static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    /** Where each veth line of a container ends: the bridges whose box holds the end point, and whether the host's eth0 box does. */
    static final String ENDS = """
            ([scope, name]) => {
              const root = document.querySelector(scope);
              const inside = (p, b) => p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;
              const bridges = [...root.querySelectorAll('[data-testid^="bridge-"]')]
                .map((g) => ({ name: g.dataset.testid.slice('bridge-'.length), box: g.querySelector('rect.bridge').getBBox() }));
              const eth = root.querySelector('[data-testid^="eth0-host"] rect');
              return [...root.querySelectorAll('[data-testid^="veth-"]')]
                .filter((g) => g.dataset.container === name)
                .map((g) => {
                  const w = g.querySelector('.wire');
                  const p = w.getPointAtLength(w.getTotalLength());
                  return { veth: g.dataset.testid, x: p.x, y: p.y, on: bridges.filter((b) => inside(p, b.box)).map((b) => b.name).join(' '),
                    onEth: !!eth && inside(p, eth.getBBox()) };
                });
            }""";

    /** The texts of the NAT box under scope that stick out of its rectangle, with their boxes. */
    static final String NAT_OVERFLOW = """
            (scope) => {
              const rect = document.querySelector(scope + ' rect.nat');
              const b = rect.getBBox();
              const texts = [...rect.parentNode.querySelectorAll('text')];
              if (texts.length === 0) return ['no text in the NAT box'];
              return texts.map((t) => ({ t, r: t.getBBox() }))
                .filter(({ r }) => r.x < b.x || r.y < b.y || r.x + r.width > b.x + b.width || r.y + r.height > b.y + b.height)
                .map(({ t, r }) => `${t.textContent} [${r.x},${r.y} ${r.width}x${r.height}] outside [${b.x},${b.y} ${b.width}x${b.height}]`);
            }""";

    @Override
    BrowserContext newContext() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900));
    }

    /** Types a line at the page's prompt and returns all the terminal printed so far. */
    String run(String line) {
        page.waitForFunction("!glassbox.terminal.busy");
        page.locator("#cmd").fill(line);
        page.locator("#cmd").press("Enter");
        page.waitForFunction("!glassbox.terminal.busy");
        return page.locator("#out").textContent();
    }

    /** Creates a user network and returns its bridge's name, as Docker names it: br- and the network id's first 12 digits. */
    String network(String docker, String name) {
        Matcher m = ID.matcher(run(docker + " network create " + name));
        String id = null;
        while (m.find()) {
            id = m.group();
        }
        assertTrue(id != null, "network create printed an id");
        return "br-" + id.substring(0, 12);
    }

    /** Each veth line of the container ends on the bridge of each of its networks, one line per network, none on eth0. */
    void endsOn(String scope, String container, Set<String> bridges) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ends = (List<Map<String, Object>>) page.evaluate(ENDS, List.of(scope, container));
        assertEquals(bridges.size(), ends.size(), container + ": a veth line per network: " + ends);
        Set<String> on = new TreeSet<>();
        for (Map<String, Object> e : ends) {
            assertFalse((Boolean) e.get("onEth"), container + ": a veth line ends on the host's eth0: " + e);
            String b = (String) e.get("on");
            assertFalse(b.isEmpty() || b.contains(" "), container + ": a veth line ends on one bridge: " + e);
            on.add(b);
        }
        assertEquals(new TreeSet<>(bridges), on, container + ": " + ends);
    }

    void natFits(String scope) {
        assertEquals(List.of(), page.evaluate(NAT_OVERFLOW, scope), "the NAT box's text lies inside the NAT box");
    }

    /** The scene of the issue on one host (docker is "docker" or "docker -H node2"), checked under scope. */
    void threeNetworks(String docker, String scope) {
        String app = network(docker, "appnet");
        run(docker + " run -d --name a1 nginx");
        run(docker + " run -d --name b1 --network appnet nginx");
        run(docker + " run -d --name p1 -p 8080:80 nginx");
        page.waitForSelector(scope + " [data-testid=container-p1][data-status=running]");
        assertEquals(1, page.locator(scope + " [data-testid=bridge-docker0]").count(), "the default bridge is drawn");
        assertEquals(1, page.locator(scope + " [data-testid=bridge-" + app + "]").count(), "appnet's bridge is drawn");
        endsOn(scope, "a1", Set.of("docker0"));
        endsOn(scope, "b1", Set.of(app));
        endsOn(scope, "p1", Set.of("docker0"));

        String other = network(docker, "other");
        run(docker + " network connect other a1");
        page.waitForSelector(scope + " [data-testid=bridge-" + other + "]");
        endsOn(scope, "a1", Set.of("docker0", other));
        endsOn(scope, "b1", Set.of(app));

        run(docker + " run -d --name p2 -p 8081:81 -p 127.0.0.1:8082:82 -p 8443:443/udp --network appnet nginx");
        page.waitForSelector(scope + " [data-testid=container-p2][data-status=running]");
        endsOn(scope, "p2", Set.of(app));
    }

    @Test
    void everyVethEndsOnTheBridgeOfItsOwnNetwork() {
        threeNetworks("docker", "#diagram svg");
        assertEquals(0, page.locator("[data-testid=lan]").count(), "one host");
        page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("web-networks-1400.png")));
    }

    @Test
    void theNatBoxHoldsItsTextWithOneAndWithSeveralPublishedPorts() {
        natFits("#diagram svg");
        run("docker run -d --name p1 -p 8080:80 nginx");
        page.waitForSelector("[data-testid=container-p1][data-status=running]");
        natFits("#diagram svg");
        run("docker run -d --name p2 -p 8081:81 -p 127.0.0.1:8082:82 -p 8443:443/udp nginx");
        page.waitForSelector("[data-testid=container-p2][data-status=running]");
        assertEquals(1, page.locator("[data-testid=nat-8082]").count(), "the rule for 127.0.0.1:8082 is drawn");
        natFits("#diagram svg");
    }

    @Test
    void theSameOnTheSecondHostOfAWorld() {
        run("node add node2");
        page.waitForSelector("[data-testid=host-node2]");
        threeNetworks("docker -H node2", "[data-testid=host-node2]");
        natFits("[data-testid=host-node2]");
        natFits("[data-testid=host-glassbox-host]");
        page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("web-networks-world-1400.png")));
    }
}
