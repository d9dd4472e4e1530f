package dev.glassbox.linux;

import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.CgroupStats;
import dev.glassbox.kernel.Cgroups;
import dev.glassbox.kernel.HostLayout;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.kernel.KernelInfo;
import dev.glassbox.kernel.KernelState;
import dev.glassbox.kernel.Mounts;
import dev.glassbox.kernel.Net;
import dev.glassbox.kernel.Processes;
import dev.glassbox.trace.Tracer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel SPI on the host's own Linux kernel, as root: namespaces and processes through the
 * {@code glassbox-init} helper, cgroups v1 or v2 under the daemon's own cgroup, overlayfs under the
 * state root, a bridge with veth pairs, and published ports as Docker makes them: a DNAT rule in a
 * nat chain of its own for the bridge's gateway address, and a userland proxy on 127.0.0.1.
 * Everything it makes is named {@code glassbox…} or lives under the state root; {@link #open} first
 * takes apart whatever a crashed daemon left behind there, and {@link #close} takes apart the rest.
 */
public final class LinuxKernel implements Kernel {
    /** Where the kernel keeps its things, and the names it uses on the host. */
    public record Options(Path stateRoot, String cgroupParent, String bridge, String subnet, String gateway) {
        public static final String DEFAULT_ROOT = "/var/lib/glassbox";

        public Options {
            stateRoot = stateRoot.toAbsolutePath().normalize();
            LinuxCgroups.check(cgroupParent);
            LinuxNet.hostLink(bridge);
        }

        public static Options defaults() {
            return at(Path.of(DEFAULT_ROOT));
        }

        public static Options at(Path stateRoot) {
            return new Options(stateRoot, "glassbox", "glassbox0", "172.30.0.0/16", "172.30.0.1");
        }

        /** Options whose host names (cgroup parent, bridge) are unique to {@code tag}: tests running side by side. */
        public Options named(String tag) {
            return new Options(stateRoot, "glassbox-" + tag, ("glassbox" + tag).substring(0, Math.min(15, 8 + tag.length())), subnet, gateway);
        }
    }

    /** The host cannot run the Linux kernel: each line names what is missing and how to get it. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(List<String> problems) {
            super(String.join("\n", problems), null, false, false);
        }
    }

    private final Options options;
    private final HostLayout layout;
    private final LinuxHostFs fs;
    private final CgroupLayout cgroupLayout;
    private final Ledger ledger = new Ledger();
    private final PortProxy proxy = new PortProxy();
    private final LinuxNat nat;
    /** The links part of {@link #net}, built with it (and recorded in the ledger by {@link #trackedLinks}). */
    private LinuxNet links;
    private final SecureRandom random = new SecureRandom();
    private final KernelInfo info;
    private Tracer tracer = new Tracer(System::currentTimeMillis);
    private TrackedCgroups cgroups;
    private TrackedLinks trackedLinks;
    private Net net;
    private Serialized processes;
    private LinuxProcesses procs;
    private Mounts mounts;
    /** The host-namespace half of {@link #mounts}, built with it. */
    private LinuxOverlayMounts overlays;
    private boolean closed;

    private LinuxKernel(Options options) {
        this.options = options;
        this.fs = new LinuxHostFs(options.stateRoot());
        this.layout = new HostLayout(options.stateRoot().toString(), options.cgroupParent(), options.bridge(), options.subnet(), options.gateway());
        this.cgroupLayout = CgroupLayout.detect();
        this.info = hostInfo(cgroupLayout.version());
        this.nat = new LinuxNat(Cmd.HOST, LinuxNat.chain(options), options.gateway(), () -> Cmd.onPath("iptables"), NfTables.open());
    }

    /**
     * The Linux kernel on this host, after the preflight checks (root, overlayfs, cgroup controllers,
     * tools) and after cleaning up what a previous daemon with the same options left behind.
     */
    public static LinuxKernel open(Options options) {
        Preflight preflight = Preflight.host();
        List<String> problems = preflight.problems();
        if (!problems.isEmpty()) {
            throw new Unavailable(problems);
        }
        preflight.warnings().forEach(System.err::println);
        LinuxKernel k = new LinuxKernel(options);
        k.reconcile();
        k.mountRunDir();
        return k;
    }

    /** The run directory's tmpfs: the helpers' small files and the output the daemon has not read yet. */
    static final String RUN_TMPFS_OPTIONS = "mode=0700,size=512m";

    /**
     * The helpers' run directory ({@code <stateRoot>/run}) is a tmpfs, as dockerd's exec root
     * ({@code /run/docker}) and containerd's state directory are: the pid, exit, stdin and output
     * files of a process only matter while it and its daemon live, and on a disk every file created
     * costs time (about 0.7 ms each on this project's machines, and a start creates six). The sweep
     * at close unmounts it with the other mounts under the state root.
     */
    private void mountRunDir() {
        Path run = options.stateRoot().toAbsolutePath().normalize().resolve("run");
        try {
            Files.createDirectories(run);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("glassbox: cannot create " + run + ": " + e.getMessage(), e);
        }
        if (Sys.libc().mount("glassbox-run", run.toString(), "tmpfs", Sys.MS_NOSUID | Sys.MS_NODEV | Sys.MS_NOEXEC, RUN_TMPFS_OPTIONS) != 0) {
            System.err.println("glassbox: warning: cannot mount a tmpfs on " + run + " (" + Sys.fail(Sys.errno(), "mount").getMessage()
                    + "); the helpers' files go to the disk");
        }
    }

    /**
     * The parts record kernel events through the tracer they are built with, so they are built once it
     * is known: at {@link #trace} (the engine's first call), or at first use with a tracer of their own.
     */
    private synchronized void wire() {
        if (procs != null) {
            return;
        }
        fs.trace(tracer);
        LinuxCgroups linuxCgroups = new LinuxCgroups(cgroupLayout, tracer);
        this.cgroups = new TrackedCgroups(linuxCgroups, ledger);
        this.links = LinuxNet.host(tracer);
        links.macvlan(new LinuxMacvlan(Cmd.HOST, tracer, options.stateRoot()));
        this.trackedLinks = new TrackedLinks(links, ledger);
        this.net = new ProxiedNet(trackedLinks, nat, proxy, tracer, options);
        LinuxProcesses procs = new LinuxProcesses(options.stateRoot(), tracer);
        linuxCgroups.selfJoin(procs);
        links.heldInits(procs);
        this.procs = procs;
        this.processes = new Serialized(procs, ledger, trackedLinks::forget);
        this.overlays = new LinuxOverlayMounts(options.stateRoot(), tracer);
        this.mounts = new TrackedMounts(new LinuxMounts(overlays, procs, tracer), ledger);
    }

    public Options options() {
        return options;
    }

    @Override
    public synchronized void trace(Tracer t) {
        if (procs != null) {
            throw new IllegalStateException("glassbox: the Linux kernel's tracer is set before its first use");
        }
        this.tracer = t;
        wire();
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public boolean carriesOutRuntime() {
        return true; // no runc, no containerd: the helper and this JVM make the calls
    }

    @Override
    public KernelInfo info() {
        return info;
    }

    @Override
    public String hostResolvConf() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/resolv.conf"));
        } catch (java.io.IOException | RuntimeException e) {
            return ""; // no file, or not readable: Docker's default servers
        }
    }

    @Override
    public HostLayout layout() {
        return layout;
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return b;
    }

    /** Real time passes by itself: idling only hands over what the host reported meanwhile. */
    @Override
    public void idle(long millis) {
        wire();
        processes.drain();
    }

    @Override
    public LinuxHostFs fs() {
        return fs;
    }

    @Override
    public Processes processes() {
        wire();
        return processes;
    }

    @Override
    public Cgroups cgroups() {
        wire();
        return cgroups;
    }

    @Override
    public Mounts mounts() {
        wire();
        return mounts;
    }

    @Override
    public Net net() {
        wire();
        return net;
    }

    @Override
    public KernelState state() {
        wire();
        settle(); // what the state shows is on the host too
        return LinuxState.read(ledger, processes, cgroups, nat.rules(), proxy.rules());
    }

    /** A Mounts that notes each overlay it mounted in the ledger. */
    static final class TrackedMounts implements Mounts {
        private final Mounts inner;
        private final Ledger ledger;

        TrackedMounts(Mounts inner, Ledger ledger) {
            this.inner = inner;
            this.ledger = ledger;
        }

        @Override
        public void overlay(List<String> lowerdirs, String upperdir, String workdir, String target) {
            inner.overlay(lowerdirs, upperdir, workdir, target);
            synchronized (ledger) {
                ledger.overlays.put(target, "lowerdir=" + String.join(":", lowerdirs) + ",upperdir=" + upperdir + ",workdir=" + workdir);
            }
        }

        @Override
        public void unmount(String target) {
            inner.unmount(target);
            synchronized (ledger) {
                ledger.overlays.remove(target);
            }
        }

        @Override
        public void prepareRoot(dev.glassbox.kernel.Sandbox sandbox, String rootfs) {
            inner.prepareRoot(sandbox, rootfs);
        }

        @Override
        public void mountIn(dev.glassbox.kernel.Sandbox sandbox, dev.glassbox.kernel.MountSpec spec) {
            inner.mountIn(sandbox, spec);
        }

        @Override
        public void pivotRoot(dev.glassbox.kernel.Sandbox sandbox) {
            inner.pivotRoot(sandbox);
        }

        @Override
        public void readonlyRoot(dev.glassbox.kernel.Sandbox sandbox) {
            inner.readonlyRoot(sandbox);
        }

        @Override
        public List<dev.glassbox.kernel.Device> hostDevices() {
            return inner.hostDevices();
        }

        @Override
        public void createDevices(dev.glassbox.kernel.Sandbox sandbox, List<dev.glassbox.kernel.Device> devices) {
            inner.createDevices(sandbox, devices);
        }

        @Override
        public void maskPaths(dev.glassbox.kernel.Sandbox sandbox, List<String> masked, List<String> readonly) {
            inner.maskPaths(sandbox, masked, readonly);
        }
    }

    /** Takes apart everything this kernel made (and, at open, what an earlier one left). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        proxy.close();
        if (net instanceof ProxiedNet p) {
            p.closeDns();
        }
        if (procs != null) {
            procs.closeSpare();
        }
        reconcile();
        if (overlays != null) {
            overlays.releaseAll(); // the overlays the sweep detached end once nothing holds them
        }
        fs.settleWrites(); // the daemon's state file is on the disk
        fs.awaitRemovals(60_000); // the trees removed are deleted from the disk too before close returns
    }

    /** Waits for the work the network and the overlays finish in the background (see {@link InOrder}). */
    private void settle() {
        nat.settle();
        if (links != null) {
            links.settle();
        }
        if (overlays != null) {
            overlays.settle();
        }
    }

    /**
     * Finds what the engine left under this kernel's names and takes it apart: processes in its
     * cgroups are killed, mounts under the state root unmounted, its bridge and the veth ends on it
     * deleted, its nat chain and the jumps into it deleted, its cgroups removed. Runs at open (after a
     * crash) and at close.
     */
    synchronized void reconcile() {
        settle();
        Reconciler.sweep(options, cgroupLayout);
        nat.forget();
        ledger.sandboxes.clear();
        ledger.cgroups.clear();
        ledger.overlays.clear();
        ledger.links.clear();
    }

    // ---------------------------------------------------------------- host facts

    private static KernelInfo hostInfo(String cgroupVersion) {
        String release = read("/proc/sys/kernel/osrelease").trim();
        String os = "Linux";
        for (String line : read("/etc/os-release").split("\n")) {
            if (line.startsWith("PRETTY_NAME=")) {
                os = line.substring(12).replace("\"", "");
            }
        }
        long mem = 0;
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                mem = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        return new KernelInfo(release, os, arch, Runtime.getRuntime().availableProcessors(), mem, cgroupVersion.substring(1), "cgroupfs",
                read("/proc/sys/kernel/hostname").strip());
    }

    static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            return "";
        }
    }

    /** A Cgroups that notes each cgroup it made in the ledger. */
    static final class TrackedCgroups implements Cgroups {
        private final Cgroups inner;
        private final Ledger ledger;

        TrackedCgroups(Cgroups inner, Ledger ledger) {
            this.inner = inner;
            this.ledger = ledger;
        }

        @Override
        public String version() {
            return inner.version();
        }

        @Override
        public java.util.Set<dev.glassbox.kernel.CgroupFeature> features() {
            return inner.features();
        }

        @Override
        public void create(String path, CgroupLimits limits) {
            inner.create(path, limits);
            synchronized (ledger) {
                ledger.cgroups.put(path, limits);
            }
        }

        @Override
        public void update(String path, CgroupLimits limits) {
            inner.update(path, limits);
            synchronized (ledger) {
                ledger.cgroups.put(path, limits);
            }
        }

        @Override
        public void attach(String path, int pid) {
            inner.attach(path, pid);
        }

        @Override
        public CgroupStats stats(String path) {
            return inner.stats(path);
        }

        @Override
        public void freeze(String path, boolean frozen) {
            inner.freeze(path, frozen);
            synchronized (ledger) {
                if (frozen) {
                    ledger.frozen.add(path);
                } else {
                    ledger.frozen.remove(path);
                }
            }
        }

        boolean frozen(String path) {
            synchronized (ledger) {
                return ledger.frozen.contains(path);
            }
        }

        @Override
        public void remove(String path) {
            inner.remove(path);
            synchronized (ledger) {
                ledger.cgroups.remove(path);
                ledger.frozen.remove(path);
            }
        }

        Map<String, CgroupLimits> made() {
            synchronized (ledger) {
                return new LinkedHashMap<>(ledger.cgroups);
            }
        }
    }
}
