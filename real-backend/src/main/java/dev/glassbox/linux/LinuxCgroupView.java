package dev.glassbox.linux;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a container sees at /sys/fs/cgroup on a cgroup v1 host, as Docker (runc) gives it: a tmpfs
 * with one directory per controller hierarchy (named like the host's mount, "memory", "pids",
 * "cpu,cpuacct" with "cpu" and "cpuacct" symlinks), each the container's own cgroup directory of
 * that hierarchy bind-mounted read-only, and the tmpfs itself read-only at the end. Only the
 * hierarchies in which the container has a cgroup of its own (not the daemon's) are shown: the
 * others would be the host's. On a cgroup v2 host there is no view yet (sysfs's empty directory).
 */
record LinuxCgroupView(List<Hierarchy> hierarchies) {
    static final String TARGET = "/sys/fs/cgroup";
    /** No view: a v2 host, or a container with no cgroup of its own. */
    static final LinuxCgroupView NONE = new LinuxCgroupView(List.of());

    /** One directory of the view: its name under /sys/fs/cgroup and the host's directory bound there. */
    record Hierarchy(String name, String hostDir) {
    }

    LinuxCgroupView {
        hierarchies = List.copyOf(hierarchies);
    }

    /** The view for process {@code pid}, read from its /proc/PID/cgroup, the daemon's own and the host's mounts. */
    static LinuxCgroupView of(int pid) {
        try {
            Map<String, String> ours = ProcFiles.cgroupLines(Path.of("/proc/self/cgroup"));
            Map<String, String> theirs = ProcFiles.cgroupLines(Path.of("/proc/" + pid + "/cgroup"));
            return of(ours, theirs, ProcFiles.cgroupMounts());
        } catch (IOException e) {
            return NONE;
        }
    }

    /** The view from the lines of /proc/self/cgroup, /proc/PID/cgroup and the cgroup mounts ({root, mount point, type, options}). */
    static LinuxCgroupView of(Map<String, String> ours, Map<String, String> theirs, List<String[]> mounts) {
        List<Hierarchy> out = new ArrayList<>();
        for (Map.Entry<String, String> e : theirs.entrySet()) {
            if (e.getKey().isEmpty() || e.getValue().equals(ours.get(e.getKey()))) {
                continue; // the unified hierarchy (v2), or a hierarchy where the container is in the daemon's cgroup
            }
            String[] m = ProcFiles.mountFor(mounts, e.getKey());
            if (m == null || !m[2].equals("cgroup")) {
                continue;
            }
            String rel = !m[0].equals("/") && e.getValue().startsWith(m[0]) ? e.getValue().substring(m[0].length()) : e.getValue();
            String name = m[1].substring(m[1].lastIndexOf('/') + 1);
            if (name.isEmpty() || name.indexOf('\t') >= 0 || out.stream().anyMatch(h -> h.name().equals(name))) {
                continue;
            }
            out.add(new Hierarchy(name, (m[1] + "/" + rel).replaceAll("/+", "/")));
        }
        out.sort(java.util.Comparator.comparing(Hierarchy::name));
        return new LinuxCgroupView(out);
    }

    boolean isEmpty() {
        return hierarchies.isEmpty();
    }

    /** The symlinks runc adds for co-mounted controllers: "cpu" and "cpuacct" to "cpu,cpuacct". */
    List<String[]> links() {
        List<String[]> out = new ArrayList<>();
        for (Hierarchy h : hierarchies) {
            if (h.name().indexOf(',') < 0) {
                continue;
            }
            for (String part : h.name().split(",")) {
                if (!part.isEmpty() && hierarchies.stream().noneMatch(o -> o.name().equals(part))) {
                    out.add(new String[] {part, h.name()});
                }
            }
        }
        return out;
    }

    /** The helper's command: cgroupfs TARGET COUNT (NAME SOURCE)... LINKS (NAME DEST)... */
    List<String> command() {
        List<String> f = new ArrayList<>(List.of("cgroupfs", TARGET, String.valueOf(hierarchies.size())));
        for (Hierarchy h : hierarchies) {
            f.add(h.name());
            f.add(h.hostDir());
        }
        List<String[]> links = links();
        f.add(String.valueOf(links.size()));
        for (String[] l : links) {
            f.add(l[0]);
            f.add(l[1]);
        }
        return f;
    }

    /** The system calls, for the trace. */
    String equivalent(String root) {
        String at = root + TARGET;
        StringBuilder sb = new StringBuilder("mount(\"tmpfs\", \"" + at + "\", \"tmpfs\", MS_NOSUID|MS_NODEV|MS_NOEXEC, \"mode=755\")");
        for (Hierarchy h : hierarchies) {
            sb.append(" ; mount(\"").append(h.hostDir()).append("\", \"").append(at).append('/').append(h.name())
                    .append("\", NULL, MS_BIND, NULL) ; mount(NULL, \"").append(at).append('/').append(h.name())
                    .append("\", NULL, MS_BIND|MS_REMOUNT|MS_RDONLY, NULL)");
        }
        for (String[] l : links()) {
            sb.append(" ; symlink(\"").append(l[1]).append("\", \"").append(at).append('/').append(l[0]).append("\")");
        }
        sb.append(" ; mount(NULL, \"").append(at).append("\", NULL, MS_REMOUNT|MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC, NULL)");
        return sb.toString();
    }
}
