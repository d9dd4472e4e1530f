package dev.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue #14 in real Chromium: a swarm of three hosts, an attachable overlay with a container on each
 * worker; the diagram draws each host's overlay bridges and the VXLAN tunnels between the hosts, and
 * a packet trace stepped through moves from w1 over the tunnel to w2.
 */
class WebOverlayBrowserTest extends BrowserPage {
    /** Types a line at the page's prompt and returns what the terminal printed for it. */
    String run(String line) {
        page.waitForFunction("!glassbox.terminal.busy");
        page.locator("#cmd").fill(line);
        page.locator("#cmd").press("Enter");
        page.waitForFunction("!glassbox.terminal.busy");
        return page.locator("#out span").last().textContent().trim();
    }

    Locator links(String vni) {
        return page.locator("[data-testid=vxlan-link][data-vni='" + vni + "']");
    }

    Set<String> pairs(Locator links) {
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < links.count(); i++) {
            out.add(links.nth(i).getAttribute("data-hosts"));
        }
        return out;
    }

    double box(String selector, String what) {
        return ((Number) page.locator(selector).first().evaluate("e => e.getBBox()." + what)).doubleValue();
    }

    /** The host the highlighted hop is on, once the diagram shows step k. */
    String at(int k) {
        page.locator(".ev[data-step='" + k + "']").click();
        page.waitForSelector("#diagram[data-step='" + k + "']");
        Locator at = page.locator("#diagram g.at[data-host]");
        assertEquals(1, at.count(), "one host holds the packet at step " + k);
        return at.getAttribute("data-host");
    }

    boolean active(Locator link) {
        return (Boolean) link.evaluate("e => e.classList.contains('active')");
    }

    @Test
    void threeHostsTheirOverlayBridgesAndTheVxlanTunnelThePacketCrosses() {
        type(page, "node add w1", "[data-testid=lan]");
        type(page, "node add w2", "[data-testid=host-w2]");
        assertEquals(3, page.locator("[data-host]").count(), "a box per host");
        assertEquals(0, page.locator("[data-testid=vxlan-link]").count(), "no swarm yet: no tunnel");
        assertEquals(0, page.locator("[data-testid^=overlay-]").count(), "no swarm yet: no overlay bridge");

        run("docker swarm init");
        String token = run("docker swarm join-token worker -q");
        assertTrue(token.startsWith("SWMTKN-1-"), token);
        assertEquals("This node joined a swarm as a worker.", run("docker -H w1 swarm join --token " + token + " 10.0.2.15:2377"));
        assertEquals("This node joined a swarm as a worker.", run("docker -H w2 swarm join --token " + token + " 10.0.2.15:2377"));
        for (String host : List.of("glassbox-host", "w1", "w2")) {
            Locator ingress = page.locator("[data-testid=host-" + host + "] [data-testid=overlay-ingress]");
            assertEquals(1, ingress.count(), host + " draws the ingress overlay's bridge");
            assertEquals("4096", ingress.getAttribute("data-vni"));
            assertTrue(ingress.textContent().matches("ingress overlay · VNI 409610\\.0\\.0\\.\\d+/24vx-001000-\\w{5}ov-001000-\\w{5}"), ingress.textContent());
        }
        assertEquals(Set.of("glassbox-host w1", "glassbox-host w2", "w1 w2"), pairs(links("4096")), "an ingress tunnel between every two hosts");
        assertTrue(links("4096").first().textContent().contains("VXLAN 4096 ingress"), links("4096").first().textContent());

        run("docker network create -d overlay --attachable appnet");
        assertTrue(run("docker -H w1 run -d --name c1 --network appnet busybox sleep 1000").matches("(?s).*\n[0-9a-f]{64}"));
        assertTrue(run("docker -H w2 run -d --name c2 --network appnet busybox sleep 1000").matches("(?s).*\n[0-9a-f]{64}"));
        String c2 = run("docker -H w2 inspect -f '{{.NetworkSettings.Networks.appnet.IPAddress}}' c2");
        assertEquals(0, page.locator("[data-testid=host-glassbox-host] [data-testid=overlay-appnet]").count(), "no task of appnet on the manager");
        Locator w1app = page.locator("[data-testid=host-w1] [data-testid=overlay-appnet]");
        Locator w2app = page.locator("[data-testid=host-w2] [data-testid=overlay-appnet]");
        assertEquals(1, w1app.count());
        assertEquals(1, w2app.count());
        String vni = w1app.getAttribute("data-vni");
        assertEquals(vni, w2app.getAttribute("data-vni"));
        assertFalse(vni.equals("4096") || vni.isEmpty(), vni);
        String hex = String.format("%06x", Integer.parseInt(vni));
        assertTrue(w1app.textContent().contains("ov-" + hex + "-") && w1app.textContent().contains("vx-" + hex + "-"), w1app.textContent());
        Locator app = links(vni);
        assertEquals(1, app.count(), "one tunnel for appnet");
        assertEquals("w1 w2", app.getAttribute("data-hosts"));
        assertTrue(app.textContent().contains("VXLAN " + vni + " appnet"), app.textContent());
        assertEquals(3, links("4096").count(), "the ingress tunnels stay");
        double left = box("[data-testid=vxlan-link][data-vni='" + vni + "'] path", "x");
        double right = left + box("[data-testid=vxlan-link][data-vni='" + vni + "'] path", "width");
        double w1x = box("[data-testid=host-w1] rect.host", "x");
        double w2x = box("[data-testid=host-w2] rect.host", "x");
        double w2w = box("[data-testid=host-w2] rect.host", "width");
        assertTrue(left > w1x && left < w2x && right > w2x && right < w2x + w2w, "the tunnel runs from under w1 to under w2: " + left + ".." + right);

        run("node use w1");
        type(page, "packet trace c1 " + c2, "#diagram[data-step]");
        page.waitForFunction("!glassbox.terminal.busy && glassbox.trace && glassbox.trace.events.some(e => e.action === 'VXLAN decap')");
        List<Integer> steps = new ArrayList<>();
        for (String action : List.of("route", "VXLAN encap", "LAN", "VXLAN decap", "echo reply")) {
            steps.add(((Number) page.evaluate("a => glassbox.trace.events.findIndex(e => e.action === a)", action)).intValue());
        }
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i) > steps.get(i - 1), "route, encap, LAN, decap, reply in order: " + steps);
        }
        assertEquals("w1", at(steps.get(0)));
        assertFalse(active(app), "at the route step the packet is not in the tunnel yet");
        assertEquals("w1", at(steps.get(1)));
        assertTrue(active(app), "at the encap step the appnet tunnel is lit");
        assertTrue((Boolean) page.locator("[data-testid=host-w1] [data-testid^=vtep-vx-" + hex + "]").evaluate("e => e.classList.contains('packet')"),
                "and w1's VXLAN port");
        for (int i = 0; i < links("4096").count(); i++) {
            assertFalse(active(links("4096").nth(i)), "not an ingress tunnel");
        }
        assertEquals("w1", at(steps.get(2)));
        assertTrue(active(app), "on the LAN the packet is still in the tunnel");
        assertEquals("w2", at(steps.get(3)));
        assertTrue(active(app), "at the decap step on w2");
        assertEquals("w2", at(steps.get(4)));
        assertFalse(active(app), "delivered: out of the tunnel");
        page.locator(".ev[data-step='" + steps.get(1) + "']").click();
        page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("web-overlay.png")).setFullPage(true));
        page.locator("#diagram svg").screenshot(new Locator.ScreenshotOptions().setPath(TARGET.resolve("web-overlay-diagram.png")));
    }
}
