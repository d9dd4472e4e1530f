package dev.glassbox.sim;

import dev.glassbox.image.SimBinary;
import dev.glassbox.kernel.CloneSpec;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.IdMap;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.ProcessEvents;
import dev.glassbox.kernel.ProcessInfo;
import dev.glassbox.kernel.Processes;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.SysError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The Processes part of the SPI on the sim kernel, and execve's program lookup. */
final class SimProcesses implements Processes {
    private final SimKernel k;
    /** Exit statuses of recent processes, for waits that come after the process was reaped. */
    private final Map<Integer, ExitStatus> exits = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, ExitStatus> e) {
            return size() > 4096;
        }
    };

    SimProcesses(SimKernel k) {
        this.k = k;
    }

    void recordExit(int pid, ExitStatus status) {
        exits.put(pid, status);
    }

    @Override
    public Sandbox clone(CloneSpec spec) {
        List<String> flags = new ArrayList<>();
        for (NsType t : NsType.values()) {
            if (spec.create().contains(t)) {
                flags.add(t.cloneFlag());
            }
        }
        SimProcess shim = k.shimFor(spec.id());
        Namespaces.Set host = k.hostNs;
        Map<NsType, Namespaces.Ns> chosen = new TreeMap<>();
        for (NsType t : NsType.values()) {
            Sandbox joined = spec.join().get(t);
            chosen.put(t, joined != null ? k.namespacesOf(joined).get(t) : host.get(t));
        }
        long firstInode = 0;
        for (NsType t : NsType.values()) {
            if (!spec.create().contains(t)) {
                continue;
            }
            long inode = k.newNsInode();
            firstInode = firstInode == 0 ? inode : firstInode;
            chosen.put(t, switch (t) {
                case PID -> new Namespaces.Pid(inode, 0, host.pid());
                case MNT -> new Namespaces.Mnt(inode, 0, host.mnt().table.copy());
                case UTS -> new Namespaces.Uts(inode, 0, host.uts().hostname);
                case NET -> {
                    SimNet.NetNs n = new SimNet.NetNs(inode, 0);
                    k.net.initNamespace(n);
                    yield n;
                }
                case USER -> new Namespaces.User(inode, 0, (Namespaces.User) chosen.get(NsType.USER), spec.uidMap(), spec.gidMap());
                default -> new Namespaces.Plain(t, inode, 0);
            });
        }
        Namespaces.Set set = new Namespaces.Set((Namespaces.Pid) chosen.get(NsType.PID), (Namespaces.Mnt) chosen.get(NsType.MNT),
                (Namespaces.Uts) chosen.get(NsType.UTS), (SimNet.NetNs) chosen.get(NsType.NET), (Namespaces.Plain) chosen.get(NsType.IPC),
                (Namespaces.User) chosen.get(NsType.USER), (Namespaces.Plain) chosen.get(NsType.CGROUP));
        SimProcess init = k.newProcess(set, shim);
        for (NsType t : spec.create()) {
            set.get(t).creatorPid = init.pid;
        }
        init.argv = List.of("runc", "init");
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        init.programName = "runc:[2:INIT]";
        k.cgroups.move(init, k.cgroups.root);
        k.sandboxes.put(spec.id(), set);
        k.sandboxesVersion++;
        k.edits.mark(dev.glassbox.trace.StatePart.NAMESPACES, dev.glassbox.trace.StatePart.MOUNTS);
        k.edits.mark(dev.glassbox.trace.StatePart.ROUTES, dev.glassbox.trace.StatePart.LINKS);
        k.done(ProcessEvents.clone(init.pid, "clone(" + String.join("|", flags) + "|SIGCHLD) = " + init.pid));
        Map<NsType, Long> inodes = new TreeMap<>();
        for (NsType t : NsType.values()) {
            Namespaces.Ns ns = set.get(t);
            inodes.put(t, ns.inode);
            if (spec.create().contains(t)) {
                k.event(ProcessEvents.newNamespace(t, t.procName() + ":[" + ns.inode + "]",
                        "readlink /proc/" + init.pid + "/ns/" + t.procName() + " → " + t.procName() + ":[" + ns.inode + "]"));
            }
        }
        if (spec.create().contains(NsType.USER)) {
            writeIdMaps(init.pid, spec);
        }
        return new Sandbox(spec.id(), init.pid, inodes);
    }

    /** The parent writes the child's id maps (the namespace is already there: the maps model who is who in it). */
    private void writeIdMaps(int pid, CloneSpec spec) {
        for (String file : List.of("uid_map", "gid_map")) {
            List<IdMap> maps = file.equals("uid_map") ? spec.uidMap() : spec.gidMap();
            k.event(ProcessEvents.idMap(pid, file, maps));
        }
    }

    @Override
    public void sethostname(Sandbox sandbox, String hostname) {
        Namespaces.Uts uts = k.namespacesOf(sandbox).uts();
        String host = k.hostNs.uts().hostname;
        k.event(ProcessEvents.sethostname(hostname, host));
        uts.hostname = hostname;
    }

    @Override
    public int exec(Sandbox sandbox, ExecSpec spec) {
        SimProcess p = k.process(sandbox.pid());
        if (p.state != SimProcess.State.CREATED) {
            throw new ExecFailure("container init was already started", 126);
        }
        Target t = target(p, spec);
        k.event(ProcessEvents.execve(spec.argv(), t.path(), execve(t.path(), spec.argv())));
        begin(p, spec, t);
        return p.pid;
    }

    @Override
    public int spawn(Sandbox sandbox, ExecSpec spec) {
        Namespaces.Set set = k.namespacesOf(sandbox);
        SimProcess init = k.processOrNull(sandbox.pid());
        SimCgroups.Group group = init != null && init.cgroup != null ? init.cgroup : k.cgroups.root;
        try {
            k.cgroups.checkFork(group);
        } catch (SysError e) {
            throw new ExecFailure("fork/exec: resource temporarily unavailable", 126);
        }
        SimProcess p = k.newProcess(set, k.shimFor(sandbox.id()));
        k.cgroups.move(p, group);
        Target t;
        try {
            t = target(p, spec);
        } catch (ExecFailure f) {
            group.procs.remove(p);
            k.edits.mark(dev.glassbox.trace.StatePart.CGROUPS);
            k.reap(p);
            throw f;
        }
        k.event(ProcessEvents.exec(t.argv(), t.path(), p.nsPid(),
                "setns(/proc/" + sandbox.pid() + "/ns/{pid,mnt,uts,ipc,net}) ; " + execve(t.path(), spec.argv())));
        begin(p, spec, t);
        return p.pid;
    }

    private static String execve(String path, List<String> argv) {
        StringBuilder sb = new StringBuilder("execve(\"").append(path).append("\", [");
        for (int i = 0; i < argv.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(argv.get(i)).append('"');
        }
        return sb.append("], envp)").toString();
    }

    private Target target(SimProcess p, ExecSpec spec) {
        p.env = new ArrayList<>(spec.env());
        p.cwd = spec.cwd(); // a relative argv[0] (./greet.sh) is found from the working directory, as execve does after runc's chdir
        try {
            return resolve(p, spec.argv(), spec.env(), 0);
        } catch (SysError e) {
            String name = spec.argv().get(0);
            if (e.errno() == Errno.ENOENT) {
                throw new ExecFailure(name.contains("/") ? "exec: \"" + name + "\": stat " + name + ": no such file or directory"
                        : "exec: \"" + name + "\": executable file not found in $PATH", 127);
            }
            throw new ExecFailure("exec: \"" + name + "\": " + e.getMessage().toLowerCase(java.util.Locale.ROOT), 126);
        }
    }

    private void begin(SimProcess p, ExecSpec spec, Target t) {
        p.argv = t.argv();
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        p.cwd = spec.cwd();
        p.uid = spec.uid();
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        p.gid = spec.gid();
        p.capBnd = dev.glassbox.kernel.Capability.mask(spec.capabilities()); // runc drops the others from the bounding set before execve
        p.stdin = spec.stdin();
        ExecSpec.OutputSink out = new OutputQuota(k, spec.output());
        p.output = out;
        p.pgid = p.pid; // runc starts the process as a session leader (setsid)
        if (spec.stdio().tty()) {
            Pty.open(k, p, out, spec.stdio().rows(), spec.stdio().cols());
        } else if (spec.stdio().open()) {
            Pipe pipe = new Pipe(k);
            p.in = pipe.input;
            p.stdio = pipe;
        }
        p.rss(baseRss(t.size()));
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        p.start(t.program(), t.name());
        k.scheduler.runReady();
    }

    static long baseRss(long binarySize) {
        return Math.min(binarySize / 4, 8L << 20) + (128 << 10);
    }

    /** What execve runs: the program, its name, the path execve was given (argv[0] as found on PATH: a script, not its interpreter), the argv it gets, and the binary's size. */
    record Target(Program program, String name, String path, List<String> argv, long size) {}

    /** execve's lookup: PATH search, permission, the sim binary header, or a #! interpreter. */
    Target resolve(SimProcess p, List<String> argv, List<String> env, int depth) {
        if (depth > 4) {
            throw SysError.eloop();
        }
        String name = argv.get(0);
        String path = name.contains("/") ? name : which(p, name, env);
        if (path == null) {
            throw SysError.enoent();
        }
        MountTable.Resolved r = p.ns.mnt().table.resolve(p.cwd, path, true);
        if (r.node() == null) {
            throw SysError.enoent();
        }
        if (!(r.node() instanceof Node.File f) || (f.mode & 0111) == 0) {
            throw SysError.eacces();
        }
        byte[] head = Arrays.copyOf(f.data, Math.min(f.data.length, 256));
        Optional<String> program = SimBinary.programOf(head);
        if (program.isPresent() && k.hasProgram(program.get())) {
            return new Target(k.programFor(program.get()), program.get(), path, argv, f.size);
        }
        if (head.length > 2 && head[0] == '#' && head[1] == '!') {
            String text = new String(head, java.nio.charset.StandardCharsets.UTF_8);
            int eol = text.indexOf('\n');
            String line = text.substring(2, eol < 0 ? text.length() : eol).trim();
            int space = 0;
            while (space < line.length() && !Character.isWhitespace(line.charAt(space))) {
                space++;
            }
            List<String> next = new ArrayList<>();
            next.add(line.substring(0, space));
            String arg = line.substring(space).trim(); // Linux passes the rest of the line as one argument
            if (!arg.isEmpty()) {
                next.add(arg);
            }
            next.add(path);
            next.addAll(argv.subList(1, argv.size()));
            Target interpreter = resolve(p, next, env, depth + 1);
            return new Target(interpreter.program(), interpreter.name(), path, interpreter.argv(), interpreter.size());
        }
        throw SysError.enoexec();
    }

    /** The first executable named {@code name} on the PATH of {@code env}, as the process sees its files. */
    String which(SimProcess p, String name, List<String> env) {
        String path = SimKernel.DEFAULT_PATH;
        for (String e : env) {
            if (e.startsWith("PATH=")) {
                path = e.substring(5);
            }
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                MountTable.Resolved r = p.ns.mnt().table.resolve(p.cwd, dir + "/" + name, true);
                if (r.node() instanceof Node.File f && (f.mode & 0111) != 0) {
                    return dir + "/" + name;
                }
            } catch (SysError e) {
                // not in this directory
            }
        }
        return null;
    }

    @Override
    public dev.glassbox.kernel.Stdio stdio(int pid) {
        SimProcess p = k.processOrNull(pid);
        if (p == null || p.stdio == null) {
            throw new IllegalStateException("process " + pid + " has no open standard input");
        }
        return p.stdio;
    }

    @Override
    public void kill(int pid, int signal) {
        SimProcess p = k.processOrNull(pid);
        if (p == null || !p.alive()) {
            return;
        }
        k.event(ProcessEvents.kill(pid, signal));
        k.signal(p, signal, null);
        k.scheduler.runReady();
    }

    @Override
    public Optional<ExitStatus> waitFor(int pid, long timeoutMillis) {
        long start = k.now();
        long deadline = timeoutMillis >= Long.MAX_VALUE - k.now() ? Long.MAX_VALUE : k.now() + timeoutMillis;
        while (true) {
            k.scheduler.runReady();
            SimProcess p = k.processOrNull(pid);
            if (p == null || !p.alive()) {
                return Optional.ofNullable(p != null ? p.exit : exits.get(pid));
            }
            long next = k.scheduler.nextTimer();
            if (timeoutMillis == 0 || next > deadline) {
                if (deadline != Long.MAX_VALUE) {
                    k.scheduler.advanceTo(deadline);
                    p = k.processOrNull(pid);
                    if (p == null || !p.alive()) {
                        return Optional.ofNullable(p != null ? p.exit : exits.get(pid));
                    }
                }
                return Optional.empty();
            }
            if (k.scheduler.wakeups >= Scheduler.WAKEUP_LIMIT) {
                k.event(ProcessEvents.waitGivenUp(pid, k.scheduler.wakeups, k.now() - start));
                return Optional.empty();
            }
            k.scheduler.advanceTo(next);
        }
    }

    @Override
    public void onExit(int pid, Consumer<ExitStatus> listener) {
        k.onExit(pid, listener, exits.get(pid));
    }

    @Override
    public List<ProcessInfo> list(Sandbox sandbox) {
        Namespaces.Set set = k.sandboxes.get(sandbox.id());
        List<ProcessInfo> out = new ArrayList<>();
        if (set == null) {
            return out;
        }
        // --pid host: the host's PID namespace holds every process, so the container's are those of its init's cgroup
        SimProcess init = set.pid() == k.hostNs.pid() ? k.processOrNull(sandbox.pid()) : null;
        for (SimProcess p : k.procList()) {
            boolean ours = init != null ? init.cgroup != null && p.cgroup == init.cgroup : p.ns.pid().isOrDescendsFrom(set.pid());
            if (p.alive() && ours && p.state != SimProcess.State.CREATED) {
                out.add(StateView.info(p));
            }
        }
        return out;
    }

    @Override
    public void release(Sandbox sandbox) {
        Namespaces.Set set = k.sandboxes.remove(sandbox.id());
        k.sandboxesVersion++;
        k.edits.mark(dev.glassbox.trace.StatePart.NAMESPACES, dev.glassbox.trace.StatePart.MOUNTS);
        k.edits.mark(dev.glassbox.trace.StatePart.ROUTES, dev.glassbox.trace.StatePart.LINKS);
        k.releaseShim(sandbox.id());
        if (set == null) {
            return;
        }
        for (SimProcess p : k.procList()) {
            if (p.alive() && p.ns.net() == set.net()) {
                return;
            }
        }
        if (set.net() != k.hostNs.net()) {
            k.net.destroy(set.net());
        }
    }
}
