package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/** On the Linux kernel too, a --rm container whose command cannot start is removed, as moby removes it. */
class LinuxRunRmStartFailureTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "rmf";
    }

    @Test
    void aCommandThatCannotStartLeavesNoContainerBehindWithRm() {
        try (Engine e = LinuxEngine.open(host.options)) {
            assertEquals(0, e.run("docker pull -q busybox").exitStatus());
            Result r = e.run("docker run --rm -v /data busybox nosuchcmd");
            assertEquals(127, r.exitStatus(), r.text());
            assertTrue(r.err().contains("exec: \"nosuchcmd\": executable file not found in $PATH: unknown\n"), r.err());
            assertEquals("", e.run("docker ps -aq").out(), "the container is removed");
            assertEquals("", e.run("docker volume ls -q").out(), "and its anonymous volume with it");
            assertEquals(127, e.run("docker run --name keep busybox nosuchcmd").exitStatus());
            assertEquals("created 127\n", e.run("docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' keep").out(), "without --rm it stays");
            assertEquals(0, e.run("docker rm keep").exitStatus());
        }
    }
}
