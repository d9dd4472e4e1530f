package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/**
 * --pid host, --uts host and --ipc host share that one namespace of the host's; --network host shares the
 * network namespace only: the container keeps a UTS namespace of its own, holding a copy of the host's name.
 */
class NamespaceModesTest {
    /** The host's initial namespaces, with the inode numbers Linux gives them (PROC_PID_INIT_INO and its neighbours). */
    private static String hostNs(Engine e, String type) {
        return switch (type) {
            case "pid" -> "pid:[4026531836]\n";
            case "uts" -> "uts:[4026531838]\n";
            case "ipc" -> "ipc:[4026531839]\n";
            default -> throw new IllegalArgumentException(type);
        };
    }

    @Test
    void pidHostSeesTheHostsProcessesAndTopStillListsTheContainersOwn() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name box busybox sleep 300");
            String ps = ok(e, "docker run --rm --pid host busybox ps").out();
            assertTrue(ps.contains("    1 root      0:00 /sbin/init\n") && ps.contains("/usr/bin/dockerd") && ps.contains(" sleep 300\n"), ps);
            assertEquals("1\n", ok(e, "docker exec box sh -c 'ps -o pid,comm | grep -c sleep'").out(), "box sees its own process only");
            ok(e, "docker run -d --name hp --pid host busybox sleep 300");
            String top = ok(e, "docker top hp").out();
            assertEquals(2, top.lines().count(), "docker top lists the processes of hp's cgroup, not the host's: " + top);
            assertEquals(hostNs(e, "pid"), ok(e, "docker exec hp readlink /proc/self/ns/pid").out());
            assertNotEquals(hostNs(e, "pid"), ok(e, "docker exec box readlink /proc/self/ns/pid").out());
            assertEquals("host||private\n", ok(e, "docker inspect -f '{{.HostConfig.PidMode}}|{{.HostConfig.UTSMode}}|{{.HostConfig.IpcMode}}' hp").out());
            ok(e, "docker stop hp");
            assertEquals("143\n", ok(e, "docker inspect -f '{{.State.ExitCode}}' hp").out(), "sleep is not a PID 1 here: SIGTERM ends it");
        }
    }

    @Test
    void utsAndIpcHostShareThoseNamespacesAndNetworkHostOnlyCopiesTheName() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            assertEquals("glassbox-host\n", ok(e, "docker run --rm --uts host busybox hostname").out());
            assertEquals(hostNs(e, "uts"), ok(e, "docker run --rm --uts host busybox readlink /proc/self/ns/uts").out());
            assertEquals(hostNs(e, "ipc"), ok(e, "docker run --rm --ipc host busybox readlink /proc/self/ns/ipc").out());
            assertNotEquals(hostNs(e, "ipc"), ok(e, "docker run --rm busybox readlink /proc/self/ns/ipc").out());
            assertEquals("glassbox-host\n", ok(e, "docker run --rm --network host busybox hostname").out());
            assertNotEquals(hostNs(e, "uts"), ok(e, "docker run --rm --network host busybox readlink /proc/self/ns/uts").out(),
                    "--network host keeps a UTS namespace of its own");
            assertEquals("lab\n", ok(e, "docker run --rm -h lab --network host busybox hostname").out());
        }
    }

    @Test
    void procfsNamesAProcessByItsPidWithoutLeadingZeros() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name box busybox sleep 300");
            assertEquals("yes\n", ok(e, "docker exec box sh -c 'test -e /proc/1/cmdline && echo yes'").out());
            Result r = e.run("docker exec box cat /proc/01/cmdline /proc/+1/cmdline /proc/kcore2");
            assertEquals("cat: can't open '/proc/01/cmdline': No such file or directory\n"
                    + "cat: can't open '/proc/+1/cmdline': No such file or directory\n"
                    + "cat: can't open '/proc/kcore2': No such file or directory\n", r.err());
        }
    }

    @Test
    void invalidAndUnsupportedModesAreRefused() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            assertEquals("docker: --pid: invalid PID mode\n\nRun 'docker run --help' for more information\n", e.run("docker run --rm --pid bogus busybox true").err());
            assertEquals("docker: --uts: invalid UTS mode\n\nRun 'docker run --help' for more information\n", e.run("docker run --rm --uts private busybox true").err());
            assertEquals("docker: Error response from daemon: invalid IPC mode: bogus\n\nRun 'docker run --help' for more information\n", e.run("docker run --rm --ipc bogus busybox true").err());
            assertEquals("docker: Error response from daemon: conflicting options: hostname and the UTS mode\n\nRun 'docker run --help' for more information\n",
                    e.run("docker run --rm -h lab --uts host busybox true").err());
            assertTrue(e.run("docker run --rm --pid container:x busybox true").err().contains("is not supported yet"));
        }
    }
}
