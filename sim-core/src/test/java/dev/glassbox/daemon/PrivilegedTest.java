package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.fails;
import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/** What --privileged gives a container besides every capability: the host's devices, an unmasked /proc and a writable /sys. */
class PrivilegedTest {
    @Test
    void onlyAPrivilegedContainerGetsTheHostsDeviceNodes() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q busybox");
            assertEquals("full\nmqueue\nnull\npts\nrandom\nshm\ntty\nurandom\nzero\n",
                    ok(e, "docker run --rm busybox sh -c 'ls /dev | grep -v std | grep -v fd'").out());
            fails(e, "docker run --rm busybox ls /dev/loop0", 1, "ls: /dev/loop0: No such file or directory\n");
            String devices = ok(e, "docker run --rm --privileged busybox ls -l /dev/loop0 /dev/vda /dev/tty0 /dev/net/tun").out();
            assertEquals(4, devices.lines().count(), devices);
            assertTrue(devices.contains("brw-rw----    1 root     disk") && devices.contains(" /dev/vda\n"), devices);
            assertTrue(devices.contains("crw--w----    1 root     tty") && devices.contains(" /dev/tty0\n"), devices);
            assertTrue(devices.contains("crw-rw-rw-    1 root     root") && devices.contains(" /dev/net/tun\n"), devices);
            fails(e, "docker run --rm --privileged busybox ls /dev/console", 1, "ls: /dev/console: No such file or directory\n");
            ok(e, "docker run -d --name plain busybox sleep 1000");
            fails(e, "docker exec --privileged plain ls /dev/vda", 1, "ls: /dev/vda: No such file or directory\n");
            assertEquals("true\n", ok(e, "docker run --name priv --privileged busybox true && docker inspect -f '{{.HostConfig.Privileged}}' priv").out());
        }
    }

    @Test
    void maskedAndReadOnlyProcPathsAreLeftOpenOnlyWhenPrivileged() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q busybox");
            assertEquals("", ok(e, "docker run --rm busybox cat /proc/sched_debug").out(), "covered by /dev/null");
            String sched = ok(e, "docker run --rm --privileged busybox cat /proc/sched_debug").out();
            assertTrue(sched.contains(" dockerd   530\n") && sched.contains(" containerd   512\n"), "the host's processes show: " + sched);
            fails(e, "docker run --rm busybox sh -c 'echo renamed > /proc/sys/kernel/hostname'", 1,
                    "sh: can't create /proc/sys/kernel/hostname: Read-only file system\n");
            assertEquals("renamed\n", ok(e, "docker run --rm --privileged busybox sh -c 'echo renamed > /proc/sys/kernel/hostname && hostname'").out());
            fails(e, "docker run --rm --cap-add SYS_ADMIN busybox sh -c 'echo renamed > /proc/sys/kernel/hostname'", 1,
                    "sh: can't create /proc/sys/kernel/hostname: Read-only file system\n");
            String mounts = ok(e, "docker run --rm busybox cat /proc/mounts").out();
            assertTrue(mounts.contains("proc /proc/sys proc ro,nosuid,nodev,noexec,relatime 0 0\n")
                    || mounts.contains("proc on /proc/sys type proc (ro,"), mounts);
            assertTrue(mounts.contains("/proc/sched_debug") && mounts.contains("/sys/firmware"), mounts);
            String privileged = ok(e, "docker run --rm --privileged busybox cat /proc/mounts").out();
            assertFalse(privileged.contains("/proc/sys") || privileged.contains("/proc/sched_debug") || privileged.contains("/sys/firmware"), privileged);
        }
    }

    @Test
    void sysIsWritableOnlyWhenPrivilegedAndStillRefusesNewFiles() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q busybox");
            assertTrue(ok(e, "docker run --rm busybox mount").out().contains("sysfs on /sys type sysfs (ro,nosuid,nodev,noexec,relatime)\n"));
            String mounts = ok(e, "docker run --rm --privileged busybox mount").out();
            assertTrue(mounts.contains("sysfs on /sys type sysfs (rw,nosuid,nodev,noexec,relatime)\n"), mounts);
            assertTrue(mounts.contains("cgroup2 on /sys/fs/cgroup type cgroup2 (rw,"), mounts);
            fails(e, "docker run --rm busybox touch /sys/x", 1, "touch: /sys/x: Read-only file system\n");
            fails(e, "docker run --rm --privileged busybox touch /sys/x", 1, "touch: /sys/x: Permission denied\n");
            assertEquals("", ok(e, "docker run --rm busybox ls /sys/firmware").out());
            assertEquals("acpi\ndmi\nmemmap\n", ok(e, "docker run --rm --privileged busybox ls /sys/firmware").out());
        }
    }
}
