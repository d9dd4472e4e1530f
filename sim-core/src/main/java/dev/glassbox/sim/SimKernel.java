package dev.glassbox.sim;

import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.kernel.KernelEvent;
import dev.glassbox.kernel.KernelInfo;
import dev.glassbox.kernel.KernelState;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.ProcessEvents;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import dev.glassbox.trace.Tracer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The sim kernel: a small operating system in memory. Deterministic: time is virtual, randomness
 * comes from a seed, and processes run one at a time in a fixed order.
 */
public final class SimKernel implements Kernel {
    /** Virtual boot time: 2026-01-05T09:00:00Z. */
    public static final long BOOT_MILLIS = 1_767_603_600_000L;
    /**
     * The sim kernel's threads-max: every process is a thread of the JVM every session of a classroom server shares, so a
     * fork bomb in one session stops at 1024 (an nginx container runs four: its shim, master and two workers).
     */
    public static final int MAX_PROCESSES = 1024;
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    final Scheduler scheduler;
    final long bootMillis;
    private final SplittableRandom random;
    private final Function<String, Optional<Program>> programs;
    /** The hostname of the host a lone sim kernel boots (the first host of a world). */
    public static final String HOSTNAME = "glassbox-host";
    private final KernelInfo info;
    private long nextIno = 2;
    /** Inodes of pipefs, the kernel's own filesystem of pipes. */
    long nextPipeIno = 4026531840L + 1024;
    private long nextNs = 4026532193L;
    private final TreeMap<Integer, SimProcess> procs = new TreeMap<>();
    private final Map<Integer, List<Consumer<ExitStatus>>> exitListeners = new HashMap<>();
    private final ArrayDeque<Runnable> notices = new ArrayDeque<>();
    private boolean delivering;
    private Tracer tracer;
    final Map<String, Namespaces.Set> sandboxes = new TreeMap<>();
    /** Counts the sandboxes added and released: the traced state's order of their namespaces is kept while it stays. */
    int sandboxesVersion;
    private final Map<String, SimProcess> shims = new TreeMap<>();
    SimProcess containerd;

    final SimClockInodes ids = new SimClockInodes() {
        @Override
        public long nextIno() {
            return nextIno++;
        }

        @Override
        public long now() {
            return SimKernel.this.now();
        }
    };
    final Namespaces.Set hostNs;
    final TreeFs hostFs;
    final SimCgroups cgroups;
    /**
     * The sum of every process's resident memory as set (SimProcess.rss(long)): at least what the live processes hold,
     * since a process's memory drops to none when it exits. The host's OOM check reads it instead of adding up every
     * process at every charge (a shell charges each variable it sets).
     */
    long liveRss;
    final SimNet net;
    private final SimProcesses processes;
    private final SimMounts mounts;
    private final SimHostFs fs;
    private final Runnable notify = this::deliverNotices;
    /** The LAN this host's eth0 is on, shared with the other hosts of its world; null for a lone host. */
    SimLan lan;
    /** The host's name on the trace's events, "" while it is alone. */
    private java.util.function.Supplier<String> hostTag = () -> "";

    public SimKernel(long seed, Function<String, Optional<Program>> programs) {
        this(seed, BOOT_MILLIS, programs);
    }

    /** A kernel whose processes are carried by {@code threads} (see ProcessThreads.standard for the usual choice). */
    public SimKernel(long seed, Function<String, Optional<Program>> programs, ProcessThreads threads) {
        this(seed, programs, new Scheduler(BOOT_MILLIS, threads), HOSTNAME, SimLan.FIRST_ADDRESS, SimLan.FIRST_MAC, BOOT_MILLIS);
    }

    /** A kernel whose virtual clock starts at {@code bootMillis} (epoch milliseconds) instead of {@link #BOOT_MILLIS}. */
    public SimKernel(long seed, long bootMillis, Function<String, Optional<Program>> programs) {
        this(seed, programs, new Scheduler(bootMillis, ProcessThreads.standard()), HOSTNAME, SimLan.FIRST_ADDRESS, SimLan.FIRST_MAC,
                bootMillis);
    }

    /** A host on {@code scheduler} (shared by every host of a world), with its hostname and eth0's address (CIDR) and MAC. */
    SimKernel(long seed, Function<String, Optional<Program>> programs, Scheduler scheduler, String hostname, String eth0, String mac) {
        this(seed, programs, scheduler, hostname, eth0, mac, BOOT_MILLIS);
    }

