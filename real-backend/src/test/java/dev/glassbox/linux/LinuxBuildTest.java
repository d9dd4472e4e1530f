package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import org.junit.jupiter.api.Test;

/** docker build with the classic builder on the host's kernel: RUN in a real build container, COPY, CMD, the cache. Needs root. */
class LinuxBuildTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "bld";
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    @Test
    void buildsFromBusyboxWithRunCopyAndCmdThenRunsTheImage() {
        try (Engine e = LinuxEngine.open(host.options, false)) {
            ((MemoryWorkspace) e.workspace()).put("/home/student/app/Dockerfile", "FROM busybox\nWORKDIR /srv\nCOPY note.txt .\n"
                    + "RUN echo built on $(uname -s) > built.txt && cat note.txt\nCMD [\"cat\", \"/srv/note.txt\", \"/srv/built.txt\"]\n")
                    .put("/home/student/app/note.txt", "copied from the context\n");
            Result cold = ok(e, "docker build -t linuxbuilt:1 app");
            assertTrue(cold.out().contains("Step 4/5 : RUN echo built on $(uname -s) > built.txt && cat note.txt\n ---> Running in "), cold.out());
            assertTrue(cold.out().contains("copied from the context\n ---> Removed intermediate container "), cold.out());
            assertTrue(cold.out().endsWith("Successfully tagged linuxbuilt:1\n"), cold.out());
            assertEquals("copied from the context\nbuilt on Linux\n", ok(e, "docker run --rm linuxbuilt:1").out());
            Result cached = ok(e, "docker build -t linuxbuilt:1 app");
            assertEquals(4, cached.out().split(" ---> Using cache\n").length - 1, cached.out());
            assertEquals("", ok(e, "docker ps -aq").out(), "no build container is left");
            ok(e, "docker rmi linuxbuilt:1");
        }
    }
}
