package dev.glassbox.linux;

import dev.glassbox.kernel.CloneSpec;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.IdMap;
import dev.glassbox.kernel.KernelEvent;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.ProcessEvents;
import dev.glassbox.kernel.ProcessInfo;
import dev.glassbox.kernel.Processes;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.Stdio;
import dev.glassbox.kernel.StdioSpec;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import dev.glassbox.trace.Tracer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Processes on the host's kernel, through the {@code glassbox-init} helper (see {@link InitHelper}):
 * clone into namespaces, hold before execve, setns for docker exec. Each process's helper plays
 * containerd's shim: it runs in a session of its own and writes the exit status to a file, so a
 * container outlives the daemon. A process with an open stdin or a terminal ({@link StdioSpec})
 * keeps its helper's channel: after execve its shim reads the writer's bytes from it ({@link ShimStdio})
 * and holds the stdin pipe or the pty's master. Files live under {@code <stateRoot>/run/<sandbox id>/}. Records the
 * same kernel-layer events as the sim kernel's processes, with the real system calls as equivalents.
 */
public final class LinuxProcesses implements Processes, LinuxCgroups.SelfJoin, LinuxNet.HeldInits {
    /** How long after its execve an init gets to install its signal handlers (see {@link #settles}). */
    static final long SETTLE_MILLIS = 250;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Map<NsType, Integer> FLAGS = Map.of(NsType.MNT, 0x00020000, NsType.UTS, 0x04000000, NsType.IPC, 0x08000000,
            NsType.USER, 0x10000000, NsType.PID, 0x20000000, NsType.NET, 0x40000000, NsType.CGROUP, 0x02000000);
    /** setns order: the user namespace first, the mount namespace after those that need /proc. */
    private static final List<NsType> JOIN_ORDER = List.of(NsType.USER, NsType.IPC, NsType.UTS, NsType.NET, NsType.PID, NsType.MNT,
            NsType.CGROUP);

    private final Path stateRoot;
    private final Path runRoot;
    private final Tracer tracer;
    private final Map<String, Box> boxes = new ConcurrentHashMap<>();
    private final Shims shims;
    private final AtomicInteger execs = new AtomicInteger();
    private final Spares helpers;
    /** The writers' ends of the processes started with an open stdin or a tty, until they end. */
    private final Map<Integer, ShimStdio> stdios = new ConcurrentHashMap<>();

    /** A cloned init, held before execve: its helper channel and what it still has to do. */
    static final class Box {
        final Sandbox sandbox;
        final InitHelper.Channel channel;
        final boolean cgroupNs;
        final Path dir;
        volatile String preparedRoot;
        volatile boolean started;
        /** When execve succeeded (System.nanoTime), for {@link #kill}. */
        volatile long startedNanos;
        /** A cgroup.procs file of the container's cgroup once its init joined it: where its processes are listed. */
        volatile Path procs;

        Box(Sandbox sandbox, InitHelper.Channel channel, boolean cgroupNs, Path dir) {
            this.sandbox = sandbox;
            this.channel = channel;
            this.cgroupNs = cgroupNs;
            this.dir = dir;
        }
    }

    public LinuxProcesses(Path stateRoot, Tracer tracer) {
        this.stateRoot = stateRoot.toAbsolutePath().normalize();
        this.runRoot = this.stateRoot.resolve("run");
        this.tracer = tracer;
        this.shims = new Shims(runRoot);
        this.helpers = new Spares(this.stateRoot);
    }

    private void note(KernelEvent e) {
        e.note(tracer);
    }

    Path stateRoot() {
        return stateRoot;
    }

    Box box(Sandbox sandbox) {
        Box b = boxes.get(sandbox.id());
        if (b == null) {
            throw new SysError(Errno.ESRCH, "glassbox: no held init for sandbox " + sandbox.id());
        }
        return b;
    }

    // ---------------------------------------------------------------- clone

