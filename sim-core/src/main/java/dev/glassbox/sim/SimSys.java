package dev.glassbox.sim;

import dev.glassbox.kernel.ExecSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The system calls of one simulated process, answered from the sim kernel's state. */
final class SimSys implements Sys {
    private final SimProcess p;
    private final SimKernel k;

    SimSys(SimProcess p) {
        this.p = p;
        this.k = p.kernel;
    }

    // ---- the process

    @Override
    public List<String> argv() {
        return List.copyOf(p.argv);
    }

    @Override
    public int getpid() {
        return p.nsPid();
    }

    @Override
    public int getppid() {
        return p.parent == null ? 0 : p.parent.pidIn(p.ns.pid());
    }

    @Override
    public int getuid() {
        return p.uid;
    }

    @Override
    public int getgid() {
        return p.gid;
    }

    @Override
    public String getenv(String name) {
        for (String e : p.env) {
            if (e.startsWith(name + "=")) {
                return e.substring(name.length() + 1);
            }
        }
        return null;
    }

    @Override
    public List<String> environ() {
        return List.copyOf(p.env);
    }

    @Override
    public void setenv(String name, String value) {
        p.env.removeIf(e -> e.startsWith(name + "="));
        if (value != null) {
            p.env.add(name + "=" + value);
        }
    }

    @Override
    public String getcwd() {
        return p.cwd;
    }

    @Override
    public void chdir(String path) {
        MountTable.Resolved r = resolve(path, true);
        if (r.node() == null) {
            throw SysError.enoent();
        }
        if (!(r.node() instanceof Node.Dir)) {
            throw SysError.enotdir();
        }
        p.cwd = r.pathString();
    }

    @Override
    public void exit(int status) {
        throw new SimProcess.Exit(status);
    }

    @Override
    public void execve(List<String> argv, List<String> env) {
        List<String> newEnv = env == null ? p.env : new ArrayList<>(env);
        SimProcesses.Target t = k.processes().resolve(p, argv, newEnv, 0);
        p.argv = t.argv();
        p.env = new ArrayList<>(newEnv);
        p.title = null;
        p.programName = t.name();
        p.handlers.clear();
        p.rss = SimProcesses.baseRss(t.size());
        throw new SimProcess.Exec(t.program());
    }

    @Override
    public void setproctitle(String title) {
        p.title = title;
    }

    // ---- standard streams

    @Override
    public void out(String text) {
        p.output.write(1, text);
    }

    @Override
    public void err(String text) {
        p.output.write(2, text);
    }

    @Override
    public String stdin() {
        String s = p.stdin;
        p.stdin = "";
        return s;
    }

    // ---- processes

    private SimProcess child(List<String> env) {
        k.cgroups.checkFork(p.cgroup);
        SimProcess c = k.newProcess(p.ns, p);
        k.cgroups.move(c, p.cgroup);
        c.env = new ArrayList<>(env == null ? p.env : env);
        c.cwd = p.cwd;
        c.uid = p.uid;
        c.gid = p.gid;
        return c;
    }

    private static ExecSpec.OutputSink sink(ExecSpec.OutputSink parent, StringBuilder out, StringBuilder err) {
        return (stream, text) -> {
            StringBuilder b = stream == 1 ? out : err;
            if (b != null) {
                b.append(text);
            } else {
                parent.write(stream, text);
            }
        };
    }

    @Override
    public int spawn(List<String> argv, List<String> env, String stdin, StringBuilder stdout, StringBuilder stderr) {
        SimProcess c = child(env);
        SimProcesses.Target t;
        try {
            t = k.processes().resolve(c, argv, c.env, 0);
        } catch (SysError e) {
            c.cgroup.procs.remove(c);
            c.state = SimProcess.State.ZOMBIE;
            k.reap(c);
            throw e;
        }
        c.argv = t.argv();
        c.stdin = stdin == null ? "" : stdin;
        c.output = sink(p.output, stdout, stderr);
        c.rss = SimProcesses.baseRss(t.size());
        c.start(t.program(), t.name());
        return c.nsPid();
    }

    @Override
    public int fork(Program program) {
        SimProcess c = child(p.env);
        c.argv = new ArrayList<>(p.argv);
        c.title = p.title;
        c.output = p.output;
        c.rss = p.rss / 2;
        c.start(program, p.programName);
        return c.nsPid();
    }

    private SimProcess byPid(int pid) {
        SimProcess found = p.ns.pid().members.get(pid);
        if (found == null || found.state == SimProcess.State.DEAD) {
            throw SysError.esrch();
        }
        return found;
    }

