package dev.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** In real Chromium: a file made in the page's files pane goes into a container with docker cp. */
class WebFilesBrowserTest extends BrowserPage {
    @Test
    void aFileMadeInThePageIsCopiedIntoAContainer() {
        page.locator("#files summary").click();
        page.locator("#file-name").fill("index.html");
        page.locator("#file-text").fill("<h1>written in the browser</h1>");
        page.locator("#file-save").click();
        page.waitForSelector("#file-list li[data-path='index.html']");
        type(page, "docker run -d --name web nginx", "[data-testid^=container-][data-status=running]");
        type(page, "docker cp index.html web:/usr/share/nginx/html/index.html", "#out:has-text('cp index.html')");
        page.waitForFunction("!glassbox.terminal.busy");
        type(page, "docker exec web cat /usr/share/nginx/html/index.html", "#out:has-text('<h1>written in the browser</h1>')");
        page.locator("#file-upload").setInputFiles(new FilePayload("Dockerfile", "text/plain", "FROM nginx\n".getBytes(StandardCharsets.UTF_8)));
        page.waitForSelector("#file-list li[data-path='Dockerfile']");
        type(page, "mkdir -p conf && docker cp web:/etc/nginx/conf.d conf/", "#file-list li[data-path='conf/conf.d/default.conf']");
        page.waitForFunction("!glassbox.terminal.busy");
        type(page, "cat Dockerfile", "#out:has-text('FROM nginx')");
        assertTrue(page.locator("#file-msg").textContent().contains("saved Dockerfile"), page.locator("#file-msg").textContent());
    }
}