    @Override
    public Sandbox clone(CloneSpec spec) {
        if (!ID.matcher(spec.id()).matches()) {
            throw new IllegalArgumentException("glassbox: refusing sandbox id '" + spec.id() + "'");
        }
        if (boxes.containsKey(spec.id())) {
            throw new SysError(Errno.EEXIST, "glassbox: sandbox " + spec.id() + " already exists");
        }
        Path dir = runRoot.resolve(spec.id()).resolve("init");
        deleteTree(dir);
        int flags = 0;
        List<String> names = new ArrayList<>();
        for (NsType t : NsType.values()) {
            if (spec.create().contains(t) && t != NsType.CGROUP) {
                flags |= FLAGS.get(t);
                names.add(t.cloneFlag());
            }
        }
        List<String> args = new ArrayList<>(List.of("create", dir.toString(), String.valueOf(flags)));
        for (NsType t : JOIN_ORDER) {
            Sandbox other = spec.join().get(t);
            if (other != null) {
                args.add(t.procName() + "=/proc/" + other.pid() + "/ns/" + t.procName());
            }
        }
        if (spec.create().contains(NsType.USER)) {
            args.add("uidmap=" + maps(spec.uidMap()));
            args.add("gidmap=" + maps(spec.gidMap()));
        }
        InitHelper.Channel ch = helpers.take(dir, args, true);
        int pid;
        try {
            pid = Integer.parseInt(ch.expectOk("clone").trim());
        } catch (RuntimeException e) {
            ch.close();
            ch.process.destroyForcibly();
            throw e;
        }
        shims.watch(new Shims.Watched(pid, ch.process, dir));
        ProcessEvents.clone(pid, "clone(" + String.join("|", names) + (names.isEmpty() ? "" : "|") + "SIGCHLD) = " + pid).did(tracer);
        Map<NsType, Long> inodes = new TreeMap<>();
        for (NsType t : NsType.values()) {
            long inode = ProcFiles.nsInode(pid, t.procName());
            inodes.put(t, inode);
            if (!spec.create().contains(t)) {
                continue;
            }
            if (t == NsType.CGROUP) {
                note(ProcessEvents.newNamespace(t, "cgroup:[at execve]",
                        "unshare(CLONE_NEWCGROUP) just before execve, once the process is in its cgroup (that cgroup becomes the namespace's '/')"));
            } else {
                note(ProcessEvents.newNamespace(t, t.procName() + ":[" + inode + "]",
                        "readlink /proc/" + pid + "/ns/" + t.procName() + " → " + t.procName() + ":[" + inode + "]"));
            }
        }
        if (spec.create().contains(NsType.USER)) {
            for (String file : List.of("uid_map", "gid_map")) {
                List<IdMap> maps = file.equals("uid_map") ? spec.uidMap() : spec.gidMap();
                note(ProcessEvents.idMap(pid, file, maps));
            }
        }
        Sandbox sb = new Sandbox(spec.id(), pid, inodes);
        boxes.put(spec.id(), new Box(sb, ch, spec.create().contains(NsType.CGROUP), dir));
        return sb;
    }

    /** What the helper writes to /proc/PID/uid_map: one "inside outside count" line per map. */
    private static String maps(List<IdMap> maps) {
        return String.join("\n", maps.stream().map(IdMap::written).toList()) + "\n";
    }


    /** Ends the spare helper (it exits when its stdin closes); no new one is started. */
    public void closeSpare() {
        helpers.close();
    }

