package dev.glassbox.linux;

import dev.glassbox.kernel.ProcessInfo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What /proc says about processes: namespaces, status, cgroups, as {@code ps} and {@code lsns} read them. */
final class ProcFiles {
    private static final Path PROC = Path.of("/proc");
    /** USER_HZ: the unit of /proc/PID/stat's start time on every Linux architecture glassbox runs on. */
    private static final long CLOCK_TICKS = 100;

    private ProcFiles() {
    }

    /** The inode of /proc/PID/ns/NAME ("pid:[4026532...]"), 0 when the process is gone. */
    static long nsInode(int pid, String name) {
        try {
            String link = Files.readSymbolicLink(PROC.resolve(pid + "/ns/" + name)).toString();
            return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Alive: /proc/PID exists and is not a zombie waiting to be reaped. */
    static boolean alive(int pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Every process whose PID namespace is {@code pidNs}, by host pid: a look at each of the host's processes. */
    static List<ProcessInfo> inPidNamespace(long pidNs) {
        List<Integer> all = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path p : ds) {
                all.add(Integer.parseInt(p.getFileName().toString()));
            }
        } catch (IOException e) {
            return List.of();
        }
        return inPidNamespace(pidNs, all);
    }

    /**
     * The processes of a cgroup.procs file whose PID namespace is {@code pidNs} (a helper that joined the
     * cgroup from the host's namespace is not one of them); null when the file cannot be read.
     */
    static List<ProcessInfo> inPidNamespace(long pidNs, Path procsFile) {
        List<Integer> pids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(procsFile)) {
                if (!line.isBlank()) {
                    pids.add(Integer.parseInt(line.strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return inPidNamespace(pidNs, pids);
    }

    private static List<ProcessInfo> inPidNamespace(long pidNs, List<Integer> candidates) {
        List<ProcessInfo> out = new ArrayList<>();
        for (int pid : candidates) {
            if (nsInode(pid, "pid") == pidNs && alive(pid)) {
                ProcessInfo info = info(pid);
                if (info != null) {
                    out.add(info);
                }
            }
        }
        out.sort((a, b) -> Integer.compare(a.pid(), b.pid()));
        return out;
    }

    /**
     * Whether the kernel drops {@code signal} sent to {@code pid} from the host: the process is PID 1 of
     * its own PID namespace and has no handler for it (SIGKILL and SIGSTOP are delivered regardless).
     */
    static boolean initIgnores(int pid, int signal) {
        if (signal == 9 || signal == 19 || signal < 1 || signal > 64) {
            return false;
        }
        try {
            Map<String, String> st = status(pid);
            String[] nspid = st.getOrDefault("NSpid", "").trim().split("\\s+");
            if (nspid.length < 2 || !nspid[nspid.length - 1].equals("1")) {
                return false;
            }
            long caught = Long.parseUnsignedLong(st.getOrDefault("SigCgt", "0").trim(), 16);
            return (caught & (1L << (signal - 1))) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** ps's view of one process, null when it ended while being read. */
    static ProcessInfo info(int pid) {
        try {
            Map<String, String> status = status(pid);
            List<Integer> nsPids = new ArrayList<>();
            for (String s : status.getOrDefault("NSpid", String.valueOf(pid)).trim().split("\\s+")) {
                nsPids.add(Integer.parseInt(s));
            }
            int uid = Integer.parseInt(status.getOrDefault("Uid", "0").trim().split("\\s+")[0]);
            String state = status.getOrDefault("State", "?").trim();
            String word = state.contains("(") ? state.substring(state.indexOf('(') + 1, state.indexOf(')')) : state;
            long rss = Long.parseLong(status.getOrDefault("VmRSS", "0 kB").trim().split("\\s+")[0]) * 1024;
            byte[] raw = Files.readAllBytes(PROC.resolve(pid + "/cmdline"));
            String command = new String(raw, java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ').trim();
            if (command.isEmpty()) {
                command = "[" + status.getOrDefault("Name", "?").trim() + "]";
            }
            return new ProcessInfo(pid, Integer.parseInt(status.getOrDefault("PPid", "0").trim()), nsPids, uid, word, command,
                    cgroup(pid), rss, startMillis(pid));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, String> status(int pid) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(PROC.resolve(pid + "/status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return out;
    }

    private static long startMillis(int pid) throws IOException {
        String stat = Files.readString(PROC.resolve(pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[19]);
        long bootMillis = 0;
        for (String line : Files.readAllLines(PROC.resolve("stat"))) {
            if (line.startsWith("btime ")) {
                bootMillis = Long.parseLong(line.substring(6).trim()) * 1000;
            }
        }
        return bootMillis + ticks * 1000 / CLOCK_TICKS;
    }

    /** The process's cgroup: the unified one on v2, the memory controller's on v1. */
    static String cgroup(int pid) {
        try {
            String unified = null;
            for (String line : Files.readAllLines(PROC.resolve(pid + "/cgroup"))) {
                String[] f = line.split(":", 3);
                if (f.length == 3 && List.of(f[1].split(",")).contains("memory")) {
                    return f[2];
                }
                if (f.length == 3 && f[1].isEmpty()) {
                    unified = f[2];
                }
            }
            return unified == null ? "/" : unified;
        } catch (IOException e) {
            return "/";
        }
    }

    /**
     * The cgroup.procs files that put a process where {@code pid} is: one per hierarchy in which
     * {@code pid}'s cgroup differs from this daemon's own (docker exec joins the container's cgroup).
     */
    static List<String> cgroupProcsFiles(int pid) {
        List<String> out = new ArrayList<>();
        try {
            Map<String, String> ours = cgroupLines(PROC.resolve("self/cgroup"));
            Map<String, String> theirs = cgroupLines(PROC.resolve(pid + "/cgroup"));
            List<String[]> mounts = cgroupMounts();
            for (Map.Entry<String, String> e : theirs.entrySet()) {
                if (e.getValue().equals(ours.get(e.getKey()))) {
                    continue;
                }
                String[] m = mountFor(mounts, e.getKey());
                if (m == null) {
                    continue;
                }
                String rel = e.getValue();
                if (!m[0].equals("/") && rel.startsWith(m[0])) {
                    rel = rel.substring(m[0].length());
                }
                out.add((m[1] + "/" + rel + "/cgroup.procs").replaceAll("/+", "/"));
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** The directory of the process's memory cgroup (v1 memory hierarchy, or the v2 unified one), if mounted. */
    static java.util.Optional<Path> memoryCgroupDir(int pid) {
        try {
            Map<String, String> lines = cgroupLines(PROC.resolve(pid + "/cgroup"));
            List<String[]> mounts = cgroupMounts();
            for (Map.Entry<String, String> e : lines.entrySet()) {
                boolean memory = List.of(e.getKey().split(",")).contains("memory");
                if (!memory && !(e.getKey().isEmpty() && lines.size() == 1)) {
                    continue;
                }
                String[] m = mountFor(mounts, e.getKey());
                if (m != null) {
                    String rel = !m[0].equals("/") && e.getValue().startsWith(m[0]) ? e.getValue().substring(m[0].length()) : e.getValue();
                    return java.util.Optional.of(Path.of((m[1] + "/" + rel).replaceAll("/+", "/")));
                }
            }
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    /** How many processes the OOM killer has killed in this memory cgroup ("oom_kill N"), -1 if unknown. */
    static long oomKills(Path memoryDir) {
        for (String file : List.of("memory.events", "memory.oom_control")) {
            try {
                for (String line : Files.readAllLines(memoryDir.resolve(file))) {
                    if (line.startsWith("oom_kill ")) {
                        return Long.parseLong(line.substring(9).trim());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not this cgroup version's file
            }
        }
        return -1;
    }

    /** hierarchy controllers ("memory", "name=systemd", "" for v2) → path. */
    static Map<String, String> cgroupLines(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(":", 3);
            if (f.length == 3) {
                out.put(f[1], f[2]);
            }
        }
        return out;
    }

    /** Each cgroup mount as {root, mount point, fstype, super options}. */
    static List<String[]> cgroupMounts() throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(PROC.resolve("self/mountinfo"))) {
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] a = halves[0].split(" ");
            String[] b = halves[1].split(" ");
            if (b.length >= 3 && (b[0].equals("cgroup") || b[0].equals("cgroup2"))) {
                out.add(new String[] {LinuxOverlayMounts.unescape(a[3]), LinuxOverlayMounts.unescape(a[4]), b[0], b[2]});
            }
        }
        return out;
    }

    static String[] mountFor(List<String[]> mounts, String controllers) {
        for (String[] m : mounts) {
            if (controllers.isEmpty() ? m[2].equals("cgroup2")
                    : m[2].equals("cgroup") && List.of(m[3].split(",")).containsAll(List.of(controllers.split(",")))) {
                return m;
            }
        }
        return null;
    }
}
