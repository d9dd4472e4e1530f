package dev.glassbox.linux;

import dev.glassbox.kernel.CgroupEvents;
import dev.glassbox.kernel.CgroupFeature;
import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.CgroupStats;
import dev.glassbox.kernel.Cgroups;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.KernelEvent;
import dev.glassbox.kernel.SysError;
import dev.glassbox.trace.Tracer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The host's control groups, v1 or v2 as {@link CgroupLayout} found them. Paths are relative to the
 * daemon's own cgroup and must start with a segment named {@code glassbox…}: nothing else on the
 * host is ever touched. Every operation records the same kernel-layer events, in the same order, as
 * the sim kernel's cgroups, with the command a shell user would type for it.
 */
public final class LinuxCgroups implements Cgroups {
    /** v1 memory.limit_in_bytes at or above this (PAGE_COUNTER_MAX, page-rounded) means unlimited. */
    private static final long V1_UNLIMITED = 1L << 62;

    private final CgroupLayout layout;
    private final Tracer tracer;
    private final V2Delegation delegation;
    private final CgroupMemoryCpuset memoryCpuset;
    private volatile SelfJoin selfJoin;

    /**
     * A process that can move itself into a cgroup: the container's held init (see
     * {@link LinuxProcesses#join}), which on v1 avoids the global lock a write of its pid takes.
     */
    interface SelfJoin {
        /** True when {@code pid} is a held init that can move itself. */
        boolean canJoin(int pid);

        /** Has {@code pid} move itself into these cgroup.procs files' cgroups; false if it could not. */
        boolean join(int pid, List<Path> procsFiles);

        /** {@code pid} is in these cgroup.procs files' cgroups now, whoever moved it there. */
        void joined(int pid, List<Path> procsFiles);
    }

    public LinuxCgroups(CgroupLayout layout, Tracer tracer) {
        this.layout = layout;
        this.tracer = tracer;
        this.delegation = new V2Delegation(layout);
        this.memoryCpuset = new CgroupMemoryCpuset(layout, this::event);
    }

    void selfJoin(SelfJoin s) {
        this.selfJoin = s;
    }

    /** The host's cgroups. */
    public static LinuxCgroups host(Tracer tracer) {
        return new LinuxCgroups(CgroupLayout.detect(), tracer);
    }

    public CgroupLayout layout() {
        return layout;
    }

    @Override
    public String version() {
        return layout.version();
    }

    /** cpuset where its controller is mounted (and delegated, on v2); swap limits where the memory cgroup accounts swap. */
    @Override
    public Set<CgroupFeature> features() {
        Set<CgroupFeature> out = EnumSet.noneOf(CgroupFeature.class);
        if (layout.has("cpuset")) {
            out.add(CgroupFeature.CPUSET);
        }
        if (CgroupMemoryCpuset.swapAccounting(layout)) {
            out.add(CgroupFeature.SWAP_LIMIT);
        }
        return out;
    }

    private boolean v2() {
        return layout.version().equals("v2");
    }

