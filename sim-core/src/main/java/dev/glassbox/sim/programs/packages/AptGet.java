package dev.glassbox.sim.programs.packages;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Io;
import dev.glassbox.sim.programs.Paths;
import dev.glassbox.sim.programs.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * apt-get (and apt) of Debian 12 and Ubuntu 24.04: {@code update} fetches each suite's InRelease and
 * Packages from the simulated mirror into {@code /var/lib/apt/lists}; {@code install} reads those
 * lists (so before any update it finds nothing, as on a fresh image), resolves dependencies and
 * recommends, shows apt's plan and hands the packages to {@link Dpkg}. Downloads take virtual time
 * at the mirror's speed, so "Fetched … in …s" is measured, not written.
 */
public final class AptGet {
    private static final long MIRROR_BYTES_PER_SECOND = 12_000_000L;

    private final Tool t;
    private final Sys sys;
    private final boolean apt;
    private boolean yes;
    private boolean noRecommends;

    private AptGet(Tool t, boolean apt) {
        this.t = t;
        this.sys = t.sys;
        this.apt = apt;
    }

    public static int main(Sys sys, boolean apt) {
        List<String> argv = sys.argv();
        Tool t = new Tool(sys, Io.of(sys), apt ? "apt" : "apt-get", argv.subList(Math.min(1, argv.size()), argv.size()));
        return new AptGet(t, apt).run();
    }

    private int run() {
        String command = null;
        List<String> names = new ArrayList<>();
        for (String a : t.args) {
            switch (a) {
                case "-y", "--yes", "--assume-yes", "-yq", "-qy" -> yes = true;
                case "-q", "-qq", "--quiet" -> { }
                case "--no-install-recommends" -> noRecommends = true;
                default -> {
                    if (a.startsWith("-")) {
                        t.io.err("E: Command line option '" + a + "' is not understood in combination with the other options.\n");
                        return 100;
                    }
                    if (command == null) {
                        command = a;
                    } else {
                        names.add(a);
                    }
                }
            }
        }
        if (apt && !sys.isatty(1)) {
            t.io.err("\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n");
        }
        if (command == null) {
            t.out((apt ? "apt 2.6.1" : "apt 2.6.1 (amd64)") + "\nUsage: " + t.name + " [options] command\n\n"
                    + "glassbox simulates: update, install\n");
            return 1;
        }
        try {
            return switch (command) {
                case "update" -> update();
                case "install" -> install(names);
                default -> {
                    t.io.err("glassbox: '" + t.name + " " + command + "' is not simulated; " + t.name
                            + " here knows update and install\n");
                    yield 100;
                }
            };
        } catch (SysError e) {
            t.io.err("E: " + e.getMessage() + "\n");
            return 100;
        }
    }

    private boolean root(String lock, String what) {
        if (sys.getuid() == 0) {
            return true;
        }
        t.io.err("E: Could not open lock file " + lock + " - open (13: Permission denied)\nE: " + what + "\n");
        return false;
    }

    private void progress(String line) {
        t.out(line + (sys.isatty(1) ? " Done\n" : "\n"));
    }

    private int update() {
        if (!root("/var/lib/apt/lists/lock", "Unable to lock directory /var/lib/apt/lists/")) {
            return 100;
        }
        List<AptSources.Suite> suites = AptSources.read(sys);
        long start = sys.timeMillis();
        long fetched = 0;
        int n = 0;
        List<String> failures = new ArrayList<>();
        Map<String, String> packages = new LinkedHashMap<>();
        for (AptSources.Suite s : suites) {
            n++;
            if (!Mirror.reachable(sys) || s.mirror() == null) {
                String why = "Temporary failure resolving '" + s.host() + "'";
                t.out("Err:" + n + " " + s.uri() + " " + s.suite() + " InRelease\n  " + why + "\n");
                failures.add("W: Failed to fetch " + s.uri() + "/dists/" + s.suite() + "/InRelease  " + why);
                continue;
            }
            t.out("Get:" + n + " " + s.uri() + " " + s.suite() + " InRelease " + AptText.bracket(s.inReleaseSize()) + "\n");
            fetched += download(s.inReleaseSize());
            Paths.mkdirs(sys, AptSources.LISTS, 0755);
            sys.writeText(s.inRelease(), "Origin: " + s.archive() + "\nSuite: " + s.suite() + "\n", false);
            for (String c : s.components()) {
                packages.put(s.packages(c) + "\n" + s.uri() + " " + s.suite() + "/" + c, s.packagesText(c));
            }
        }
        for (Map.Entry<String, String> e : packages.entrySet()) {
            String[] key = e.getKey().split("\n");
            if (!e.getValue().isEmpty()) {
                t.out("Get:" + ++n + " " + key[1] + " amd64 Packages " + AptText.bracket(e.getValue().length()) + "\n");
                fetched += download(e.getValue().length());
            }
            sys.writeText(key[0], e.getValue(), false);
        }
        if (fetched > 0) {
            t.out(fetchedLine(fetched, start));
        }
        progress("Reading package lists...");
        if (!failures.isEmpty()) {
            failures.forEach(f -> t.io.err(f + "\n"));
            t.io.err("W: Some index files failed to download. They have been ignored, or old ones used instead.\n");
        }
        return 0;
    }

    /** Waits as long as the mirror takes to send so many bytes; answers them. */
    private long download(long bytes) {
        sys.sleep(Math.max(1, bytes * 1000 / MIRROR_BYTES_PER_SECOND));
        return bytes;
    }

