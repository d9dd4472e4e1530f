package dev.glassbox.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Takes apart what the Linux kernel made under one set of names: after a crash (kill -9 of the
 * daemon) and at a clean close alike. Only what is provably glassbox's is touched: processes in its
 * cgroups or running its helper binary from the state root, mounts under the state root, the bridge
 * it names and the veth ends plugged into that bridge, its nat chain ({@code GLASSBOX-<bridge>}) with
 * the jumps into it, and cgroups under its parent.
 */
final class Reconciler {
    private Reconciler() {}

    /** What a sweep found and removed, for the leak tests and the daemon's log. */
    record Swept(int processes, int mounts, int links, int nat, int cgroups) {
        int total() {
            return processes + mounts + links + nat + cgroups;
        }
    }

    static Swept sweep(LinuxKernel.Options o, CgroupLayout layout) {
        int procs = killProcesses(o, layout);
        int mounts = unmountAll(o.stateRoot());
        int links = deleteLinks(o.bridge());
        for (String bridge : networkBridges(o)) {
            links += deleteLinks(bridge); // user-defined networks' bridges: restored from the saved state at the next start
        }
        int nat = LinuxNat.sweep(Cmd.HOST, LinuxNat.chain(o));
        int groups = removeCgroups(o.cgroupParent(), layout);
        return new Swept(procs, mounts, links, nat, groups);
    }

    /** Leftovers under these names, without removing them: what the leak test asserts is empty. */
    static List<String> leftovers(LinuxKernel.Options o, CgroupLayout layout) {
        List<String> out = new ArrayList<>();
        for (String m : mountsUnder(o.stateRoot())) {
            out.add("mount " + m);
        }
        if (Files.exists(Path.of("/sys/class/net", o.bridge()))) {
            out.add("link " + o.bridge());
        }
        for (String bridge : networkBridges(o)) {
            out.add("link " + bridge);
        }
        for (String line : LinuxNat.onHost(Cmd.HOST, LinuxNat.chain(o))) {
            out.add("nat " + line);
        }
        for (Path d : cgroupDirs(o.cgroupParent(), layout)) {
            out.add("cgroup " + d);
        }
        for (int pid : helperPids(o.stateRoot())) {
            out.add("process " + pid);
        }
        return out;
    }

    // ---------------------------------------------------------------- processes

    private static int killProcesses(LinuxKernel.Options o, CgroupLayout layout) {
        int n = 0;
        for (int round = 0; round < 3; round++) {
            List<Integer> pids = new ArrayList<>(helperPids(o.stateRoot()));
            for (Path d : cgroupDirs(o.cgroupParent(), layout)) {
                for (String line : LinuxKernel.read(d.resolve("cgroup.procs").toString()).split("\n")) {
                    if (line.matches("\\d+")) {
                        pids.add(Integer.parseInt(line));
                    }
                }
            }
            pids.remove(Integer.valueOf((int) ProcessHandle.current().pid()));
            if (pids.isEmpty()) {
                break;
            }
            for (int pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                n++;
            }
            for (int pid : pids) {
                ProcessHandle.of(pid).ifPresent(h -> {
                    try {
                        h.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // a zombie whose parent is gone is reaped by init; the next round will see
                    }
                });
            }
        }
        return n;
    }

    /**
     * Processes running a glassbox-init binary from this state root, but for a spare still waiting for
     * its arguments (argv ["spare"]; one put to use reads ["taken"]): it runs nothing, and ends by
     * itself when its daemon closes its stdin or dies.
     */
    static List<Integer> helperPids(Path stateRoot) {
        String prefix = stateRoot.resolve("bin").resolve("glassbox-init").toString();
        List<Integer> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(h -> {
            String cmd = h.info().command().orElse("");
            boolean spare = java.util.Arrays.equals(h.info().arguments().orElse(null), new String[] {"spare"});
            if (cmd.startsWith(prefix) && !spare && h.pid() != ProcessHandle.current().pid()) {
                out.add((int) h.pid());
            }
        });
        return out;
    }

    // ---------------------------------------------------------------- mounts

    static List<String> mountsUnder(Path stateRoot) {
        List<String> out = new ArrayList<>();
        String root;
        try {
            root = stateRoot.toRealPath().toString();
        } catch (IOException e) {
            root = stateRoot.toString();
        }
        for (String m : LinuxOverlayMounts.mountPoints()) {
            if (m.startsWith(root + "/")) {
                out.add(m);
            }
        }
        return out;
    }

    private static int unmountAll(Path stateRoot) {
        List<String> ms = mountsUnder(stateRoot);
        ms.sort(Comparator.comparingInt(String::length).reversed());
        int n = 0;
        for (String m : ms) {
            if (Cmd.run(List.of("umount", "-l", m), Cmd.DEFAULT_TIMEOUT_MILLIS).ok()) {
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- links

    /** The bridges of this daemon's user-defined networks, by the layout's naming rule (HostLayout.networkBridge). */
    static List<String> networkBridges(LinuxKernel.Options o) {
        String prefix = o.bridge().replaceAll("[0-9]+$", "") + "-";
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().forEach(out::add);
        } catch (IOException e) {
            // no sysfs: nothing to find
        }
        return out;
    }

    private static int deleteLinks(String bridge) {
        LinuxNet.hostLink(bridge);
        Path brif = Path.of("/sys/class/net", bridge, "brif");
        int n = 0;
        if (Files.isDirectory(brif)) {
            try (Stream<Path> s = Files.list(brif)) {
                for (Path p : s.toList()) {
                    String name = p.getFileName().toString();
                    if (name.startsWith("veth") || name.startsWith("glassbox")) {
                        if (Cmd.run(List.of("ip", "link", "del", name), Cmd.DEFAULT_TIMEOUT_MILLIS).ok()) {
                            n++;
                        }
                    }
                }
            } catch (IOException e) {
                // the bridge went away meanwhile
            }
        }
        if (Files.exists(Path.of("/sys/class/net", bridge)) && Cmd.run(List.of("ip", "link", "del", bridge), Cmd.DEFAULT_TIMEOUT_MILLIS).ok()) {
            n++;
        }
        return n;
    }

    // ---------------------------------------------------------------- cgroups

    /** The cgroup directories under the parent in every hierarchy, deepest first, the parent last. */
    static List<Path> cgroupDirs(String parent, CgroupLayout layout) {
        List<Path> out = new ArrayList<>();
        for (String c : layout.controllers()) {
            Path top = layout.dir(c, parent);
            if (!Files.isDirectory(top)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(top)) {
                s.filter(Files::isDirectory).forEach(d -> {
                    if (!out.contains(d)) {
                        out.add(d);
                    }
                });
            } catch (IOException | java.io.UncheckedIOException e) {
                // removed meanwhile
            }
        }
        out.sort(Comparator.comparingInt((Path p) -> p.getNameCount()).reversed());
        return out;
    }

    private static int removeCgroups(String parent, CgroupLayout layout) {
        LinuxCgroups.check(parent);
        int n = 0;
        for (Path d : cgroupDirs(parent, layout)) {
            for (int i = 0; i < 20; i++) {
                try {
                    Files.delete(d);
                    n++;
                    break;
                } catch (IOException e) {
                    sleep(25); // its last processes are still exiting
                }
            }
        }
        return n;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
