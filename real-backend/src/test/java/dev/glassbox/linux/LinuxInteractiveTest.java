package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.api.Api;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.HostConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docker run -it and docker exec -it through the daemon on the host's kernel, as the Engine API
 * server and the REPL drive them: create with OpenStdin and Tty, attach with stdin, start, type,
 * read the terminal, detach. Needs root.
 */
class LinuxInteractiveTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "tty";
    }

    /** What the terminal shows until {@code text} appears (bounded by a count of waits, not a timed assertion). */
    private static String until(Engine e, Api.Attachment a, String text, StringBuilder seen) {
        for (int i = 0; i < 500 && !seen.toString().contains(text); i++) {
            e.advance(20);
            a.drain().forEach(l -> seen.append(l.text()));
            if (!seen.toString().contains(text)) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        assertTrue(seen.toString().contains(text), "waited for " + text + "; the terminal showed: " + seen);
        return seen.toString();
    }

    private static byte[] keys(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aShellOnTheContainersTerminalAnswersDetachesAndExecGetsOneToo() {
        try (Engine e = LinuxEngine.open(host.options, false)) {
            e.run("docker pull busybox");
            ContainerConfig config = new ContainerConfig("busybox", List.of("sh"), null, null, null, null, null, null, null, true, true,
                    null, null, true);
            String id = e.api().create("glassbox-it", config, HostConfig.defaults()).id();
            Api.Attachment a = e.api().attach(id, new Api.AttachOptions(true, true, true, false, ""));
            e.api().start(id);
            StringBuilder seen = new StringBuilder();
            until(e, a, "# ", seen);
            a.write(keys("echo hi-$((40+2))\r"));
            until(e, a, "hi-42", seen);
            a.write(keys("tty\r"));
            until(e, a, "/dev/pts/", seen);
            a.write(new byte[] {0x10, 0x11}); // Ctrl-P Ctrl-Q
            for (int i = 0; i < 50 && !a.detached(); i++) {
                e.advance(20);
            }
            assertTrue(a.detached(), "the detach keys end the attachment");
            a.close();
            assertEquals("running", e.run("docker inspect -f '{{.State.Status}}' glassbox-it").out().strip(), "it runs on after the detach");

            String exec = e.api().execCreate(id, new Api.ExecConfig(List.of("sh"), null, null, null, true, true));
            Api.Attachment x = e.api().execAttach(exec);
            StringBuilder shown = new StringBuilder();
            until(e, x, "# ", shown);
            x.write(keys("exit 5\r"));
            for (int i = 0; i < 500 && e.api().execInspect(exec).running(); i++) {
                e.advance(20);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            assertEquals(5, e.api().execInspect(exec).exitCode());
            x.close();

            Api.Attachment again = e.api().attach(id, new Api.AttachOptions(true, true, true, false, ""));
            again.write(keys("exit 3\r"));
            long deadline = System.nanoTime() + 20_000_000_000L; // the shell's exit is the host's to schedule: patient under load
            while (System.nanoTime() < deadline && e.run("docker inspect -f '{{.State.Running}}' glassbox-it").out().strip().equals("true")) {
                e.advance(20);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            assertEquals("3", e.run("docker inspect -f '{{.State.ExitCode}}' glassbox-it").out().strip());
            again.close();
            assertEquals(0, e.run("docker rm glassbox-it").exitStatus());
        }
    }
}
