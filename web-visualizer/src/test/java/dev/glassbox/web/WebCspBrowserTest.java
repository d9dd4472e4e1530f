package dev.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The page under its Content-Security-Policy (no inline script or style) in Chromium: nothing is
 * blocked, the diagram keeps its colours, the event stream connects, and no other site can frame it.
 */
class WebCspBrowserTest extends BrowserPage {
    @Override
    BrowserContext newContext() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 720));
    }

    @Test
    void thePageWorksWholeUnderItsPolicyAndNothingIsBlocked() {
        List<String> violations = new CopyOnWriteArrayList<>();
        Page p = context.newPage();
        List<String> frames = new CopyOnWriteArrayList<>();
        p.onWebSocket(ws -> ws.onFrameReceived(f -> frames.add(f.text())));
        p.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy") || m.text().contains("Refused to")) {
                violations.add(m.text());
            }
        });
        p.navigate(web.url());
        p.waitForSelector("body[data-ready=true]");
        p.evaluate("() => { window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => "
                + "window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI)); }");
        type(p, "docker run -d -p 8080:80 --name web nginx", "[data-testid=container-web]");
        // the colours come from the adopted style sheet, not from an inline <style>
        assertEquals("rgb(255, 255, 255)", p.evalOnSelector("[data-testid=container-web] rect.box.container",
                "r => getComputedStyle(r).fill"));
        assertEquals("rgb(59, 110, 165)", p.evalOnSelector("[data-testid=container-web] rect.box.container",
                "r => getComputedStyle(r).stroke"));
        // the event stream (connect-src 'self') delivered the command's steps to the timeline
        for (int i = 0; i < 50 && frames.stream().noneMatch(f -> f.contains("\"type\":\"done\"")); i++) {
            p.waitForTimeout(100);
        }
        assertTrue(frames.stream().anyMatch(f -> f.contains("\"type\":\"done\"")), frames.toString());
        assertEquals(List.of(), p.evaluate("() => window.__cspViolations"));
        assertEquals(List.of(), violations);
        p.close();
    }

    @Test
    void anotherSiteCannotFrameThePage() {
        Page p = context.newPage();
        List<String> violations = new CopyOnWriteArrayList<>();
        p.onConsoleMessage(m -> violations.add(m.text()));
        p.setContent("<iframe id=f src='" + web.url() + "'></iframe>");
        p.waitForTimeout(1000);
        Object framed = p.evaluate("() => { try { return document.getElementById('f').contentDocument?.body?.dataset?.ready ?? null; }"
                + " catch (e) { return 'cross-origin'; } }");
        assertTrue(framed == null || framed.equals("cross-origin"), String.valueOf(framed));
        assertTrue(p.frames().stream().noneMatch(f -> f != p.mainFrame() && f.url().startsWith(web.url()) && isReady(f)),
                "the page was drawn inside another site's frame");
        assertTrue(violations.stream().anyMatch(v -> v.contains("frame-ancestors") || v.contains("X-Frame-Options")), violations.toString());
        p.close();
    }

    private static boolean isReady(com.microsoft.playwright.Frame f) {
        try {
            return f.querySelector("body[data-ready=true]") != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
