package dev.glassbox.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the host's cgroup controllers are mounted and where the daemon itself sits in them, read
 * from {@code /proc/self/mounts} and {@code /proc/self/cgroup}.
 *
 * <p>cgroup v2 (one unified tree at {@code /sys/fs/cgroup} with a {@code cgroup.controllers} file)
 * is chosen when present. Otherwise the v1 per-controller hierarchies are used; in the hybrid layout
 * (v1 controllers plus a controller-less v2 tree at {@code /sys/fs/cgroup/unified}) that means v1.
 *
 * <p>All files are read under {@code root}, so a fake tree in a temporary directory can stand in
 * for the host; the paths this class reports ({@link #hostDir}) are the host's, without that root.
 */
public final class CgroupLayout {
    /** The v1 controllers glassbox uses. */
    public static final List<String> V1_CONTROLLERS = List.of("memory", "pids", "cpu", "cpuacct", "freezer", "cpuset");
    /** The controllers a container's limits need. */
    public static final List<String> REQUIRED = List.of("memory", "pids", "cpu");
    static final String V2_MOUNT = "/sys/fs/cgroup";

    private final Path root;
    private final String version;
    private final Map<String, String> mounts;
    private final Map<String, String> own;

    private CgroupLayout(Path root, String version, Map<String, String> mounts, Map<String, String> own) {
        this.root = root;
        this.version = version;
        this.mounts = Collections.unmodifiableMap(mounts);
        this.own = Collections.unmodifiableMap(own);
    }

    /** The host's layout. */
    public static CgroupLayout detect() {
        return detect(Path.of("/"));
    }

    /** The layout of the tree under {@code root}; throws IllegalStateException when no cgroup filesystem is usable. */
    public static CgroupLayout detect(Path root) {
        List<String[]> mountLines = new ArrayList<>();
        for (String line : readLines(root, "/proc/self/mounts")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4) {
                f[1] = unescape(f[1]);
                mountLines.add(f);
            }
        }
        Map<String, String> selfV1 = new LinkedHashMap<>();
        String selfV2 = null;
        for (String line : readLines(root, "/proc/self/cgroup")) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                selfV2 = f[2];
            } else {
                for (String c : f[1].split(",")) {
                    selfV1.putIfAbsent(c, f[2]);
                }
            }
        }

        List<String> v2Mounts = new ArrayList<>();
        Map<String, String> v1Mounts = new LinkedHashMap<>();
        for (String[] f : mountLines) {
            if (f[2].equals("cgroup2")) {
                v2Mounts.add(f[1]);
            } else if (f[2].equals("cgroup")) {
                for (String opt : f[3].split(",")) {
                    if (V1_CONTROLLERS.contains(opt)) {
                        v1Mounts.putIfAbsent(opt, f[1]);
                    }
                }
            }
        }

        // 1. A unified tree at /sys/fs/cgroup: pure v2.
        if (v2Mounts.contains(V2_MOUNT) && Files.isRegularFile(resolve(root, V2_MOUNT + "/cgroup.controllers"))) {
            return v2(root, V2_MOUNT, selfV2);
        }
        // 2. v1 controller hierarchies (also the hybrid layout, whose v2 tree holds no controllers).
        if (!v1Mounts.isEmpty()) {
            Map<String, String> mounts = new LinkedHashMap<>();
            Map<String, String> own = new LinkedHashMap<>();
            for (String c : V1_CONTROLLERS) {
                String m = v1Mounts.get(c);
                if (m != null) {
                    mounts.put(c, m);
                    own.put(c, ownPath(root, m, selfV1.get(c)));
                }
            }
            return new CgroupLayout(root, "v1", mounts, own);
        }
        // 3. A unified tree mounted elsewhere.
        for (String m : v2Mounts) {
            if (Files.isRegularFile(resolve(root, m + "/cgroup.controllers"))) {
                return v2(root, m, selfV2);
            }
        }
        throw new IllegalStateException("glassbox: no cgroup filesystem is mounted (neither cgroup2 at " + V2_MOUNT
                + " nor v1 controller hierarchies in /proc/self/mounts)");
    }

    private static CgroupLayout v2(Path root, String mount, String self) {
        String ownPath = ownPath(root, mount, self);
        Set<String> available = new LinkedHashSet<>();
        Path controllers = resolve(root, join(mount, ownPath, "cgroup.controllers"));
        if (!Files.isRegularFile(controllers)) {
            controllers = resolve(root, mount + "/cgroup.controllers");
        }
        for (String line : readLines(controllers)) {
            for (String c : line.trim().split("\\s+")) {
                if (!c.isEmpty()) {
                    available.add(c);
                }
            }
        }
        Map<String, String> mounts = new LinkedHashMap<>();
        Map<String, String> own = new LinkedHashMap<>();
        // cgroup v2 accounts CPU time (cpu.stat) and freezes (cgroup.freeze) without a controller
        for (String c : List.of("memory", "pids", "cpu", "cpuacct", "freezer", "cpuset")) {
            if (available.contains(c) || c.equals("cpuacct") || c.equals("freezer")) {
                mounts.put(c, mount);
                own.put(c, ownPath);
            }
        }
        return new CgroupLayout(root, "v2", mounts, own);
    }

    /** The daemon's own cgroup in a hierarchy; "/" when unknown or not visible under the mount. */
    private static String ownPath(Path root, String mount, String self) {
        if (self == null || self.isEmpty() || !self.startsWith("/") || self.contains("..")) {
            return "/";
        }
        String p = self.endsWith("/") && self.length() > 1 ? self.substring(0, self.length() - 1) : self;
        if (!p.equals("/") && !Files.isDirectory(resolve(root, mount + p))) {
            return "/"; // a cgroup namespace shows a path the mount does not have: the mount is our own root
        }
        return p;
    }

    /** {@code v1} or {@code v2}. */
    public String version() {
        return version;
    }

    /** The controllers glassbox can use here, of memory, pids, cpu, cpuacct, freezer and cpuset. */
    public Set<String> controllers() {
        return mounts.keySet();
    }

    public boolean has(String controller) {
        return mounts.containsKey(controller);
    }

    /** Where the controller's hierarchy is mounted on the host (v2: the unified tree). */
    public String mountPoint(String controller) {
        return require(mounts, controller);
    }

    /** The daemon's own cgroup in that controller's hierarchy, e.g. {@code /} or {@code /system.slice/glassbox.service}. */
    public String ownPath(String controller) {
        return require(own, controller);
    }

    /** The host path of cgroup {@code relPath} (relative to the daemon's own cgroup) in a controller. */
    public String hostDir(String controller, String relPath) {
        return join(mountPoint(controller), ownPath(controller), relPath);
    }

    /** {@link #hostDir} resolved under this layout's root: the directory to read and write. */
    public Path dir(String controller, String relPath) {
        return resolve(root, hostDir(controller, relPath));
    }

    /** The daemon's own cgroup directory in a controller, resolved under the root. */
    public Path ownDir(String controller) {
        return resolve(root, join(mountPoint(controller), ownPath(controller), ""));
    }

    /** Host paths of the distinct directories a cgroup has: one for v2, one per mounted hierarchy for v1. */
    public List<String> hostDirs(String relPath) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : mounts.keySet()) {
            out.add(hostDir(c, relPath));
        }
        return new ArrayList<>(out);
    }

    public Path root() {
        return root;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("cgroup " + version + ":");
        mounts.forEach((c, m) -> sb.append(' ').append(c).append('=').append(join(m, own.get(c), "")));
        return sb.toString();
    }

    private static String require(Map<String, String> map, String controller) {
        String v = map.get(controller);
        if (v == null) {
            throw new IllegalStateException("glassbox: the cgroup controller " + controller + " is not available (cgroup "
                    + "layout has " + map.keySet() + ")");
        }
        return v;
    }

    static String join(String mount, String own, String rel) {
        StringBuilder sb = new StringBuilder(mount.endsWith("/") && mount.length() > 1 ? mount.substring(0, mount.length() - 1) : mount);
        for (String part : new String[] {own, rel}) {
            for (String seg : part.split("/")) {
                if (!seg.isEmpty()) {
                    sb.append('/').append(seg);
                }
            }
        }
        return sb.toString();
    }

    static Path resolve(Path root, String absolute) {
        String rel = absolute;
        while (rel.startsWith("/")) {
            rel = rel.substring(1);
        }
        return rel.isEmpty() ? root : root.resolve(rel);
    }

    private static List<String> readLines(Path root, String absolute) {
        return readLines(resolve(root, absolute));
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("glassbox: cannot read " + file, e);
        }
    }

    /** /proc/self/mounts escapes space, tab, newline and backslash as octal. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 3 < s.length() + 0 && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
