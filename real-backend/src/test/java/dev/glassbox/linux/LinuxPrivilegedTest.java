package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What --privileged changes on the host's kernel besides the capabilities: the host's device nodes in
 * the container's /dev, /proc without masks or read-only parts, and a writable /sys. The host's own
 * /dev is only read.
 */
class LinuxPrivilegedTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "priv";
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    @Test
    void privilegedGetsTheHostsDevicesAndAnUnmaskedProcAndSys() throws Exception {
        Path loop = Path.of("/dev/loop0");
        assumeTrue(Files.exists(loop), "the host has no /dev/loop0");
        // the container's /dev/ptmx stays runc's link to its own devpts
        long hostDevices = HostDevices.list(Path.of("/dev")).stream().filter(d -> !d.path().equals("/dev/ptmx")).count();
        try (Engine e = LinuxEngine.open(host.options)) {
            ok(e, "docker pull -q busybox");
            Result plain = e.run("docker run --rm busybox ls -l /dev/loop0");
            assertEquals("ls: /dev/loop0: No such file or directory\n", plain.err());
            assertEquals(1, plain.exitStatus());
            String line = ok(e, "docker run --rm --privileged busybox ls -l /dev/loop0").out();
            assertTrue(line.startsWith("b") && line.contains(" 7,   0 ") && line.endsWith(" /dev/loop0\n"), line);
            long inside = Long.parseLong(ok(e, "docker run --rm --privileged busybox sh -c "
                    + "'find /dev -path /dev/pts -prune -o -path /dev/shm -prune -o -path /dev/mqueue -prune -o \\( -type c -o -type b \\) -print | wc -l'")
                    .out().strip());
            assertTrue(inside >= hostDevices, inside + " device nodes inside for " + hostDevices + " on the host");

            assertEquals("0\n", ok(e, "docker run --rm busybox sh -c 'cat /proc/timer_list | wc -c'").out(), "masked by /dev/null");
            assertTrue(Long.parseLong(ok(e, "docker run --rm --privileged busybox sh -c 'cat /proc/timer_list | wc -c'").out().strip()) > 0);
            Result sysctl = e.run("docker run --rm busybox sh -c 'echo glassbox-x > /proc/sys/kernel/hostname'");
            assertEquals("sh: can't create /proc/sys/kernel/hostname: Read-only file system\n", sysctl.err());
            assertEquals(1, sysctl.exitStatus());
            assertEquals("glassbox-x\n", ok(e, "docker run --rm --privileged busybox sh -c 'echo glassbox-x > /proc/sys/kernel/hostname && hostname'").out(),
                    "the write reaches the container's own UTS namespace");
            assertTrue(ok(e, "docker run --rm busybox grep ' /proc/sys ' /proc/mounts").out().contains(" ro,"));
            assertEquals("", e.run("docker run --rm --privileged busybox grep ' /proc/sys ' /proc/mounts").out(), "no read-only bind");

            assertTrue(ok(e, "docker run --rm busybox grep ' /sys ' /proc/mounts").out().contains(" sysfs ro,"));
            assertTrue(ok(e, "docker run --rm --privileged busybox grep ' /sys ' /proc/mounts").out().contains(" sysfs rw,"));
            String firmware = ok(e, "docker run --rm busybox ls /sys/firmware").out();
            assertEquals("", firmware, "an empty tmpfs covers /sys/firmware");
            if (Files.list(Path.of("/sys/firmware")).findAny().isPresent()) {
                assertFalse(ok(e, "docker run --rm --privileged busybox ls /sys/firmware").out().isEmpty());
            }
            assertEquals(1, e.run("docker run --rm busybox sh -c 'echo 1 > /sys/kernel/profiling'").exitStatus());
            assertTrue(Files.exists(loop), "the host's /dev is left as it was");
        }
    }
}