    private String fetchedLine(long bytes, long start) {
        long millis = Math.max(1, sys.timeMillis() - start);
        return "Fetched " + AptText.bytes(bytes) + " in " + Math.round(millis / 1000.0) + "s ("
                + AptText.bytes(bytes * 1000.0 / millis) + "/s)\n";
    }

    /** Every package the lists of an earlier {@code update} name, first list first. */
    private Map<String, MirrorPackage> available() {
        Map<String, MirrorPackage> out = new LinkedHashMap<>();
        List<Sys.DirEntry> lists;
        try {
            lists = sys.readdir(AptSources.LISTS);
        } catch (SysError e) {
            return out;
        }
        for (Sys.DirEntry e : lists) {
            if (e.name().endsWith("_Packages")) {
                Mirror.parse(sys.readText(AptSources.LISTS + "/" + e.name())).forEach(out::putIfAbsent);
            }
        }
        return out;
    }

    private int install(List<String> names) {
        if (!root("/var/lib/dpkg/lock-frontend", "Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?")) {
            return 100;
        }
        progress("Reading package lists...");
        progress("Building dependency tree...");
        progress("Reading state information...");
        Map<String, MirrorPackage> available = available();
        Dpkg dpkg = new Dpkg(t);
        Map<String, String> installed = dpkg.installed();
        boolean missing = false;
        for (String n : names) {
            if (!available.containsKey(n) && !installed.containsKey(n)) {
                t.io.err("E: Unable to locate package " + n + "\n");
                missing = true;
            }
        }
        if (missing) {
            return 100;
        }
        Map<String, MirrorPackage> plan = new LinkedHashMap<>();
        for (String n : names) {
            if (installed.containsKey(n)) {
                t.out(n + " is already the newest version (" + installed.get(n) + ").\n");
            } else {
                order(n, available, installed, plan);
            }
        }
        Set<String> extra = new TreeSet<>(plan.keySet());
        names.forEach(extra::remove);
        t.out(AptText.list("The following additional packages will be installed:", List.copyOf(extra)));
        t.out(AptText.list("The following NEW packages will be installed:", List.copyOf(new TreeSet<>(plan.keySet()))));
        t.out("0 upgraded, " + plan.size() + " newly installed, 0 to remove and 0 not upgraded.\n");
        if (plan.isEmpty()) {
            return 0;
        }
        long size = plan.values().stream().mapToLong(MirrorPackage::size).sum();
        long disk = plan.values().stream().mapToLong(MirrorPackage::installedSize).sum() * 1024;
        t.out("Need to get " + AptText.bytes(size) + " of archives.\n");
        t.out("After this operation, " + AptText.bytes(disk) + " of additional disk space will be used.\n");
        if (!yes && !extra.isEmpty()) {
            t.out("Do you want to continue? [Y/n] ");
            String line = sys.readInputLine(); // empty at end of input: no one to answer
            String answer = line.trim();
            if (line.isEmpty() || !answer.isEmpty() && !answer.equalsIgnoreCase("y") && !answer.equalsIgnoreCase("yes")) {
                t.out("Abort.\n");
                return 1;
            }
        }
        return fetchAndUnpack(List.copyOf(plan.values()), size, dpkg);
    }

    private int fetchAndUnpack(List<MirrorPackage> plan, long size, Dpkg dpkg) {
        if (!Mirror.reachable(sys)) {
            for (MirrorPackage p : plan) {
                t.io.err("E: Failed to fetch " + uri(p) + "/pool/" + p.name() + "_" + p.version() + "_amd64.deb  "
                        + "Temporary failure resolving '" + host(p) + "'\n");
            }
            t.io.err("E: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?\n");
            return 100;
        }
        long start = sys.timeMillis();
        int n = 0;
        for (MirrorPackage p : plan) {
            String[] repo = p.repository().split(" ", 2);
            t.out("Get:" + ++n + " " + uri(p) + " " + repo[1] + " amd64 " + p.name() + " amd64 " + p.version() + " "
                    + AptText.bracket(p.size()) + "\n");
            download(p.size());
        }
        t.io.err("debconf: delaying package configuration, since apt-utils is not installed\n");
        t.out(fetchedLine(size, start));
        dpkg.install(plan);
        return 0;
    }

    private String uri(MirrorPackage p) {
        String archive = p.repository().split(" ", 2)[0];
        for (AptSources.Suite s : AptSources.read(sys)) {
            if (s.archive().equals(archive)) {
                return s.uri();
            }
        }
        return "http://" + archive;
    }

    private String host(MirrorPackage p) {
        String u = uri(p);
        return u.substring(u.indexOf("://") + 3).split("/")[0];
    }

    /** Dependencies first, then the package; recommends too unless --no-install-recommends. */
    private void order(String name, Map<String, MirrorPackage> available, Map<String, String> installed,
                       Map<String, MirrorPackage> plan) {
        MirrorPackage p = available.get(name);
        if (p == null || installed.containsKey(name) || plan.containsKey(name)) {
            return;
        }
        plan.put(name, null); // visiting: a cycle ends here
        for (String d : p.depends()) {
            order(d, available, installed, plan);
        }
        plan.remove(name);
        plan.put(name, p);
        if (!noRecommends) {
            for (String r : p.recommends()) {
                order(r, available, installed, plan);
            }
        }
    }
}