    @Override
    public int waitpid(int pid) {
        SimProcess c = byPid(pid);
        if (c.parent != p) {
            throw SysError.echild();
        }
        p.block(() -> !c.alive());
        int code = c.exit.code();
        k.reap(c);
        return code;
    }

    @Override
    public void kill(int pid, int signal) {
        if (pid == -1) {
            for (SimProcess q : k.procList()) {
                if (q != p && q.alive() && q.pidIn(p.ns.pid()) > 1) {
                    k.signal(q, signal, p);
                }
            }
            return;
        }
        SimProcess target = byPid(pid);
        if (signal != 0) {
            k.signal(target, signal, p);
        }
    }

    @Override
    public void signal(int signal, Runnable handler) {
        if (signal == Signals.SIGKILL || signal == Signals.SIGSTOP) {
            throw SysError.einval();
        }
        p.ignored.remove(signal);
        p.handlers.put(signal, handler);
    }

    @Override
    public void ignore(int signal) {
        if (signal == Signals.SIGKILL || signal == Signals.SIGSTOP) {
            throw SysError.einval();
        }
        p.handlers.remove(signal);
        p.ignored.add(signal);
    }

    @Override
    public void sleep(long millis) {
        p.sleepUntil(k.now() + Math.max(0, millis));
    }

    @Override
    public void pause() {
        p.pauseForSignal();
    }

    @Override
    public long timeMillis() {
        return k.now();
    }

    // ---- files

    private MountTable.Resolved resolve(String path, boolean follow) {
        return p.ns.mnt().table.resolve(p.cwd, path, follow);
    }

    private MountTable.Resolved existing(String path, boolean follow) {
        MountTable.Resolved r = resolve(path, follow);
        if (r.node() == null) {
            throw SysError.enoent();
        }
        return r;
    }

    private MountTable.Resolved writableAt(String path, boolean follow) {
        MountTable.Resolved r = resolve(path, follow);
        if (r.mount().readOnly) {
            throw SysError.erofs();
        }
        return r;
    }

    @Override
    public byte[] read(String path) {
        MountTable.Resolved r = existing(path, true);
        if (r.node() instanceof Node.Dir) {
            throw SysError.eisdir();
        }
        if (r.node() instanceof Node.Dev d) {
            if (d.major == -1 && d.minor == 0) {
                return stdin().getBytes(StandardCharsets.UTF_8);
            }
            return new byte[0];
        }
        return ((Node.File) r.node()).read();
    }

    @Override
    public void write(String path, byte[] data, boolean append) {
        MountTable.Resolved r = resolve(path, true);
        if (r.node() instanceof Node.Dev d) {
            if (d.major == -1) {
                p.output.write(d.minor == 2 ? 2 : 1, new String(data, StandardCharsets.UTF_8));
            }
            return;
        }
        if (r.mount().readOnly) {
            throw SysError.erofs();
        }
        r.mount().fs.write(r.rel(), data, append, 0644);
    }

    @Override
    public List<DirEntry> readdir(String path) {
        MountTable.Resolved r = existing(path, true);
        List<DirEntry> out = new ArrayList<>();
        for (var e : r.mount().fs.list(r.rel()).entrySet()) {
            out.add(new DirEntry(e.getKey(), statWithMounts(r, e.getKey(), e.getValue())));
        }
        return out;
    }

    /** A directory entry covered by a mount shows the mounted root (as stat would). */
    private Stat statWithMounts(MountTable.Resolved dir, String name, Node n) {
        List<String> child = new ArrayList<>(dir.path());
        child.add(name);
        MountTable.Mount m = p.ns.mnt().table.mountAt(child);
        if (m.target.equals(child)) {
            Node root = m.fs.lookup(m.fsRoot);
            if (root != null) {
                return root.stat();
            }
        }
        return n.stat();
    }

    @Override
    public Stat stat(String path) {
        return existing(path, true).node().stat();
    }

    @Override
    public Stat lstat(String path) {
        return existing(path, false).node().stat();
    }

    @Override
    public void mkdir(String path, int mode) {
        MountTable.Resolved r = writableAt(path, false);
        if (r.node() != null) {
            throw SysError.eexist();
        }
        r.mount().fs.mkdir(r.rel(), mode);
    }

    @Override
    public void unlink(String path) {
        MountTable.Resolved r = writableAt(path, false);
        if (r.node() == null) {
            throw SysError.enoent();
        }
        if (r.node() instanceof Node.Dir) {
            throw SysError.eisdir();
        }
        r.mount().fs.remove(r.rel());
    }

    @Override
    public void rmdir(String path) {
        MountTable.Resolved r = writableAt(path, false);
        if (r.node() == null) {
            throw SysError.enoent();
        }
        if (!(r.node() instanceof Node.Dir)) {
            throw SysError.enotdir();
        }
        if (r.rel().equals(r.mount().fsRoot)) {
            throw new SysError("EBUSY", "Device or resource busy");
        }
        r.mount().fs.remove(r.rel());
    }

