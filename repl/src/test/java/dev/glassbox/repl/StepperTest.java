package dev.glassbox.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.repl.StepInput.Key;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepperTest {
    private static String step(Key... keys) {
        StringWriter text = new StringWriter();
        ArrayDeque<Key> queue = new ArrayDeque<>(List.of(keys));
        new Stepper(Traces.run(), new PrintWriter(text), Style.PLAIN).run(() -> queue.isEmpty() ? Key.QUIT : queue.poll());
        return text.toString();
    }

    @Test
    void showsEveryStepWithItsChangesWhenEnterIsPressed() {
        String out = step(Key.NEXT, Key.NEXT, Key.NEXT, Key.NEXT, Key.NEXT);
        assertTrue(out.startsWith("step 1/5  [client] command docker run -d --name web nginx"), out);
        assertTrue(out.contains("step 2/5  [api] create web — the daemon creates the container\n"
                + "    caused by step 1: client command docker run -d --name web nginx\n"
                + "    $ POST /v1.50/containers/create?name=web\n"
                + "    + /containers/web {\"state\":\"created\"}\n"), out);
        assertTrue(out.contains("    ~ /containers/web/state \"created\" → \"running\"\n"), out);
        assertTrue(out.contains("step 5/5"), out);
    }

    @Test
    void backShowsThePreviousStepAndTheStateAsOfIt() {
        String out = step(Key.NEXT, Key.NEXT, Key.NEXT, Key.NEXT, Key.STATE, Key.BACK, Key.BACK, Key.BACK, Key.STATE, Key.QUIT);
        int running = out.indexOf("\"running\"", out.indexOf("step 5/5"));
        assertTrue(running > 0, out);
        String afterBack = out.substring(out.lastIndexOf("step 2/5"));
        assertTrue(afterBack.contains("\"state\" : \"created\""), afterBack);
    }

    @Test
    void backAtTheFirstStepSaysSo() {
        String out = step(Key.BACK, Key.QUIT);
        assertTrue(out.contains("(this is the first step)"), out);
        assertEquals(2, out.split("step 1/5", -1).length - 1);
    }

    @Test
    void pathsReadAsPathsNotAsJsonPointerEscapes() {
        try (dev.glassbox.Engine e = dev.glassbox.Engine.sim()) {
            e.run("docker pull busybox");
            String id = e.run("docker run -d busybox sleep 300").out().strip();
            StringWriter text = new StringWriter();
            new Stepper(e.lastTrace(), new PrintWriter(text), Style.PLAIN).run(() -> Key.NEXT);
            String out = text.toString();
            assertFalse(out.contains("~1") || out.contains("~0"), out);
            assertTrue(out.contains("+ /host/cgroups/docker/" + id + " "), out);
            assertTrue(out.contains("/merged/proc "), "a mount's path inside the container's mount namespace: " + out);
        }
    }

    @Test
    void quitStopsAtOnce() {
        String out = step(Key.QUIT);
        assertTrue(out.contains("step 1/5") && !out.contains("step 2/5"), out);
    }
}
