package dev.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/** A world of two hosts in real Chromium: the hosts side by side, the LAN between them, a packet crossing it. */
class WebWorldBrowserTest extends BrowserPage {
    @Test
    void twoHostsAreDrawnSideBySideOnTheirLanAndAPacketCrossesIt() {
        type(page, "docker run -d --name client busybox sleep 600", "[data-testid=container-client][data-status=running]");
        assertEquals(0, page.locator("[data-testid=lan]").count(), "one host: the diagram is a lone host's");
        type(page, "node add node2", "[data-testid=lan]");
        type(page, "docker -H node2 run -d --name web -p 8080:80 nginx",
                "[data-testid=host-node2] [data-testid=container-web][data-status=running]");
        assertEquals(2, page.locator("[data-host]").count(), "a box per host");
        assertTrue(page.locator("[data-testid=host-glassbox-host] [data-testid=container-client]").count() == 1, "client is on the first host");
        assertEquals(0, page.locator("[data-testid=host-glassbox-host] [data-testid=container-web]").count(), "web is not on the first host");
        assertTrue(page.locator("[data-testid=host-node2] [data-testid=bridge-docker0]").textContent().contains("172.17.0.1/16"));
        assertTrue(page.locator("[data-testid=nat-node2]").textContent().contains(":8080 → 172.17.0.2:80"));
        assertTrue(page.locator("[data-testid=eth0-host-node2]").textContent().contains("10.0.2.16/24"));
        assertTrue(page.locator("[data-testid=eth0-host-glassbox-host]").textContent().contains("10.0.2.15/24"));
        assertEquals(2, page.locator("[data-testid^=lanwire-]").count(), "each host's eth0 is wired to the LAN");
        double left = ((Number) page.locator("[data-testid=host-glassbox-host] rect.host").evaluate("e => e.getBBox().x")).doubleValue();
        double right = ((Number) page.locator("[data-testid=host-node2] rect.host").evaluate("e => e.getBBox().x")).doubleValue();
        double top1 = ((Number) page.locator("[data-testid=host-glassbox-host] rect.host").evaluate("e => e.getBBox().y")).doubleValue();
        double top2 = ((Number) page.locator("[data-testid=host-node2] rect.host").evaluate("e => e.getBBox().y")).doubleValue();
        assertTrue(right > left && top1 == top2, "side by side: " + left + "," + top1 + " / " + right + "," + top2);

        type(page, "packet trace client 10.0.2.16:8080", "#diagram[data-step]");
        page.waitForFunction("!glassbox.terminal.busy && glassbox.trace && glassbox.trace.events.some(e => e.action === 'LAN')");
        int lan = ((Number) page.evaluate("glassbox.trace.events.findIndex(e => e.action === 'LAN')")).intValue();
        int dnat = ((Number) page.evaluate("glassbox.trace.events.findIndex(e => e.action === 'DNAT' && e.host === 'node2')")).intValue();
        assertTrue(lan > 0 && dnat > lan, "the LAN, then node2's DNAT");
        page.locator(".ev[data-step='" + lan + "']").click();
        assertTrue(page.locator("[data-testid=lan]").getAttribute("class").contains("packet"), "at the LAN step the packet is on the LAN");
        page.locator(".ev[data-step='" + dnat + "']").click();
        assertTrue(page.locator("[data-testid=nat-node2]").evaluate("e => e.classList.contains('packet')").equals(true),
                "at the DNAT step the packet is in node2's nat table");
        assertEquals(false, page.locator("[data-testid=nat-glassbox-host]").evaluate("e => e.classList.contains('packet')"),
                "not in the first host's");
        assertTrue(page.locator(".ev[data-step='" + dnat + "']").textContent().contains("node2 kernel/network"),
                page.locator(".ev[data-step='" + dnat + "']").textContent());
        page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("web-world.png")));
    }
}
