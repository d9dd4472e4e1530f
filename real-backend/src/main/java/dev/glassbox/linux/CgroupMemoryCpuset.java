package dev.glassbox.linux;

import dev.glassbox.kernel.CgroupEvents;
import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.KernelEvent;
import dev.glassbox.kernel.SysError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory, swap and cpuset files of a container's cgroup, written as runc writes them: memory and
 * swap in the order the kernel accepts (v1's memory.memsw.limit_in_bytes may never be below
 * memory.limit_in_bytes), swap as memory+swap on v1 and as the swap alone on v2, and, on v1, each new
 * cpuset cgroup given its parent's cpuset.cpus and cpuset.mems, without which no process may join it.
 */
final class CgroupMemoryCpuset {
    /** One kernel-layer trace event. */
    interface Events {
        void event(KernelEvent e);
    }

    private final CgroupLayout layout;
    private final Events events;

    CgroupMemoryCpuset(CgroupLayout layout, Events events) {
        this.layout = layout;
        this.events = events;
    }

    private boolean v2() {
        return layout.version().equals("v2");
    }

    /** Whether memory plus swap can be limited here: v1 has memory.memsw.* only with swap accounting on; v2 with the memory controller. */
    static boolean swapAccounting(CgroupLayout layout) {
        if (!layout.has("memory")) {
            return false;
        }
        return layout.version().equals("v2") || Files.exists(layout.ownDir("memory").resolve("memory.memsw.limit_in_bytes"));
    }

    // ---------------------------------------------------------------- memory and swap

    /** memory.max / memory.limit_in_bytes and the swap limit; on create a 0 (unlimited) is the default and not written. */
    void memory(String path, CgroupLimits limits, boolean update) throws IOException {
        boolean swap = limits.swapLimited() || (update && swapAccounting(layout));
        if (limits.swapLimited() && !swapAccounting(layout)) {
            throw new SysError(Errno.ENOTSUP, "glassbox: this host's memory cgroup has no swap accounting, so --memory-swap cannot be set");
        }
        if (!swap) {
            writeMemory(path, limits, update);
            return;
        }
        // runc's order: swap first when it is being raised above the current memory limit or lifted
        long current = number(layout.dir("memory", path).resolve(v2() ? "memory.max" : "memory.limit_in_bytes"));
        if (!v2() && (!limits.swapLimited() || current < limits.memorySwapBytes())) {
            writeSwap(path, limits);
            writeMemory(path, limits, update);
        } else {
            writeMemory(path, limits, update);
            writeSwap(path, limits);
        }
    }

    private void writeMemory(String path, CgroupLimits limits, boolean update) throws IOException {
        long mem = limits.memoryBytes();
        if (mem == 0 && !update) {
            return;
        }
        String file = v2() ? "memory.max" : "memory.limit_in_bytes";
        String value = mem > 0 ? Long.toString(mem) : (v2() ? "max" : "-1");
        events.event(CgroupEvents.memoryLimit(path, file, mem, value, hostFile("memory", path, file)));
        write("memory", path, file, value);
    }

    private void writeSwap(String path, CgroupLimits limits) throws IOException {
        String file = v2() ? "memory.swap.max" : "memory.memsw.limit_in_bytes";
        String value = !limits.swapLimited() ? (v2() ? "max" : "-1")
                : Long.toString(v2() ? limits.swapOnlyBytes() : limits.memorySwapBytes());
        events.event(CgroupEvents.swapLimit(path, file, v2(), limits, CgroupEvents.SwapSpace.HOST, value,
                hostFile("memory", path, file)));
        write("memory", path, file, value);
    }

    // ---------------------------------------------------------------- cpuset

    /** cpuset.cpus, where --cpuset-cpus names CPUs; the group otherwise keeps all of its parent's. */
    void cpuset(String path, CgroupLimits limits) throws IOException {
        String cpus = limits.cpusetCpus();
        if (cpus.isEmpty()) {
            return;
        }
        if (!layout.has("cpuset")) {
            throw new SysError(Errno.ENOTSUP, "glassbox: this host has no cpuset cgroup controller, so --cpuset-cpus cannot be set");
        }
        events.event(CgroupEvents.cpusetLimit(path, cpus, hostFile("cpuset", path, "cpuset.cpus")));
        write("cpuset", path, "cpuset.cpus", cpus);
    }

    /**
     * v1: makes the cpuset cgroup {@code path} and any missing parent below the daemon's own cgroup,
     * each with its parent's cpuset.cpus and cpuset.mems copied in (a v1 cpuset cgroup starts empty).
     */
    void makeV1Cpuset(String path) throws IOException {
        Path dir = layout.ownDir("cpuset");
        for (String seg : path.split("/")) {
            Path parent = dir;
            dir = dir.resolve(seg);
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir);
                inherit(parent, dir, "cpuset.cpus");
                inherit(parent, dir, "cpuset.mems");
            }
        }
    }

    private static void inherit(Path parent, Path dir, String file) throws IOException {
        String mine = LinuxCgroups.read(dir.resolve(file)).trim();
        String theirs = LinuxCgroups.read(parent.resolve(file)).trim();
        if (mine.isEmpty() && !theirs.isEmpty()) {
            Files.writeString(dir.resolve(file), theirs, StandardCharsets.US_ASCII);
        }
    }

    // ---------------------------------------------------------------- helpers

    private String hostFile(String controller, String path, String name) {
        return layout.hostDir(controller, path) + "/" + name;
    }

    private void write(String controller, String path, String file, String value) throws IOException {
        Files.writeString(layout.dir(controller, path).resolve(file), value, StandardCharsets.US_ASCII);
    }

    /** A limit file as a number; "max", -1, empty or missing read as unlimited. */
    private static long number(Path file) {
        String s = LinuxCgroups.read(file).trim();
        try {
            long v = Long.parseLong(s);
            return v < 0 ? Long.MAX_VALUE : v;
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
