package dev.glassbox.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fake host tree under a temporary directory: /proc/self/{mounts,cgroup} and /sys/fs/cgroup. */
final class FakeHost {
    final Path root;

    FakeHost(Path root) {
        this.root = root;
    }

    FakeHost file(String absolute, String content) {
        try {
            Path p = CgroupLayout.resolve(root, absolute);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeHost dir(String absolute) {
        try {
            Files.createDirectories(CgroupLayout.resolve(root, absolute));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path(String absolute) {
        return CgroupLayout.resolve(root, absolute);
    }

    String read(String absolute) {
        try {
            return Files.readString(path(absolute));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This machine's shape: v1 controllers, one per mount, plus an (empty) v2 tree at /sys/fs/cgroup/unified. */
    static FakeHost hybrid(Path root) {
        FakeHost h = new FakeHost(root);
        h.file("/proc/self/mounts", """
                proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
                tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
                cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0
                cgroup /sys/fs/cgroup/cpuacct cgroup rw,relatime,cpuacct 0 0
                cgroup /sys/fs/cgroup/cpuset cgroup rw,relatime,cpuset 0 0
                cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
                cgroup /sys/fs/cgroup/devices cgroup rw,relatime,devices 0 0
                cgroup /sys/fs/cgroup/freezer cgroup rw,relatime,freezer 0 0
                cgroup /sys/fs/cgroup/blkio cgroup rw,relatime,blkio 0 0
                cgroup /sys/fs/cgroup/pids cgroup rw,relatime,pids 0 0
                cgroup /sys/fs/cgroup/systemd cgroup rw,relatime,name=systemd 0 0
                cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
                """);
        h.file("/proc/self/cgroup", """
                9:name=systemd:/
                8:pids:/
                7:blkio:/
                6:freezer:/
                5:devices:/
                4:memory:/process_api/abc123
                3:cpuset:/
                2:cpuacct:/
                1:cpu:/
                0::/
                """);
        for (String c : new String[] {"cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids", "systemd"}) {
            h.dir("/sys/fs/cgroup/" + c);
        }
        h.dir("/sys/fs/cgroup/memory/process_api/abc123");
        h.file("/sys/fs/cgroup/unified/cgroup.controllers", "\n");
        h.file("/sys/fs/cgroup/unified/cgroup.subtree_control", "\n");
        return h;
    }

    /** A systemd host on pure cgroup v2, the daemon in its own service cgroup. */
    static FakeHost v2(Path root) {
        FakeHost h = new FakeHost(root);
        h.file("/proc/self/mounts", """
                sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
                cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0
                """);
        h.file("/proc/self/cgroup", "0::/system.slice/glassbox.service\n");
        h.file("/sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc\n");
        h.file("/sys/fs/cgroup/cgroup.subtree_control", "cpu memory pids\n");
        h.file("/sys/fs/cgroup/system.slice/glassbox.service/cgroup.controllers", "cpuset cpu io memory pids\n");
        h.file("/sys/fs/cgroup/system.slice/glassbox.service/cgroup.subtree_control", "\n");
        return h;
    }
}
