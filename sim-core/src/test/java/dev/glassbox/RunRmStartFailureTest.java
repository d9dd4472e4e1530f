package dev.glassbox;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** moby removes an AutoRemove container whose start fails, as it would once it exited; without --rm it stays Created. */
class RunRmStartFailureTest {
    @Test
    void aCommandThatCannotStartLeavesNoContainerBehindWithRm() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            Result r = e.run("docker run --rm -v /data busybox nosuchcmd");
            assertEquals(127, r.exitStatus(), r.text());
            assertTrue(r.err().startsWith("docker: Error response from daemon: failed to create task for container:"), r.err());
            assertTrue(r.err().contains("exec: \"nosuchcmd\": executable file not found in $PATH: unknown\n"), r.err());
            assertEquals("", ok(e, "docker ps -aq").out(), "the container is removed");
            assertEquals("", ok(e, "docker volume ls -q").out(), "and its anonymous volume with it");
        }
    }

    @Test
    void withoutRmTheContainerStaysCreatedWithItsExitCode() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            assertEquals(127, e.run("docker run --name keep busybox nosuchcmd").exitStatus());
            assertEquals("created 127\n", ok(e, "docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' keep").out());
        }
    }

    @Test
    void aPortAlreadyAllocatedAlsoRemovesTheRmContainer() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web -p 8080:80 nginx");
            Result r = e.run("docker run --rm -d -p 8080:80 nginx");
            assertTrue(r.exitStatus() != 0, r.text());
            assertTrue(r.err().contains("port is already allocated"), r.err());
            assertEquals("web\n", ok(e, "docker ps -a --format '{{.Names}}'").out());
        }
    }

    @Test
    void anUnknownUserAlsoRemovesTheRmContainer() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            Result r = e.run("docker run --rm -u nosuchuser busybox true");
            assertTrue(r.exitStatus() != 0, r.text());
            assertEquals("", ok(e, "docker ps -aq").out(), r.err());
        }
    }
}
