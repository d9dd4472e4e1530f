package dev.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A student works through lesson 1 in real headless Chromium: picks it in the pane, clicks its
 * commands into the terminal, sees each goal's ✓ appear, answers the question by clicking, reloads and
 * finds the progress kept; the teacher's page shows two students at their steps.
 */
class WebLabBrowserTest extends BrowserPage {
    private static void enter(Page p) {
        p.waitForFunction("!glassbox.terminal.busy");
        p.locator("#cmd").press("Enter");
    }

    private static void click(Page p, String command) {
        p.waitForFunction("!glassbox.terminal.busy");
        p.locator("[data-testid=lab-cmd]", new Page.LocatorOptions().setHasText(command)).first().click();
        assertEquals(command, p.locator("#cmd").inputValue(), "a click puts the command into the terminal, unrun");
        enter(p);
    }

    private static void stepIs(Page p, String title) {
        p.waitForSelector("[data-testid=step-title]:has-text('" + title + "')");
    }

    @Test
    void aStudentCompletesLessonOneByClickingAndKeepsItAfterAReload() throws IOException {
        page.locator("[data-testid=lesson-run-flow] button").click();
        stepIs(page, "Step 1/4");
        assertTrue(page.locator("[data-testid=goal-web-runs]").getAttribute("class").contains("unmet"));

        type(page, "docker run -d --name web nginx", "[data-testid=goal-web-runs].met");
        assertTrue(page.locator("[data-testid=goal-published]").textContent().contains("web does not publish its port 80/tcp"),
                page.locator("[data-testid=goal-published]").textContent());
        type(page, "docker rm -f web", "#out:has-text('$ docker rm -f web')");
        click(page, "docker run -d -p 8080:80 --name web nginx");
        stepIs(page, "Step 2/4");
        assertTrue(page.locator("#out").textContent().contains("✓ step 1: a container named web runs nginx with port 8080 published"));

        page.locator("[data-testid=hint]").click();
        page.waitForSelector("#out:has-text('hint 1/2:')");
        click(page, "docker inspect web");
        stepIs(page, "Step 3/4");
        type(page, "trace", "#out:has-text('$ GET /v1.50/containers/web/json HTTP/1.1')"); // the page prints the last command's tree
        click(page, "docker rm -f web");
        click(page, "docker run -d -p 8080:80 --name web nginx");
        stepIs(page, "Step 4/4");
        assertEquals(1280, ((Number) page.evaluate("() => document.body.scrollWidth")).intValue(), "three panes fit the page: nothing scrolls it sideways");
        Files.createDirectories(TARGET);
        page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("web-lab-quiz.png")));
        page.locator("[data-testid=choice-1]").click();
        page.waitForSelector("#out:has-text('✗ not quite')");
        page.locator("[data-testid=choice-2]").click();
        page.waitForSelector("[data-testid=finished]");
        assertTrue(page.locator("#out").textContent().contains("✓ lesson finished"));

        page.reload();
        page.waitForSelector("body[data-ready=true]");
        page.waitForSelector("[data-testid=finished]");
        stepIs(page, "Step 4/4");
        page.locator(".lab-head button").click();
        page.waitForSelector("[data-testid=lesson-run-flow] .mark:has-text('✓')");
        page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("web-lab-curriculum.png")));
    }

    @Test
    void theTeachersPageShowsTwoStudentsAtTheirSteps() {
        page.locator("[data-testid=lesson-run-flow] button").click();
        stepIs(page, "Step 1/4");
        page.locator(".who input").count(); // the name field lives in the curriculum view
        type(page, "docker run -d -p 8080:80 --name web nginx", "[data-testid=step-title]:has-text('Step 2/4')");

        BrowserContext other = newContext();
        try {
            Page second = openPage(other);
            second.locator(".who input").fill("Bea");
            second.locator(".who input").press("Tab");
            second.locator("[data-testid=lesson-run-flow] button").click();
            stepIs(second, "Step 1/4");

            Page teacher = other.newPage();
            teacher.navigate(web.teacherUrl());
            teacher.waitForSelector("body[data-ready=true]");
            teacher.waitForSelector("tr[data-testid=row]:has-text('Bea')");
            assertEquals(2, teacher.locator("tr[data-testid=row]").count());
            String bea = teacher.locator("tr[data-testid=row]:has-text('Bea')").textContent();
            assertTrue(bea.contains("1/4: a container named web runs nginx with port 8080 published"), bea);
            String first = teacher.locator("tr[data-testid=row]:not(:has-text('Bea'))").textContent();
            assertTrue(first.contains("2/4: you found the Engine API requests the client sent"), first);
            teacher.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("web-teacher.png")));

            Page stranger = other.newPage();
            stranger.navigate(web.url() + "teacher.html#token=wrong");
            stranger.waitForSelector("#problem:has-text('teacher token')");
        } finally {
            other.close();
        }
    }
}
