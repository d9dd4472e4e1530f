package dev.glassbox.linux;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * cgroup v2's delegation: a controller works in a cgroup only if every ancestor hands it down in its
 * cgroup.subtree_control. Before a container's cgroup is made, each ancestor from the daemon's own
 * cgroup down to the new cgroup's parent gets the controllers it lacks of +memory +pids +cpu +cpuset.
 */
final class V2Delegation {
    private static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu", "cpuset");

    private final CgroupLayout layout;

    V2Delegation(CgroupLayout layout) {
        this.layout = layout;
    }

    /** The writes {@link #enable} makes for a cgroup under {@code parent}, as shell commands (the trace's equivalent). */
    List<String> writes(String parent) {
        List<String> out = new ArrayList<>();
        for (String anc : ancestors(parent)) {
            List<String> missing = missingControllers(layout.dir(first(), anc));
            if (!missing.isEmpty()) {
                out.add("echo \"" + plus(missing) + "\" > " + layout.hostDir(first(), anc) + "/cgroup.subtree_control");
            }
        }
        return out;
    }

    /** Hands the controllers down to {@code parent}; EBUSY, in one line, where an ancestor has processes of its own. */
    void enable(String parent) throws IOException {
        for (String anc : ancestors(parent)) {
            Path dir = layout.dir(first(), anc);
            List<String> missing = missingControllers(dir);
            if (missing.isEmpty()) {
                continue;
            }
            try {
                Files.writeString(dir.resolve("cgroup.subtree_control"), plus(missing));
            } catch (FileSystemException e) {
                if (LinuxCgroups.busy(e)) {
                    throw new SysError(Errno.EBUSY, "glassbox: cannot enable " + plus(missing) + " in " + dir
                            + "/cgroup.subtree_control: that cgroup has processes of its own (cgroup v2's no-internal-processes"
                            + " rule); run the daemon in a leaf cgroup of its own, e.g. with systemd-run --scope");
                }
                throw e;
            }
        }
    }

    private String first() {
        return layout.controllers().iterator().next();
    }

    /** "" (the own cgroup), then each prefix of {@code parent}. */
    private static List<String> ancestors(String parent) {
        List<String> out = new ArrayList<>();
        out.add("");
        if (!parent.isEmpty()) {
            String acc = "";
            for (String seg : parent.split("/")) {
                acc = acc.isEmpty() ? seg : acc + "/" + seg;
                out.add(acc);
            }
        }
        return out;
    }

    private static List<String> missingControllers(Path dir) {
        Set<String> available = words(LinuxCgroups.read(dir.resolve("cgroup.controllers")));
        Set<String> enabled = words(LinuxCgroups.read(dir.resolve("cgroup.subtree_control")));
        List<String> missing = new ArrayList<>();
        for (String c : CONTROLLERS) {
            if (available.contains(c) && !enabled.contains(c)) {
                missing.add(c);
            }
        }
        return missing;
    }

    private static String plus(List<String> controllers) {
        StringBuilder sb = new StringBuilder();
        for (String c : controllers) {
            sb.append(sb.length() == 0 ? "" : " ").append('+').append(c);
        }
        return sb.toString();
    }

    private static Set<String> words(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
