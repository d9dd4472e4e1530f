package dev.glassbox.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Linux kernel backend needs of the host, checked before it starts: root, overlayfs, the
 * memory, pids and cpu cgroup controllers, and the tools it runs. Each problem is one line; an
 * empty list means the host is ready.
 */
public final class Preflight {
    public static final List<String> TOOLS = List.of("ip", "nsenter", "unshare", "mount", "cc");

    private final Path root;
    private final int uid;
    private final String pathEnv;

    /**
     * @param root    where the host's filesystem is (/ on the host; a fake tree in tests)
     * @param uid     the effective uid of the daemon
     * @param pathEnv the PATH to look for tools in; its directories are resolved under root
     */
    public Preflight(Path root, int uid, String pathEnv) {
        this.root = root;
        this.uid = uid;
        this.pathEnv = pathEnv == null ? "" : pathEnv;
    }

    /** The checks for this process on this host. */
    public static Preflight host() {
        return new Preflight(Path.of("/"), effectiveUid(Path.of("/")), System.getenv("PATH"));
    }

    /** Each line a missing piece; empty when the Linux kernel can run. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (uid != 0) {
            out.add("glassbox: the Linux kernel needs root: run as root or use the sim kernel");
        }
        if (!overlay()) {
            out.add("glassbox: the kernel has no overlay filesystem (not in /proc/filesystems): load it with modprobe overlay");
        }
        try {
            CgroupLayout layout = CgroupLayout.detect(root);
            for (String c : CgroupLayout.REQUIRED) {
                if (!layout.has(c)) {
                    out.add("glassbox: the cgroup controller " + c + " is missing (cgroup " + layout.version() + "): "
                            + (layout.version().equals("v1") ? "mount its hierarchy under /sys/fs/cgroup/" + c
                                    : "it is not listed in cgroup.controllers"));
                }
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            out.add(e.getMessage());
        }
        for (String tool : TOOLS) {
            if (!onPath(tool)) {
                out.add("glassbox: the tool " + tool + " is not on PATH: install it (" + pkg(tool) + ")");
            }
        }
        return out;
    }

    /**
     * What is missing but not needed to run: each line names what will not work and how to get it.
     * Without iptables, publishing a port fails; everything else works.
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (!onPath("iptables")) {
            out.add("glassbox: the tool iptables is not on PATH: docker run -p will fail, the rest works: install it (apt-get install iptables)");
        }
        return out;
    }

    private boolean overlay() {
        try {
            for (String line : Files.readAllLines(CgroupLayout.resolve(root, "/proc/filesystems"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 0 && f[f.length - 1].equals("overlay")) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private boolean onPath(String tool) {
        for (String dir : pathEnv.split(":")) {
            if (dir.isEmpty() || !dir.startsWith("/")) {
                continue;
            }
            Path p = CgroupLayout.resolve(root, dir).resolve(tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return true;
            }
        }
        return false;
    }

    private static String pkg(String tool) {
        return switch (tool) {
            case "ip" -> "iproute2";
            case "nsenter", "unshare" -> "util-linux";
            case "mount" -> "mount";
            case "cc" -> "gcc: the container helper is built with it";
            default -> tool;
        };
    }

    /** The effective uid, from /proc/self/status (-1 when unreadable). */
    /**
     * Why this host refuses user namespaces, in one line, or null when it allows them: the sysctl that
     * caps them (user.max_user_namespaces = 0) or a failing {@code unshare --user true}.
     */
    public static String userNamespaceProblem() {
        String max = LinuxKernel.read("/proc/sys/user/max_user_namespaces").strip();
        if (max.equals("0")) {
            return "dockerd: --userns-remap: this host allows no user namespaces (/proc/sys/user/max_user_namespaces is 0)";
        }
        try {
            Cmd.Result r = Cmd.run(List.of("unshare", "--user", "true"), 10_000);
            return r.exit() == 0 ? null : "dockerd: --userns-remap: this host refuses user namespaces: unshare --user: " + r.stderr().strip();
        } catch (RuntimeException e) {
            return "dockerd: --userns-remap: cannot check for user namespaces: " + e.getMessage();
        }
    }

    public static int effectiveUid(Path root) {
        try {
            for (String line : Files.readAllLines(CgroupLayout.resolve(root, "/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
