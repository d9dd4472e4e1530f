package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.trace.TraceEvent;
import org.junit.jupiter.api.Test;

/** dockerd --userns-remap=default on the sim kernel: a user namespace per container, with Docker's maps and store. */
class UsernsRemapTest {
    private static Engine remapped() {
        return Engine.sim(DaemonOptions.usernsRemap("default"));
    }

    @Test
    void aRemappedContainersRootIs100000OnTheHost() {
        try (Engine e = remapped()) {
            assertEquals("         0     100000      65536\n", ok(e, "docker run --rm busybox cat /proc/self/uid_map").out());
            assertEquals("         0     100000      65536\n", ok(e, "docker run --rm busybox cat /proc/self/gid_map").out());
            assertTrue(ok(e, "docker run --rm busybox id").out().startsWith("uid=0(root) gid=0(root)"));
            assertTrue(ok(e, "docker run --rm busybox ls -ln /bin/busybox").out().contains(" 0        0 "),
                    "the image's files, shifted on disk, are root's inside");
        }
    }

    @Test
    void withoutRemapTheMapIsTheIdentity() {
        try (Engine e = Engine.sim()) {
            assertEquals("         0          0 4294967295\n", ok(e, "docker run --rm busybox cat /proc/self/uid_map").out());
            String id = ok(e, "docker create busybox").out().strip();
            assertEquals("\n", ok(e, "docker inspect -f '{{.HostConfig.UsernsMode}}' " + id).out());
            assertFalse(ok(e, "docker info").out().contains("userns"));
            assertEquals("/var/lib/docker\n", ok(e, "docker info -f '{{.DockerRootDir}}'").out());
        }
    }

    @Test
    void filesRootMakesInAVolumeBelongTo100000OnTheHost() {
        try (Engine e = remapped()) {
            ok(e, "docker volume create data");
            ok(e, "docker run --rm -v data:/vol busybox touch /vol/f");
            assertTrue(ok(e, "docker run --rm -v data:/vol busybox ls -ln /vol/f").out().contains(" 0        0 "), "root's own inside");
            String host = ok(e, "docker run --rm --userns=host -v data:/vol busybox ls -ln /vol/f").out();
            assertTrue(host.contains(" 100000   100000 "), "seen from the host's user namespace: " + host);
            assertEquals("/var/lib/docker/100000.100000/volumes/data/_data\n",
                    ok(e, "docker volume inspect -f '{{.Mountpoint}}' data").out());
        }
    }

    @Test
    void rootInARemappedContainerCannotWriteAHostRootFile() {
        try (Engine e = remapped()) {
            ok(e, "docker run --name prep --userns=host -v /srv:/srv busybox sh -c 'echo host > /srv/f; chmod 644 /srv/f'");
            Result denied = e.run("docker run --rm -v /srv:/srv busybox sh -c 'echo evil > /srv/f'");
            assertTrue(denied.exitStatus() != 0, denied.text());
            assertTrue(denied.err().contains("Permission denied"), denied.err());
            assertTrue(ok(e, "docker run --rm -v /srv:/srv busybox ls -ln /srv/f").out().contains(" 65534    65534 "),
                    "an owner the map does not cover shows as the overflow id");
            assertEquals("evil\n", ok(e, "docker run --rm --userns=host -v /srv:/srv busybox sh -c 'echo evil > /srv/f; cat /srv/f'").out(),
                    "with --userns=host root is the host's root again");
        }
    }

    @Test
    void userNamespaceOptOutAndTheDaemonsFacts() {
        try (Engine e = remapped()) {
            assertEquals("         0          0 4294967295\n", ok(e, "docker run --rm --userns=host busybox cat /proc/self/uid_map").out());
            String id = ok(e, "docker create --userns=host busybox").out().strip();
            assertEquals("host\n", ok(e, "docker inspect -f '{{.HostConfig.UsernsMode}}' " + id).out());
            String info = ok(e, "docker info").out();
            assertTrue(info.contains(" Security Options:\n  userns\n"), info);
            assertTrue(info.contains(" Docker Root Dir: /var/lib/docker/100000.100000\n"), info);
            assertEquals("[name=userns]\n", ok(e, "docker info -f '{{.SecurityOptions}}'").out());
            Result bad = e.run("docker run --rm --userns=private busybox true");
            assertTrue(bad.err().contains("--userns: invalid USER mode"), bad.err());
        }
    }

    @Test
    void theTraceShowsTheNewUserNamespaceAndItsMaps() {
        try (Engine e = remapped()) {
            ok(e, "docker run --rm busybox true");
            var events = e.lastTrace().events();
            TraceEvent clone = events.stream().filter(ev -> ev.action().equals("clone")).findFirst().orElseThrow();
            assertTrue(clone.equivalent().contains("CLONE_NEWUSER"), clone.equivalent());
            assertTrue(events.stream().anyMatch(ev -> ev.action().equals("new user namespace")));
            TraceEvent map = events.stream().filter(ev -> ev.action().equals("write uid_map")).findFirst().orElseThrow();
            assertTrue(map.equivalent().matches("echo '0 100000 65536' > /proc/\\d+/uid_map"), map.equivalent());
            assertTrue(events.stream().anyMatch(ev -> ev.action().equals("write gid_map")));
        }
        try (Engine e = remapped()) {
            ok(e, "docker pull busybox");
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.action().equals("remap owners")));
        }
    }

    @Test
    void onlyTheDefaultRemapIsSupported() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> DaemonOptions.usernsRemap("alice"));
        assertFalse(x.getMessage().contains("\n"));
        assertTrue(x.getMessage().startsWith("--userns-remap=alice: "), x.getMessage());
    }

    @Test
    void aCommittedLayerHoldsTheContainersOwnIds() {
        try (Engine e = remapped()) {
            ok(e, "docker run --name w1 busybox touch /made");
            ok(e, "docker commit w1 snap");
            assertTrue(ok(e, "docker run --rm snap ls -ln /made").out().contains(" 0        0 "));
        }
    }
}
