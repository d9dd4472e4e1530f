package dev.glassbox.sim.programs.packages;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Io;
import dev.glassbox.sim.programs.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * apk (apk-tools 2.14.4, Alpine 3.20): {@code update}, {@code add}, {@code del} and {@code info}
 * against the simulated mirror ({@link Mirror}). Packages unpack real files ({@link PackageFiles}),
 * the installed database and the world file are rewritten, and the messages are apk's own.
 */
public final class Apk {
    private static final String VERSION = "apk-tools 2.14.4, compiled for x86_64.";
    private static final Set<String> TRIGGER_DIRS = Set.of("/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/");

    private final Tool t;
    private boolean noCache;
    private boolean refresh;
    private boolean quiet;

    private Apk(Tool t) {
        this.t = t;
    }

    public static int main(Sys sys) {
        List<String> argv = sys.argv();
        return new Apk(new Tool(sys, Io.of(sys), "apk", argv.subList(Math.min(1, argv.size()), argv.size()))).run();
    }

    private int run() {
        List<String> names = new ArrayList<>();
        String applet = null;
        for (String a : t.args) {
            switch (a) {
                case "--no-cache" -> noCache = true;
                case "-U", "--update-cache" -> refresh = true;
                case "-q", "--quiet" -> quiet = true;
                case "--version", "-V" -> {
                    t.out(VERSION + "\n");
                    return 0;
                }
                default -> {
                    if (a.startsWith("-")) {
                        t.io.err("apk: unrecognized option '" + a + "'\n");
                        return 1;
                    } else if (applet == null) {
                        applet = a;
                    } else {
                        names.add(a);
                    }
                }
            }
        }
        if (applet == null) {
            t.out(VERSION + "\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n\n"
                    + "glassbox simulates: add, del, info, update\n");
            return 1;
        }
        if (!applet.equals("info") && t.sys.getuid() != 0) {
            t.io.err("ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n");
            return 99;
        }
        try {
            return switch (applet) {
                case "update" -> update();
                case "add" -> add(names);
                case "del" -> del(names);
                case "info" -> info();
                default -> {
                    t.io.err("glassbox: 'apk " + applet + "' is not simulated; apk here knows add, del, info and update\n");
                    yield 1;
                }
            };
        } catch (SysError e) {
            t.io.err("ERROR: " + e.getMessage() + "\n");
            return 1;
        }
    }

    private void say(String line) {
        if (!quiet) {
            t.out(line + "\n");
        }
    }

    private int update() {
        ApkRepos repos = new ApkRepos(t, quiet);
        repos.open(noCache, true);
        ApkDb db = new ApkDb(t.sys);
        repos.descriptions().forEach(this::say);
        Set<String> distinct = new LinkedHashSet<>(repos.available().keySet());
        distinct.addAll(db.installed().keySet());
        String head = repos.unavailable() + repos.stale() == 0 ? "OK:"
                : repos.unavailable() + " unavailable, " + repos.stale() + " stale;";
        say(head + " " + distinct.size() + " distinct packages available");
        return repos.unavailable() + repos.stale();
    }

    private int add(List<String> names) {
        ApkRepos repos = new ApkRepos(t, quiet);
        repos.open(noCache, refresh);
        ApkDb db = new ApkDb(t.sys);
        Map<String, MirrorPackage> available = repos.available();
        names = names.stream().sorted().distinct().toList(); // apk resolves its world, which is sorted
        List<String> missing = names.stream().filter(n -> !available.containsKey(n) && !db.installed().containsKey(n)).toList();
        if (!missing.isEmpty()) {
            t.io.err("ERROR: unable to select packages:\n");
            for (String n : missing) {
                t.io.err("  " + n + " (no such package):\n    required by: world[" + n + "]\n");
            }
            return 1;
        }
        Map<String, MirrorPackage> plan = new LinkedHashMap<>();
        for (String n : names) {
            order(n, available, db, plan, new LinkedHashSet<>());
        }
        int i = 0;
        boolean binaries = false;
        List<String> scripts = new ArrayList<>();
        for (MirrorPackage p : plan.values()) {
            say("(" + ++i + "/" + plan.size() + ") Installing " + p.name() + " (" + p.version() + ")");
            List<String> paths = PackageFiles.unpack(t.sys, p);
            db.add(p, paths);
            binaries |= paths.stream().anyMatch(path -> TRIGGER_DIRS.stream().anyMatch(path::startsWith));
            if (!p.script().isEmpty()) {
                say("Executing " + p.name() + "-" + p.version() + "." + p.script());
                ApkScripts.run(t.sys, p);
            }
        }
        db.world().addAll(names);
        if (binaries) {
            trigger(db, "busybox");
        }
        if (plan.containsKey("ca-certificates")) {
            trigger(db, "ca-certificates");
        }
        db.save();
        say("OK: " + db.installedBytes() / (1024 * 1024) + " MiB in " + db.installed().size() + " packages");
        return 0;
    }

    /** Dependencies first, each once; what is installed already is left as it is. */
    private static void order(String name, Map<String, MirrorPackage> available, ApkDb db, Map<String, MirrorPackage> plan,
                              Set<String> visiting) {
        MirrorPackage p = available.get(name);
        if (p == null || db.installed().containsKey(name) || plan.containsKey(name) || !visiting.add(name)) {
            return;
        }
        for (String d : p.depends()) {
            order(d, available, db, plan, visiting);
        }
        plan.put(name, p);
    }

    private void trigger(ApkDb db, String name) {
        ApkDb.Entry e = db.installed().get(name);
        if (e != null) {
            say("Executing " + name + "-" + e.version() + ".trigger");
        }
    }

    /** Removes the named packages and, as apk does, the ones only they needed. */
    private int del(List<String> names) {
        ApkDb db = new ApkDb(t.sys);
        List<String> unknown = names.stream().filter(n -> !db.installed().containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            unknown.forEach(n -> t.io.err("ERROR: No such package: " + n + "\n"));
            return unknown.size();
        }
        names.forEach(db.world()::remove);
        Set<String> keep = new LinkedHashSet<>();
        for (String w : db.world()) {
            keepWithDeps(w, db, keep);
        }
        List<ApkDb.Entry> purge = new ArrayList<>();
        for (ApkDb.Entry e : db.installed().values()) {
            boolean ours = e.lines().stream().anyMatch(l -> l.startsWith("R:"));
            if (ours && !keep.contains(e.name())) {
                purge.add(e);
            }
        }
        int i = 0;
        for (ApkDb.Entry e : purge) {
            say("(" + ++i + "/" + purge.size() + ") Purging " + e.name() + " (" + e.version() + ")");
            for (String f : e.files()) {
                try {
                    t.sys.unlink(f);
                } catch (SysError ignored) {
                    // already gone
                }
            }
            db.remove(e.name());
        }
        db.save();
        say("OK: " + db.installedBytes() / (1024 * 1024) + " MiB in " + db.installed().size() + " packages");
        return 0;
    }

    private static void keepWithDeps(String name, ApkDb db, Set<String> keep) {
        ApkDb.Entry e = db.installed().get(name);
        if (e != null && keep.add(name)) {
            e.depends().forEach(d -> keepWithDeps(d, db, keep));
        }
    }

    private int info() {
        new ApkDb(t.sys).installed().keySet().forEach(n -> t.out(n + "\n"));
        return 0;
    }
}
