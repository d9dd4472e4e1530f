package dev.glassbox.sim.programs.packages;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Paths;
import dev.glassbox.sim.programs.Tool;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * dpkg as apt drives it: unpack each package ({@link PackageFiles}), record it in
 * {@code /var/lib/dpkg/status} and {@code /var/lib/dpkg/info/NAME.list}, then configure them, with
 * dpkg's own lines ("Selecting previously unselected package", "Unpacking", "Setting up") and the
 * triggers of libc-bin (ldconfig) and ca-certificates.
 */
final class Dpkg {
    static final String STATUS = "/var/lib/dpkg/status";
    private static final Set<String> NOT_COUNTED = Set.of("/proc", "/sys", "/dev", "/tmp", "/run", "/var/lib/apt/lists");

    private final Sys sys;
    private final Tool t;

    Dpkg(Tool t) {
        this.t = t;
        this.sys = t.sys;
    }

    /** Installed package name to version, from the status file. */
    Map<String, String> installed() {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        for (String line : read(STATUS).split("\n")) {
            if (line.startsWith("Package: ")) {
                name = line.substring(9).trim();
            } else if (line.startsWith("Version: ") && name != null) {
                out.put(name, line.substring(9).trim());
            }
        }
        return out;
    }

    void install(List<MirrorPackage> plan) {
        String width = "%0" + Integer.toString(Math.max(0, plan.size() - 1)).length() + "d";
        boolean first = true;
        int i = 0;
        for (MirrorPackage p : plan) {
            t.out("Selecting previously unselected package " + display(p) + ".\n");
            if (first) {
                t.out("(Reading database ... " + countInstalled() + " files and directories currently installed.)\n");
                first = false;
            }
            String deb = p.name() + "_" + p.version().replace(":", "%3a") + "_amd64.deb";
            t.out("Preparing to unpack .../" + (plan.size() > 1 ? String.format(width, i++) + "-" : "") + deb + " ...\n");
            t.out("Unpacking " + display(p) + " (" + p.version() + ") ...\n");
            List<String> paths = PackageFiles.unpack(sys, p);
            Paths.mkdirs(sys, "/var/lib/dpkg/info", 0755);
            StringBuilder list = new StringBuilder("/.\n");
            paths.forEach(path -> list.append(path).append('\n'));
            sys.writeText("/var/lib/dpkg/info/" + display(p) + ".list", list.toString(), false);
            sys.writeText(STATUS, "Package: " + p.name() + "\nStatus: install ok installed\nArchitecture: amd64\n"
                    + (p.multiArchSame() ? "Multi-Arch: same\n" : "") + "Version: " + p.version() + "\n"
                    + "Installed-Size: " + p.installedSize() + "\n"
                    + (p.depends().isEmpty() ? "" : "Depends: " + String.join(", ", p.depends()) + "\n") + "\n", true);
        }
        for (MirrorPackage p : plan) {
            t.out("Setting up " + display(p) + " (" + p.version() + ") ...\n");
            if ("ca-certificates".equals(p.script())) {
                t.out("Updating certificates in /etc/ssl/certs...\n" + certificates(p) + " added, 0 removed; done.\n");
            }
        }
        Map<String, String> now = installed();
        if (plan.stream().anyMatch(MirrorPackage::multiArchSame) && now.containsKey("libc-bin")) {
            t.out("Processing triggers for libc-bin (" + now.get("libc-bin") + ") ...\n");
        }
        for (MirrorPackage p : plan) {
            if ("ca-certificates".equals(p.script())) {
                t.out("Processing triggers for ca-certificates (" + p.version() + ") ...\n"
                        + "Updating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\n"
                        + "Running hooks in /etc/ca-certificates/update.d...\ndone.\n");
            }
        }
    }

    private static long certificates(MirrorPackage p) {
        return p.files().stream().filter(f -> f.path().startsWith("etc/ssl/certs/")).count();
    }

    static String display(MirrorPackage p) {
        return p.multiArchSame() ? p.name() + ":amd64" : p.name();
    }

    /** What dpkg's "(Reading database ..." counts: the files and directories on the system, walked for real. */
    private int countInstalled() {
        int n = 0;
        Deque<String> todo = new ArrayDeque<>(List.of("/"));
        while (!todo.isEmpty()) {
            String dir = todo.pop();
            List<Sys.DirEntry> entries;
            try {
                entries = sys.readdir(dir);
            } catch (SysError e) {
                continue;
            }
            for (Sys.DirEntry e : entries) {
                String path = (dir.equals("/") ? "" : dir) + "/" + e.name();
                if (e.name().equals(".") || e.name().equals("..") || NOT_COUNTED.contains(path)) {
                    continue;
                }
                n++;
                if (e.stat().isDir()) {
                    todo.push(path);
                }
            }
        }
        return n;
    }

    private String read(String path) {
        try {
            return sys.readText(path);
        } catch (SysError e) {
            return "";
        }
    }
}