    @Override
    public void sethostname(Sandbox sandbox, String hostname) {
        Box b = box(sandbox);
        long self = ProcFiles.nsInode((int) ProcessHandle.current().pid(), "uts");
        if (ProcFiles.nsInode(sandbox.pid(), "uts") == self) {
            throw new IllegalArgumentException("glassbox: refusing sethostname for " + sandbox.id() + ": it shares the host's UTS namespace");
        }
        String host;
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            host = "?";
        }
        note(ProcessEvents.sethostname(hostname, host));
        b.channel.call("hostname", hostname);
    }

    /** The held init with this pid, if it has not exec'd yet. */
    private Box heldInit(int pid) {
        for (Box b : boxes.values()) {
            if (b.sandbox.pid() == pid && !b.started) {
                return b;
            }
        }
        return null;
    }

    /**
     * A held init can move itself into its cgroups, unless it is in a user namespace of its own: its
     * root is not the host's, and the cgroup files belong to the host's root.
     */
    @Override
    public boolean canJoin(int pid) {
        Box b = heldInit(pid);
        if (b == null) {
            return false;
        }
        Long user = b.sandbox.namespaces().get(NsType.USER);
        return user == null || user == ProcFiles.nsInode((int) ProcessHandle.current().pid(), "user");
    }

    /** The held init {@code pid} writes itself into these cgroups; false if it could not (the daemon writes its pid then). */
    @Override
    public boolean join(int pid, List<Path> procsFiles) {
        Box b = heldInit(pid);
        if (b == null) {
            return false;
        }
        List<String> fields = new ArrayList<>();
        fields.add("cgroup");
        procsFiles.forEach(f -> fields.add(f.toString()));
        try {
            b.channel.call(fields.toArray(String[]::new));
            return true;
        } catch (SysError e) {
            return false; // the daemon writes the pid instead
        }
    }

    /** The container whose init is {@code pid} lists its processes from this cgroup (see {@link #list}). */
    @Override
    public void joined(int pid, List<Path> procsFiles) {
        Box b = heldInit(pid);
        if (b != null && !procsFiles.isEmpty()) {
            b.procs = procsFiles.get(0);
        }
    }

    /** The held init {@code pid} brings up a link of its network namespace (see {@link LinuxNet.HeldInits}). */
    @Override
    public void linkUp(int pid, String ifname) {
        Box b = heldInit(pid);
        if (b == null) {
            throw new SysError(Errno.ESRCH, "glassbox: no held init with pid " + pid);
        }
        b.channel.call("linkup", ifname);
    }

    // ---------------------------------------------------------------- exec and spawn

    @Override
    public int exec(Sandbox sandbox, ExecSpec spec) {
        Box b = box(sandbox);
        if (b.started) {
            throw new ExecFailure("container init was already started", 126);
        }
        Shims.Watched init = shims.get(sandbox.pid());
        init.hold();
        try {
            init.noteMemoryCgroup();
            init.follow(spec.output());
            Launched l = launch(b.channel, b.dir, spec, b.cgroupNs);
            b.started = true;
            b.startedNanos = System.nanoTime();
            keepOrClose(init, b.channel, spec);
            helpers.prepareNext();
            note(ProcessEvents.execve(spec.argv(), l.path, execve(l.path, spec.argv(), spec.capabilities())));
            return sandbox.pid();
        } finally {
            init.resume();
        }
    }

    @Override
    public int spawn(Sandbox sandbox, ExecSpec spec) {
        if (!ProcFiles.alive(sandbox.pid())) {
            throw new ExecFailure("container " + sandbox.id() + " is not running", 126);
        }
        Path dir = runRoot.resolve(sandbox.id()).resolve("exec-" + execs.incrementAndGet());
        deleteTree(dir);
        List<String> args = new ArrayList<>(List.of("exec", dir.toString(), String.valueOf(sandbox.pid())));
        args.addAll(ProcFiles.cgroupProcsFiles(sandbox.pid()));
        InitHelper.Channel ch = helpers.take(dir, args, false);
        Shims.Watched proc;
        Launched l;
        try {
            proc = new Shims.Watched(Integer.parseInt(ch.expectOk("setns").trim()), ch.process, dir);
            proc.follow(spec.output());
            l = launch(ch, dir, spec, false);
        } catch (SysError e) {
            ch.close();
            throw new ExecFailure(e.getMessage(), 126);
        } catch (RuntimeException e) {
            ch.close();
            throw e;
        }
        int pid = proc.pid;
        List<String> joined = new ArrayList<>();
        for (NsType t : JOIN_ORDER) {
            if (ProcFiles.nsInode(sandbox.pid(), t.procName()) != ProcFiles.nsInode((int) ProcessHandle.current().pid(), t.procName())) {
                joined.add(t.procName());
            }
        }
        note(ProcessEvents.exec(spec.argv(), l.path, l.nsPid, "setns(/proc/" + sandbox.pid() + "/ns/{" + String.join(",", joined)
                + "}) ; fork() ; " + execve(l.path, spec.argv(), spec.capabilities())));
        shims.watch(proc);
        keepOrClose(proc, ch, spec);
        return pid;
    }

    /**
     * After execve the channel is the shim's way to the process's stdin: kept for an interactive
     * process, until it ends; closed for any other, whose shim then stops reading it.
     */
    private void keepOrClose(Shims.Watched proc, InitHelper.Channel ch, ExecSpec spec) {
        if (!spec.stdio().interactive()) {
            ch.close();
            return;
        }
        ShimStdio io = new ShimStdio(ch, spec.stdio().tty(), proc::nudge);
        stdios.put(proc.pid, io);
        proc.exit.whenComplete((st, e) -> {
            stdios.remove(proc.pid, io);
            io.end();
        });
        StdioSpec s = spec.stdio();
        if (s.tty()) {
            note(ProcessEvents.openPtyPeer(proc.pid, s.rows(), s.cols(), "open(\"/dev/pts/ptmx\") ; ioctl(TIOCSPTLCK) ; ioctl(TIOCGPTPEER) ; ioctl(TIOCSWINSZ, " + s.rows() + "x" + s.cols()
                            + ") ; setsid() ; ioctl(0, TIOCSCTTY) ; sendmsg(SCM_RIGHTS master → shim)"));
        } else {
            note(ProcessEvents.stdinPipe(proc.pid, "pipe2() ; dup2(pipe[0], 0)"));
        }
    }

    private record Launched(String path, int nsPid) {}

    /** Sends the exec command; the channel closing after "path …" means execve succeeded. */
    private Launched launch(InitHelper.Channel ch, Path dir, ExecSpec spec, boolean cgroupNs) {
        try {
            Files.writeString(dir.resolve("stdin"), spec.stdin());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> fields = new ArrayList<>(List.of("exec", cgroupNs ? "1" : "0", String.valueOf(spec.uid()), String.valueOf(spec.gid()),
                spec.cwd(), String.valueOf(spec.argv().size())));
        fields.addAll(spec.argv());
        fields.add(String.valueOf(spec.env().size()));
        fields.addAll(spec.env());
        StdioSpec io = spec.stdio();
        fields.addAll(List.of(io.tty() ? "tty" : io.open() ? "pipe" : "file", String.valueOf(io.rows()), String.valueOf(io.cols())));
        fields.add(Long.toUnsignedString(dev.glassbox.kernel.Capability.mask(spec.capabilities()))); // the bounding set to keep
        ch.send(fields);
        String first = ch.read();
        if (first == null) {
            throw new ExecFailure("exec: \"" + spec.argv().get(0) + "\": the container's process ended before execve" + ch.log(), 126);
        }
        if (!first.startsWith("path ")) {
            throw failure(first);
        }
        String after = ch.read();
        if (after != null) {
            throw failure(after);
        }
        String rest = first.substring(5);
        int space = rest.lastIndexOf(' ');
        return new Launched(rest.substring(0, space), Integer.parseInt(rest.substring(space + 1)));
    }

    private static ExecFailure failure(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length == 3 && parts[0].equals("error")) {
            int code = parts[1].equals("127") ? 127 : 126;
            return new ExecFailure(parts[2], code);
        }
        return new ExecFailure(line, 126);
    }

    private static String execve(String path, List<String> argv, java.util.Set<dev.glassbox.kernel.Capability> caps) {
        StringBuilder sb = new StringBuilder("execve(\"").append(path).append("\", [");
        for (int i = 0; i < argv.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(argv.get(i)).append('"');
        }
        String kept = caps.equals(dev.glassbox.kernel.Capability.DOCKER_DEFAULT) ? "all but Docker's 14 default capabilities"
                : caps.size() == dev.glassbox.kernel.Capability.ALL.size() ? "no capability (all kept)"
                : "all but " + caps.size() + " capabilities (" + String.join(",", caps.stream().map(Enum::name).toList()) + ")";
        return sb.append("], envp) after prctl(PR_CAPBSET_DROP) of ").append(kept).toString();
    }

    // ---------------------------------------------------------------- signals and waits

    @Override
    public Stdio stdio(int pid) {
        Stdio io = stdios.get(pid);
        if (io == null) {
            throw new IllegalStateException("process " + pid + " has no open standard input");
        }
        return io;
    }

    @Override
    public void kill(int pid, int signal) {
        if (shims.ended(pid)) {
            return;
        }
        note(ProcessEvents.kill(pid, signal));
        boolean ignored = ProcFiles.initIgnores(pid, signal) && !settles(pid, signal);
        signal(pid, signal);
        if (ignored) {
            note(ProcessEvents.signalIgnored(pid, signal, "grep SigCgt /proc/" + pid + "/status → no " + Signals.name(signal) + " handler; kill(" + pid + ", " + Signals.name(signal) + ") is dropped"));
        }
    }

    /**
     * A program that was exec'd a moment ago may not have installed its signal handlers yet (a shell
     * has still to run its {@code trap}); a PID 1 without a handler drops the signal. So a signal for
     * an init started less than {@link #SETTLE_MILLIS} ago waits, until then, for a handler to appear:
     * whether one did.
     */
    private boolean settles(int pid, int signal) {
        long since = 0;
        for (Box b : boxes.values()) {
            if (b.sandbox.pid() == pid && b.started) {
                since = b.startedNanos;
            }
        }
        long deadline = since + SETTLE_MILLIS * 1_000_000L;
        while (since != 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            if (!ProcFiles.initIgnores(pid, signal)) {
                return true;
            }
        }
        return false;
    }

    /** kill(2) from the JVM; where libc is not bound, the kill command. A process already gone is no error. */
    static void signal(int pid, int signal) {
        if (pid <= 1) {
            throw new IllegalArgumentException("glassbox: refusing to signal pid " + pid);
        }
        if (Sys.available()) {
            Sys.libc().kill(pid, signal);
        } else {
            Cmd.run(List.of("kill", "-" + signal, String.valueOf(pid)), Cmd.DEFAULT_TIMEOUT_MILLIS);
        }
    }

    @Override
    public Optional<ExitStatus> waitFor(int pid, long timeoutMillis) {
        return shims.waitFor(pid, timeoutMillis);
    }

    @Override
    public void onExit(int pid, Consumer<ExitStatus> listener) {
        shims.onExit(pid, listener);
    }

    @Override
    public List<ProcessInfo> list(Sandbox sandbox) {
        Box b = boxes.get(sandbox.id());
        if (b != null && !b.started) {
            return List.of(); // the held init is not running a program yet
        }
        long pidNs = sandbox.namespaces().getOrDefault(NsType.PID, 0L);
        if (pidNs == 0) {
            return List.of();
        }
        // every process of the container is in its cgroup (docker exec's too): a look at the few in
        // it, not at each of the host's processes, which the trace's state did at every step
        List<ProcessInfo> inCgroup = b != null && b.procs != null ? ProcFiles.inPidNamespace(pidNs, b.procs) : null;
        return inCgroup != null ? inCgroup : ProcFiles.inPidNamespace(pidNs);
    }

    /**
     * Ends a held init that never exec'd, forgets the sandbox and removes its run directory once its
     * processes have all ended (their mount, PID, UTS and IPC namespaces go with the last of them).
     */
    @Override
    public void release(Sandbox sandbox) {
        Box b = boxes.remove(sandbox.id());
        if (b != null && !b.started) {
            b.channel.close();
            if (!shims.ended(sandbox.pid())) {
                signal(sandbox.pid(), Signals.SIGKILL);
                waitFor(sandbox.pid(), 5_000);
            }
        }
        if (!shims.forgetEndedUnder(runRoot.resolve(sandbox.id()))) {
            deleteTree(runRoot.resolve(sandbox.id()));
        }
    }

    /** Kills every process this kernel started and waits for them: for tests and a daemon's shutdown with --rm. */
    public void killAll() {
        for (Box b : boxes.values()) {
            b.channel.close();
        }
        shims.killAll();
    }

    private void deleteTree(Path dir) {
        if (!dir.startsWith(runRoot) || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("glassbox: cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
