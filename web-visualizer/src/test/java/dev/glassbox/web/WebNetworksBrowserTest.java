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

    /**
     * Where each line of a container of a kind (veth, macvlan, ipvlan) ends: the bridges (and dummy
     * parents) whose box holds the end point, and whether the host's eth0 box does.
     */
    static final String ENDS = """
            ([scope, name, kind]) => {
              const root = document.querySelector(scope);
              const inside = (p, b) => p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;
              const bridges = [...root.querySelectorAll('[data-testid^="bridge-"], [data-testid^="parent-"]')]
                .map((g) => ({ name: g.dataset.testid.replace(/^(bridge|parent)-/, ''), box: g.querySelector('rect').getBBox() }));
              const eth = root.querySelector('[data-testid^="eth0-host"] rect');
              return [...root.querySelectorAll(`[data-testid^="${kind}-"]`)]
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
        // Playwright evaluates its string expressions with eval, which the page's CSP forbids (WebCspBrowserTest runs under it)
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900).setBypassCSP(true));
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
        return "br-" + created(docker + " network create " + name);
    }

    /** Runs a network create and returns the first 12 digits of the id it printed last. */
    String created(String line) {
        Matcher m = ID.matcher(run(line));
        String id = null;
        while (m.find()) {
            id = m.group();
        }
        assertTrue(id != null, "network create printed an id");
        return id.substring(0, 12);
    }

    /** Each veth line of the container ends on the bridge of each of its networks, one line per network, none on eth0. */
    void endsOn(String scope, String container, Set<String> bridges) {
        List<Map<String, Object>> ends = ends(scope, container, "veth");
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

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> ends(String scope, String container, String kind) {
        return (List<Map<String, Object>>) page.evaluate(ENDS, List.of(scope, container, kind));
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

    /** A macvlan child hangs off eth0, an ipvlan child off the dummy Docker made its parent (di- and the network id): their lines end there, no veth. */
    @Test
    void macvlanAndIpvlanChildrenEndOnTheirParentLinks() {
        run("docker network create -d macvlan --subnet 10.0.2.0/24 --gateway 10.0.2.2 -o parent=eth0 mv");
        String dummy = "di-" + created("docker network create -d ipvlan --subnet 192.168.50.0/24 iv");
        run("docker run -d --name m1 --network mv nginx");
        run("docker run -d --name i1 --network iv nginx");
        run("docker run -d --name w1 nginx");
        page.waitForSelector("[data-testid=container-w1][data-status=running]");
        String scope = "#diagram svg";
        List<Map<String, Object>> m1 = ends(scope, "m1", "macvlan");
        assertEquals(1, m1.size(), "m1's macvlan child: " + m1);
        assertEquals(true, m1.get(0).get("onEth"), "m1's line ends on the host's eth0: " + m1);
        assertEquals("", m1.get(0).get("on"), "and on no bridge: " + m1);
        List<Map<String, Object>> i1 = ends(scope, "i1", "ipvlan");
        assertEquals(1, i1.size(), "i1's ipvlan child: " + i1);
        assertEquals(dummy, i1.get(0).get("on"), "i1's line ends on the dummy parent: " + i1);
        assertEquals(List.of(), ends(scope, "m1", "veth"), "no veth for m1");
        endsOn(scope, "w1", Set.of("docker0"));
        assertTrue(page.locator("[data-testid=eth0-host]").textContent().contains("mv (macvlan)"), page.locator("[data-testid=eth0-host]").textContent());
        assertTrue(page.locator("[data-testid=parent-" + dummy + "]").textContent().contains("iv (ipvlan)"));
        page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("web-networks-macvlan.png")));
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