    private SimKernel(long seed, Function<String, Optional<Program>> programs, Scheduler scheduler, String hostname, String eth0, String mac,
                      long bootMillis) {
        this.random = new SplittableRandom(seed);
        this.programs = programs;
        this.bootMillis = bootMillis;
        this.info = new KernelInfo("6.1.0-glassbox-sim", "Debian GNU/Linux 12 (bookworm)", "x86_64", 2,
                8L * 1024 * 1024 * 1024, "2", "cgroupfs", hostname);
        this.scheduler = scheduler;
        scheduler.afterSlice(notify);
        this.hostFs = new TreeFs("ext4", ids);
        MountTable hostTable = new MountTable();
        Namespaces.Pid hostPid = new Namespaces.Pid(4026531836L, 0, null);
        this.hostNs = new Namespaces.Set(hostPid, new Namespaces.Mnt(4026531841L, 0, hostTable),
                new Namespaces.Uts(4026531838L, 0, hostname), new SimNet.NetNs(4026531840L, 0),
                new Namespaces.Plain(NsType.IPC, 4026531839L, 0), new Namespaces.User(4026531837L, 0, null, List.of(dev.glassbox.kernel.IdMap.IDENTITY), List.of(dev.glassbox.kernel.IdMap.IDENTITY)),
                new Namespaces.Plain(NsType.CGROUP, 4026531835L, 0));
        this.cgroups = new SimCgroups(this);
        this.net = new SimNet(this, hostNs.net(), eth0, mac);
        this.processes = new SimProcesses(this);
        this.mounts = new SimMounts(this);
        this.fs = new SimHostFs(this);
        HostSetup.boot(this, hostTable);
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public boolean reportsPacketHops() {
        return true;
    }

    @Override
    public KernelInfo info() {
        return info;
    }

    @Override
    public String hostResolvConf() {
        return fs.exists("/etc/resolv.conf") ? new String(fs.readFile("/etc/resolv.conf"), java.nio.charset.StandardCharsets.UTF_8) : "";
    }

    @Override
    public void trace(Tracer t) {
        this.tracer = t;
    }

    long now() {
        return scheduler.now();
    }

    @Override
    public long currentTimeMillis() {
        return scheduler.now();
    }

    @Override
    public byte[] random(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Override
    public void idle(long millis) {
        scheduler.advanceTo(scheduler.now() + millis);
    }

    @Override
    public SimHostFs fs() {
        return fs;
    }

    @Override
    public SimProcesses processes() {
        return processes;
    }

    @Override
    public SimCgroups cgroups() {
        return cgroups;
    }

    @Override
    public SimMounts mounts() {
        return mounts;
    }

    @Override
    public SimNet net() {
        return net;
    }

    // ---- shared by the parts of the kernel

    /** Records a step of the kernel-event catalog before it changes anything. */
    void event(KernelEvent e) {
        if (tracer != null) {
            try (Tracer.Span host = tracer.onHost(hostTag.get())) {
                e.note(tracer);
            }
        }
        touches(e); // after the note: what the step is about to change is read at the next step
    }

    /** Marks the parts of the state a step of this subsystem edits. */
    private void touches(KernelEvent e) {
        switch (e.subsystem()) {
            case NAMESPACE: // a sandbox's namespaces, mounts, links and routes are marked where the sandbox is made
                break;
            case CGROUP:
                edits.mark(dev.glassbox.trace.StatePart.CGROUPS);
                break;
            case UNIONFS:
                edits.mark(dev.glassbox.trace.StatePart.MOUNTS);
                break;
            case NETWORK:
                for (dev.glassbox.trace.StatePart part : dev.glassbox.kernel.NetEvents.edits(e.action())) {
                    edits.mark(part);
                }
                break;
            case PROCESS: // a process made or reaped marks the parts that count it (namespaces, cgroups) where it happens
                edits.markAlone(dev.glassbox.trace.StatePart.PROCESSES);
                break;
            default:
                break;
        }
    }

    /** Records a step of the kernel-event catalog that has just happened (see {@link Tracer#did}). */
    void done(KernelEvent e) {
        touches(e); // before the step: what it changed is its own
        if (tracer != null) {
            try (Tracer.Span host = tracer.onHost(hostTag.get())) {
                e.did(tracer);
            }
        }
    }

    /** The name this host's events carry on a trace shared with other hosts ("" while it is alone). */
    /** A new command begins: the processes' work is counted from zero again (a runaway is what one command may not do). */
    public void newCommand() {
        scheduler.work = 0;
        scheduler.written = 0;
        scheduler.wakeups = 0;
    }

    /** Units of work this kernel's processes did since the current command began (a shell command, a write: see SimProcess.tick). */
    public long commandWork() {
        return scheduler.work;
    }

    public void hostTag(java.util.function.Supplier<String> tag) {
        this.hostTag = tag;
    }

    long newNsInode() {
        return nextNs++;
    }

    /** The processes in the order of their PIDs, to read (not to change the process table while walking it). */
    java.util.Collection<SimProcess> processesByPid() {
        return java.util.Collections.unmodifiableCollection(procs.values());
    }

    List<SimProcess> procList() {
        return new ArrayList<>(procs.values());
    }

    int lastPid() {
        return procs.isEmpty() ? 0 : procs.lastKey();
    }

    SimProcess process(int pid) {
        SimProcess p = procs.get(pid);
        if (p == null || !p.alive()) {
            throw SysError.esrch();
        }
        return p;
    }

    SimProcess processOrNull(int pid) {
        return procs.get(pid);
    }

    /** A new process entry, numbered in every PID namespace from the host's down to {@code pidNs}. */
    SimProcess newProcess(Namespaces.Set ns, SimProcess parent) {
        if (procs.size() >= MAX_PROCESSES) {
            event(ProcessEvents.forkRefused(MAX_PROCESSES));
            throw SysError.eagain();
        }
        List<Integer> ids = new ArrayList<>();
        for (Namespaces.Pid level : ns.pid().chain()) {
            ids.add(level.allocate());
        }
        SimProcess p = new SimProcess(this, ids.get(0), ns, ids, now());
        int i = 0;
        for (Namespaces.Pid level : ns.pid().chain()) {
            level.members.put(ids.get(i++), p);
        }
        p.parent = parent;
        edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        if (parent != null) {
            parent.children.add(p);
        }
        procs.put(p.pid, p);
        edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        return p;
    }

    /** containerd's shim for a container: the host-side parent of its processes, as in Docker. */
    SimProcess shimFor(String id) {
        return shims.computeIfAbsent(id, key -> {
            SimProcess shim = newProcess(hostNs, containerd);
            shim.hostDaemon = true;
            shim.state = SimProcess.State.SLEEPING;
            edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
            shim.programName = "containerd-shim";
            shim.argv = List.of("/usr/bin/containerd-shim-runc-v2", "-namespace", "moby", "-id", key, "-address", "/run/containerd/containerd.sock");
            edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
            cgroups.move(shim, cgroups.root);
            return shim;
        });
    }

    void releaseShim(String id) {
        SimProcess shim = shims.remove(id);
        if (shim != null) {
            for (SimProcess c : new ArrayList<>(shim.children)) {
                if (!c.alive()) {
                    reap(c);
                }
            }
            if (shim.children.isEmpty()) {
                shim.state = SimProcess.State.ZOMBIE;
                edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
                reap(shim);
                if (shim.cgroup != null) {
                    shim.cgroup.procs.remove(shim);
                    edits.mark(dev.glassbox.trace.StatePart.CGROUPS);
                }
            } else {
                shims.put(id, shim);
            }
        }
    }

    Program programFor(String name) {
        return programs.apply(name).orElseThrow(() -> new IllegalStateException("no sim program named " + name));
    }

    boolean hasProgram(String name) {
        return programs.apply(name).isPresent();
    }

    Namespaces.Set namespacesOf(Sandbox sb) {
        Namespaces.Set ns = sandboxes.get(sb.id());
        if (ns == null) {
            throw SysError.esrch();
        }
        return ns;
    }

    List<SimNet.NetNs> netNamespaces() {
        List<SimNet.NetNs> out = new ArrayList<>();
        out.add(hostNs.net());
        for (Namespaces.Set s : sandboxes.values()) {
            if (!out.contains(s.net())) {
                out.add(s.net());
            }
        }
        return out;
    }

    // ---- signals and exits

    /** Sends a signal; {@code sender} is null for the kernel or the host (outside every container). */
    void signal(SimProcess target, int sig, SimProcess sender) {
        if (!target.alive()) {
            return;
        }
        boolean isInit = target.nsPid() == 1 && target.ns.pid() != hostNs.pid();
        boolean hasHandler = target.handler(sig) != null;
        if (isInit && !hasHandler) {
            boolean fromInside = sender != null && sender.ns.pid().isOrDescendsFrom(target.ns.pid());
            if (sig != Signals.SIGKILL || fromInside) {
                event(ProcessEvents.signalIgnored(target.pid, sig, "kill(" + target.pid + ", " + Signals.name(sig) + ")"));
                return;
            }
        }
        if (sig != Signals.SIGKILL && target.ignores(sig)) {
            return;
        }
        if (sig != Signals.SIGKILL && hasHandler) {
            target.pend(sig);
            scheduler.makeRunnable(target);
            return;
        }
        if (sig == Signals.SIGCHLD || sig == Signals.SIGWINCH || sig == Signals.SIGCONT || sig == Signals.SIGSTOP) {
            return;
        }
        kill(target, sig, false);
    }

    /** Ends a process with a signal (the default action, or the OOM killer). */
    void kill(SimProcess target, int sig, boolean oom) {
        if (!target.alive()) {
            return;
        }
        target.oomKilled |= oom;
        if (target.hasThread()) {
            target.markKilled(sig);
            if (scheduler.current() == target) {
                throw new SimProcess.Killed();
            }
        } else {
            target.killedBy = sig;
            exited(target, ExitStatus.killed(sig, target.oomKilled));
        }
    }

    void exited(SimProcess p, ExitStatus status) {
        if (!p.alive()) {
            return;
        }
        p.exit = status;
        p.state = SimProcess.State.ZOMBIE;
        edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        processes.recordExit(p.pid, status);
        p.rss(0);
        edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        for (SimNet.Socket s : p.dropSockets()) {
            net.close(s);
        }
        p.closePipes();
        if (p.cgroup != null) {
            p.cgroup.procs.remove(p);
            edits.mark(dev.glassbox.trace.StatePart.CGROUPS);
        }
        boolean nsInit = p.nsPid() == 1 && p.ns.pid() != hostNs.pid();
        for (SimProcess child : new ArrayList<>(p.children)) {
            if (nsInit) {
                kill(child, Signals.SIGKILL, false);
            }
            if (child.state == SimProcess.State.ZOMBIE) {
                reap(child);
            }
        }
        if (nsInit) {
            for (SimProcess other : procList()) {
                if (other != p && other.alive() && other.ns.pid().isOrDescendsFrom(p.ns.pid())) {
                    kill(other, Signals.SIGKILL, false);
                }
            }
        }
        SimProcess parent = p.parent;
        if (parent == null || parent.hostDaemon || !parent.alive()) {
            reap(p);
        } else {
            scheduler.makeRunnable(parent);
        }
        List<Consumer<ExitStatus>> listeners = exitListeners.remove(p.pid);
        if (listeners != null) {
            for (Consumer<ExitStatus> l : listeners) {
                notices.add(() -> l.accept(status));
            }
        }
    }

    void reap(SimProcess p) {
        p.state = SimProcess.State.DEAD;
        procs.remove(p.pid);
        edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        int i = 0;
        for (Namespaces.Pid level : p.ns.pid().chain()) {
            level.members.remove(p.nsPids.get(i++), p);
        }
        if (p.parent != null) {
            p.parent.children.remove(p);
        }
    }

    /** {@code reaped}: the status of the process if it has already been reaped, as its parent's wait saw it. */
    void onExit(int pid, Consumer<ExitStatus> listener, ExitStatus reaped) {
        SimProcess p = procs.get(pid);
        if (p == null || !p.alive()) {
            ExitStatus st = p != null ? p.exit : reaped != null ? reaped : ExitStatus.exited(0);
            notices.add(() -> listener.accept(st));
            return;
        }
        exitListeners.computeIfAbsent(pid, k -> new ArrayList<>()).add(listener);
    }

    /** Runs exit callbacks on the driver, once processes have stopped running. */
    private void deliverNotices() {
        if (delivering) {
            return;
        }
        delivering = true;
        try (Tracer.Span host = tracer == null ? () -> {} : tracer.onHost(hostTag.get())) {
            while (!notices.isEmpty()) {
                notices.poll().run();
            }
        } finally {
            delivering = false;
        }
    }

    @Override
    public KernelState state() {
        return StateView.of(this);
    }

    /** What the last read of the state made of processes and mounts, for the next read to reuse. */
    final StateView.Cache viewCache = new StateView.Cache();

    /** The parts of the state edited since the tracer last read them: each edit below marks its part. */
    final dev.glassbox.trace.Edits edits = new dev.glassbox.trace.Edits();

    @Override
    public dev.glassbox.trace.Edits edits() {
        return edits;
    }

    @Override
    public Object part(dev.glassbox.trace.StatePart part) {
        return StateView.part(this, part);
    }

    @Override
    public void close() {
        for (SimProcess p : procList()) {
            if (p.alive() && p.hasThread()) {
                p.markKilled(Signals.SIGKILL);
            }
        }
        scheduler.runReady();
        if (lan != null) {
            scheduler.dropAfterSlice(notify);
            lan.leave(this);
        }
    }
}