    /** Refuses any path that is not {@code glassbox…[/…]}, with no empty, "." or ".." segment. */
    static String check(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("glassbox: a cgroup path is required");
        }
        String[] segs = path.split("/", -1);
        if (!segs[0].startsWith("glassbox")) {
            throw new IllegalArgumentException("glassbox: refusing cgroup path '" + path
                    + "': only paths whose first segment starts with 'glassbox' are managed");
        }
        for (String s : segs) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw new IllegalArgumentException("glassbox: refusing cgroup path '" + path + "': bad segment '" + s + "'");
            }
        }
        return path;
    }

    private void event(KernelEvent e) {
        e.note(tracer);
    }

    /** The distinct controller directories of a cgroup, by one controller naming each. */
    private Map<String, Path> dirs(String path) {
        Map<String, Path> out = new LinkedHashMap<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (String c : layout.controllers()) {
            Path d = layout.dir(c, path);
            if (seen.add(d)) {
                out.put(c, d);
            }
        }
        return out;
    }

    private String hostFile(String controller, String path, String name) {
        return layout.hostDir(controller, path) + "/" + name;
    }

    // ---------------------------------------------------------------- create / update

    @Override
    public void create(String path, CgroupLimits limits) {
        check(path);
        Map<String, Path> dirs = dirs(path);
        for (Path d : dirs.values()) {
            if (Files.exists(d)) {
                throw new SysError(Errno.EEXIST, "glassbox: cgroup " + path + " already exists: " + d);
            }
        }
        String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        List<String> enable = v2() ? delegation.writes(parent) : List.of();
        StringBuilder eq = new StringBuilder();
        for (String w : enable) {
            eq.append(w).append(" && ");
        }
        eq.append("mkdir -p ").append(String.join(" ", layout.hostDirs(path)));
        event(CgroupEvents.created(path, eq.toString()));
        List<Path> made = new ArrayList<>();
        try {
            for (Map.Entry<String, Path> e : dirs.entrySet()) {
                Path d = e.getValue();
                if (!v2() && e.getKey().equals("cpuset")) {
                    memoryCpuset.makeV1Cpuset(path);
                    made.add(d);
                    continue;
                }
                Files.createDirectories(d.getParent());
                if (v2()) {
                    delegation.enable(parent);
                }
                Files.createDirectory(d);
                made.add(d);
            }
            writeLimits(path, limits, false);
        } catch (IOException | RuntimeException e) {
            for (int i = made.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(made.get(i));
                } catch (IOException ignored) {
                    // best effort: a half-made cgroup is reported by the original error
                }
            }
            if (e instanceof FileAlreadyExistsException) {
                throw new SysError(Errno.EEXIST, "glassbox: cgroup " + path + " already exists");
            }
            throw e instanceof RuntimeException r ? r : fail("create cgroup " + path, (IOException) e);
        }
    }

    @Override
    public void update(String path, CgroupLimits limits) {
        check(path);
        requireExists(path);
        try {
            writeLimits(path, limits, true);
        } catch (IOException e) {
            throw fail("update cgroup " + path, e);
        }
    }

    /** Writes the limits; on create a 0 (unlimited) is the kernel's default and is not written. */
    private void writeLimits(String path, CgroupLimits limits, boolean update) throws IOException {
        boolean v2 = v2();
        if (limits.memoryBytes() > 0 || limits.swapLimited() || update) {
            if (!layout.has("memory")) {
                throw new SysError(Errno.ENOENT, "glassbox: the cgroup controller memory is not available, so its limit cannot be set");
            }
            memoryCpuset.memory(path, limits, update);
        }
        long pids = limits.pidsMax();
        if (pids > 0 || update) {
            String value = pids > 0 ? Long.toString(pids) : "max";
            event(CgroupEvents.pidsLimit(path, pids, hostFile("pids", path, "pids.max")));
            write("pids", path, "pids.max", value);
        }
        writeCpuShares(path, limits, update);
        long quota = limits.cpuQuotaMicros();
        long period = limits.cpuPeriodMicros();
        if (quota > 0 || update) {
            String file = v2 ? "cpu.max" : "cpu.cfs_quota_us";
            if (v2) {
                String value = (quota > 0 ? Long.toString(quota) : "max") + " " + period;
                event(CgroupEvents.cpuLimit(path, file, quota, period, "echo \"" + value + "\" > " + hostFile("cpu", path, "cpu.max")));
                write("cpu", path, "cpu.max", value);
            } else {
                String q = quota > 0 ? Long.toString(quota) : "-1";
                event(CgroupEvents.cpuLimit(path, file, quota, period, "echo " + period + " > " + hostFile("cpu", path, "cpu.cfs_period_us")
                        + " && echo " + q + " > " + hostFile("cpu", path, "cpu.cfs_quota_us")));
                write("cpu", path, "cpu.cfs_period_us", Long.toString(period));
                write("cpu", path, "cpu.cfs_quota_us", q);
            }
        }
        memoryCpuset.cpuset(path, limits);
    }

    /** -c (relative CPU weight): cpu.weight or cpu.shares. */
    private void writeCpuShares(String path, CgroupLimits limits, boolean update) throws IOException {
        if (limits.cpuShares() == 0 && !update) {
            return;
        }
        boolean v2 = v2();
        String file = v2 ? "cpu.weight" : "cpu.shares";
        String value = String.valueOf(v2 ? limits.cpuWeight() : limits.cpuShares() == 0 ? 1024 : limits.cpuShares());
        event(CgroupEvents.cpuWeight(path, file, value, v2 ? 100 : 1024, hostFile("cpu", path, file)));
        write("cpu", path, file, value);
    }

    private void write(String controller, String path, String file, String value) throws IOException {
        if (!layout.has(controller)) {
            throw new SysError(Errno.ENOENT, "glassbox: the cgroup controller " + controller + " is not available, so "
                    + file + " cannot be set");
        }
        Files.writeString(layout.dir(controller, path).resolve(file), value, StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- attach

    @Override
    public void attach(String path, int pid) {
        check(path);
        if (pid <= 0) {
            throw new IllegalArgumentException("glassbox: bad pid " + pid);
        }
        requireExists(path);
        Map<String, Path> dirs = dirs(path);
        SelfJoin self = selfJoin;
        boolean itself = !v2() && self != null && self.canJoin(pid);
        List<String> eq = new ArrayList<>();
        for (String c : dirs.keySet()) {
            eq.add(itself ? "echo 0 > " + hostFile(c, path, "tasks") : "echo " + pid + " > " + hostFile(c, path, "cgroup.procs"));
        }
        String command = String.join(" && ", eq);
        event(itself ? CgroupEvents.attachItself(path, pid, command) : CgroupEvents.attach(path, pid, command));
        List<Path> procs = dirs.values().stream().map(d -> d.resolve("cgroup.procs")).toList();
        if (!(itself && self.join(pid, procs))) {
            for (Path f : procs) {
                try {
                    Files.writeString(f, Integer.toString(pid));
                } catch (IOException e) {
                    throw fail("attach process " + pid + " to cgroup " + path, e);
                }
            }
        }
        if (self != null) {
            self.joined(pid, procs);
        }
    }

    // ---------------------------------------------------------------- stats

    @Override
    public CgroupStats stats(String path) {
        check(path);
        requireExists(path);
        if (v2()) {
            long mem = number("memory", path, "memory.current");
            long memMax = number("memory", path, "memory.max");
            long pids = number("pids", path, "pids.current");
            long pidsMax = number("pids", path, "pids.max");
            long cpu = keyed("cpu", path, "cpu.stat", "usage_usec");
            long oom = keyed("memory", path, "memory.events", "oom_kill");
            return new CgroupStats(mem, memMax, pids, pidsMax, cpu, oom);
        }
        long mem = number("memory", path, "memory.usage_in_bytes");
        long memMax = number("memory", path, "memory.limit_in_bytes");
        if (memMax >= V1_UNLIMITED) {
            memMax = 0;
        }
        long pids = number("pids", path, "pids.current");
        long pidsMax = number("pids", path, "pids.max");
        long cpuNanos = number("cpuacct", path, "cpuacct.usage");
        long oom = keyed("memory", path, "memory.oom_control", "oom_kill");
        return new CgroupStats(mem, memMax, pids, pidsMax, cpuNanos / 1000, oom);
    }

    /** A one-number file; "max", -1, a missing file or controller read as 0 (unlimited / unknown). */
    private long number(String controller, String path, String file) {
        if (!layout.has(controller)) {
            return 0;
        }
        String s = read(layout.dir(controller, path).resolve(file)).trim();
        if (s.isEmpty() || s.equals("max")) {
            return 0;
        }
        try {
            long v = Long.parseLong(s.split("\\s+")[0]);
            return Math.max(v, 0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A "key value" line of a flat-keyed file such as cpu.stat or memory.events. */
    private long keyed(String controller, String path, String file, String key) {
        if (!layout.has(controller)) {
            return 0;
        }
        return keyed(read(layout.dir(controller, path).resolve(file)), key);
    }

    static long keyed(String content, String key) {
        for (String line : content.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[0].equals(key)) {
                try {
                    return Long.parseLong(f[1]);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------- freeze

    @Override
    public void freeze(String path, boolean frozen) {
        check(path);
        requireExists(path);
        try {
            if (v2()) {
                String v = frozen ? "1" : "0";
                event(CgroupEvents.freeze(path, frozen, v, hostFile("freezer", path, "cgroup.freeze")));
                Files.writeString(layout.dir("freezer", path).resolve("cgroup.freeze"), v);
            } else {
                if (!layout.has("freezer")) {
                    throw new SysError(Errno.ENOENT, "glassbox: the cgroup v1 freezer controller is not mounted, so pause is unavailable");
                }
                String v = frozen ? "FROZEN" : "THAWED";
                event(CgroupEvents.freeze(path, frozen, v, hostFile("freezer", path, "freezer.state")));
                Path state = layout.dir("freezer", path).resolve("freezer.state");
                Files.writeString(state, v);
                // v1 freezing is asynchronous: FREEZING until every task has stopped
                for (int i = 0; i < 100 && frozen && !read(state).trim().equals("FROZEN"); i++) {
                    Thread.sleep(10);
                }
            }
        } catch (IOException e) {
            throw fail((frozen ? "freeze" : "thaw") + " cgroup " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SysError(Errno.EINTR, "glassbox: interrupted while freezing cgroup " + path);
        }
    }

    // ---------------------------------------------------------------- remove

    @Override
    public void remove(String path) {
        check(path);
        requireExists(path);
        event(CgroupEvents.removed(path, String.join(" ", layout.hostDirs(path))));
        for (Path d : dirs(path).values()) {
            try {
                Files.deleteIfExists(d);
            } catch (IOException e) {
                throw removeError(path, d, e);
            }
        }
    }

    /** Maps rmdir's failures to clear errors: EBUSY (processes left), ENOTEMPTY (child cgroups or not a cgroupfs). */
    static SysError removeError(String path, Path dir, IOException e) {
        if (e instanceof FileSystemException fse && busy(fse)) {
            return new SysError(Errno.EBUSY, "glassbox: cannot remove cgroup " + path + " (" + dir
                    + "): it still has processes; stop or move them first (see its cgroup.procs)");
        }
        if (e instanceof DirectoryNotEmptyException) {
            boolean children;
            try (Stream<Path> s = Files.list(dir)) {
                children = s.anyMatch(Files::isDirectory);
            } catch (IOException io) {
                children = false;
            }
            return new SysError(Errno.ENOTEMPTY, "glassbox: cannot remove cgroup " + path + " (" + dir + "): "
                    + (children ? "it has child cgroups; remove them first" : "the directory is not empty (not a cgroup filesystem?)"));
        }
        return fail("remove cgroup " + path, e);
    }

    // ---------------------------------------------------------------- helpers

    private void requireExists(String path) {
        for (Path d : dirs(path).values()) {
            if (!Files.isDirectory(d)) {
                throw new SysError(Errno.ENOENT, "glassbox: no such cgroup " + path + " (" + d + ")");
            }
        }
    }

    static boolean busy(FileSystemException e) {
        String r = e.getReason();
        return r != null && r.contains("Device or resource busy");
    }

    private static SysError fail(String what, IOException e) {
        Errno errno = Errno.EIO;
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : String.valueOf(e.getMessage());
        if (e instanceof NoSuchFileException) {
            errno = Errno.ENOENT;
            reason = "no such file " + e.getMessage();
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            errno = Errno.EACCES;
        } else if (reason.contains("Invalid argument")) {
            errno = Errno.EINVAL;
        } else if (reason.contains("Operation not permitted")) {
            errno = Errno.EPERM;
        } else if (reason.contains("No such process")) {
            errno = Errno.ESRCH;
        } else if (reason.contains("Device or resource busy")) {
            errno = Errno.EBUSY;
        }
        return new SysError(errno, "glassbox: cannot " + what + ": " + reason
                + (e instanceof FileSystemException fse2 && fse2.getFile() != null ? " (" + fse2.getFile() + ")" : ""));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }
}