    @Override
    public void symlink(String target, String path) {
        MountTable.Resolved r = writableAt(path, false);
        if (r.node() != null) {
            throw SysError.eexist();
        }
        r.mount().fs.symlink(r.rel(), target);
    }

    @Override
    public String readlink(String path) {
        MountTable.Resolved r = existing(path, false);
        if (!(r.node() instanceof Node.Link l)) {
            throw SysError.einval();
        }
        return l.target;
    }

    @Override
    public void rename(String from, String to) {
        MountTable.Resolved a = writableAt(from, false);
        MountTable.Resolved b = writableAt(to, false);
        if (a.node() == null) {
            throw SysError.enoent();
        }
        if (a.mount() != b.mount()) {
            throw new SysError("EXDEV", "Invalid cross-device link");
        }
        Node n = a.node();
        if (n instanceof Node.Dir) {
            // overlayfs without redirect_dir refuses to rename directories it would have to copy up
            throw new SysError("EXDEV", "Invalid cross-device link");
        }
        if (n instanceof Node.File f) {
            a.mount().fs.write(b.rel(), f.read(), false, f.mode);
        } else if (n instanceof Node.Link l) {
            if (b.node() != null) {
                b.mount().fs.remove(b.rel());
            }
            b.mount().fs.symlink(b.rel(), l.target);
        }
        a.mount().fs.remove(a.rel());
    }

    @Override
    public void chmod(String path, int mode) {
        MountTable.Resolved r = writableAt(path, true);
        if (r.node() == null) {
            throw SysError.enoent();
        }
        r.mount().fs.chmod(r.rel(), mode);
    }

    @Override
    public String which(String name) {
        if (name.contains("/")) {
            MountTable.Resolved r = resolve(name, true);
            return r.node() instanceof Node.File f && (f.mode & 0111) != 0 ? name : null;
        }
        return k.processes().which(p, name, p.env);
    }

    // ---- host facts

    @Override
    public String gethostname() {
        return p.ns.uts().hostname;
    }

    @Override
    public void sethostname(String name) {
        if (p.uid != 0) {
            throw SysError.eperm();
        }
        p.ns.uts().hostname = name;
    }

    @Override
    public Uname uname() {
        return new Uname("Linux", p.ns.uts().hostname, k.info().release(), "#1 SMP PREEMPT_DYNAMIC Debian 6.1.0", k.info().architecture());
    }

    @Override
    public List<NetIf> interfaces() {
        return k.net.interfaces(p.ns.net());
    }

    @Override
    public List<Route> routes() {
        return List.copyOf(p.ns.net().routes);
    }

    // ---- sockets

    private int fd(SimNet.Socket s) {
        int fd = p.nextFd++;
        p.fds.put(fd, s);
        return fd;
    }

    private SimNet.Socket socket(int fd) {
        SimNet.Socket s = p.fds.get(fd);
        if (s == null) {
            throw new SysError("EBADF", "Bad file descriptor");
        }
        return s;
    }

    @Override
    public int listen(int port) {
        return fd(k.net.listen(p, port));
    }

    @Override
    public int accept(int listener) {
        SimNet.Socket l = socket(listener);
        p.block(() -> !l.backlog.isEmpty());
        return fd(l.backlog.poll());
    }

    @Override
    public int connect(String host, int port) {
        String ip = Ip.isAddress(host) ? host : Hosts.lookup(this, host);
        if (ip == null) {
            throw new SysError("EAI_NONAME", "bad address '" + host + "'");
        }
        return fd(k.net.connect(p, Ip.parse(ip), port));
    }

    @Override
    public void send(int connection, byte[] data) {
        k.net.send(socket(connection), data);
    }

    @Override
    public byte[] recv(int connection) {
        SimNet.Socket s = socket(connection);
        p.block(() -> s.inbox.size() > 0 || s.peerClosed);
        byte[] b = s.inbox.toByteArray();
        s.inbox.reset();
        return b;
    }

    @Override
    public void close(int fd) {
        SimNet.Socket s = p.fds.remove(fd);
        if (s != null) {
            k.net.close(s);
        }
    }

    @Override
    public String peer(int connection) {
        return socket(connection).remote;
    }

    // ---- memory

    @Override
    public void allocate(long bytes) {
        if (bytes < 0) {
            throw SysError.einval();
        }
        k.cgroups.charge(p, bytes);
    }

    @Override
    public void free(long bytes) {
        p.rss = Math.max(0, p.rss - bytes);
    }
}
