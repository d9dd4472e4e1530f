package dev.glassbox.sim;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The system calls of one simulated process, answered from the sim kernel's state. */
final class SimSys implements Sys {
    private final SimProcess p;
    private final SimKernel k;

    private final SimFiles files;

    SimSys(SimProcess p) {
        this.p = p;
        this.k = p.kernel;
        this.files = new SimFiles(p);
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
        MountTable.Resolved r = p.ns.mnt().table.resolve(p.cwd, path, true);
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
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        p.env = new ArrayList<>(newEnv);
        p.title = null;
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        p.programName = t.name();
        p.clearHandlers();
        p.rss(SimProcesses.baseRss(t.size()));
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        throw new SimProcess.Exec(t.program());
    }

    @Override
    public void setproctitle(String title) {
        p.title = title == null || title.length() > 256 ? title : title.intern(); // nginx's master and workers in every container show the same few
        k.edits.markAlone(dev.glassbox.trace.StatePart.PROCESSES);
    }

    // ---- standard streams

    @Override
    public void cpu() {
        p.tick();
    }

    @Override
    public void out(String text) {
        p.tick();
        p.output.write(1, text);
    }

    @Override
    public void err(String text) {
        p.tick();
        p.output.write(2, text);
    }

    @Override
    public String stdin() {
        return p.takeStdin();
    }

    @Override
    public boolean stdinIsStream() {
        return p.in != null;
    }

    @Override
    public byte[] readInput(int max) {
        if (p.in == null) {
            return p.takeStdin().getBytes(StandardCharsets.UTF_8);
        }
        return p.in.read(p, Math.max(1, max), false);
    }

    @Override
    public String readInputLine() {
        if (p.in == null) {
            return p.takeStdin();
        }
        return new String(p.in.read(p, Integer.MAX_VALUE, true), StandardCharsets.UTF_8);
    }

    @Override
    public boolean isatty(int fd) {
        return fd >= 0 && fd <= 2 && p.tty != null && (p.ttyFds & (1 << fd)) != 0;
    }

    @Override
    public String ttyname() {
        if (!isatty(0)) {
            throw new SysError(Errno.ENOTTY, "Not a tty");
        }
        return p.tty.name;
    }

    @Override
    public int[] winsize() {
        if (p.tty == null) {
            throw new SysError(Errno.ENOTTY, "Not a tty");
        }
        return new int[] {p.tty.rows, p.tty.cols};
    }

    @Override
    public void tcsetpgrp(int pid) {
        if (p.tty != null) {
            p.tty.foreground = byPid(pid).pgid;
        }
    }

    @Override
    public void setpgid(int pid) {
        SimProcess c = byPid(pid);
        if (c.parent != p) {
            throw SysError.esrch();
        }
        c.pgid = c.pid;
    }

    // ---- processes

    private SimProcess child(List<String> env) {
        k.cgroups.checkFork(p.cgroup);
        SimProcess c = k.newProcess(p.ns, p);
        k.cgroups.move(c, p.cgroup);
        c.env = new ArrayList<>(env == null ? p.env : env);
        c.cwd = p.cwd;
        c.uid = p.uid;
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        c.gid = p.gid;
        c.capBnd = p.capBnd;
        c.tty = p.tty;
        c.pgid = p.pgid;
        c.ignoreAs(p); // an ignored signal stays ignored across fork and execve (trap '' PIPE)
        return c;
    }

    private ExecSpec.OutputSink sink(ExecSpec.OutputSink parent, StringBuilder out, StringBuilder err) {
        return (stream, text) -> {
            StringBuilder b = stream == 1 ? out : err;
            if (b == DEV_NULL) {
                return;
            }
            if (b != null) {
                held((long) b.length() + text.length());
                b.append(text);
            } else {
                parent.write(stream, text);
            }
        };
    }

    @Override
    public int spawn(List<String> argv, List<String> env, String stdin, StringBuilder stdout, StringBuilder stderr) {
        return spawn(argv, env, stdin, false, stdout, stderr);
    }

    @Override
    public int spawnWithStdin(List<String> argv, List<String> env, StringBuilder stdout, StringBuilder stderr) {
        return spawn(argv, env, "", true, stdout, stderr);
    }

    private int spawn(List<String> argv, List<String> env, String stdin, boolean inherit, StringBuilder stdout, StringBuilder stderr) {
        SimProcess c = child(env);
        SimProcesses.Target t;
        try {
            t = k.processes().resolve(c, argv, c.env, 0);
        } catch (SysError e) {
            c.cgroup.procs.remove(c);
            k.edits.mark(dev.glassbox.trace.StatePart.CGROUPS);
            c.state = SimProcess.State.ZOMBIE;
            k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
            k.reap(c);
            throw e;
        }
        c.argv = t.argv();
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        c.stdin = stdin == null ? "" : stdin;
        c.in = inherit ? p.in : null;
        inheritPipes(c, c.in, stdout == null ? p.outPipe : null);
        c.ttyFds = (inherit ? p.ttyFds & 1 : 0) | (stdout == null ? p.ttyFds & 2 : 0) | (stderr == null ? p.ttyFds & 4 : 0);
        c.output = sink(p.output, stdout, stderr);
        c.rss(SimProcesses.baseRss(t.size()));
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        c.start(t.program(), t.name());
        return c.nsPid();
    }

    @Override
    public int fork(Program program) {
        SimProcess c = child(p.env);
        c.argv = new ArrayList<>(p.argv);
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        c.title = p.title;
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        c.output = p.output;
        c.rss(p.rss() / 2);
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        inheritPipes(c, null, p.outPipe);
        c.start(program, p.programName);
        return c.nsPid();
    }

    @Override
    public int fork(Program program, int in, int out, String stdin) {
        SimPipe from = in < 0 ? null : ownPipe(in);
        SimPipe to = out < 0 ? null : ownPipe(out);
        SimProcess c = child(p.env);
        c.argv = new ArrayList<>(p.argv);
        c.title = p.title;
        c.rss(p.rss() / 2);
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        c.in = from != null ? from : p.in;
        c.stdin = c.in == null && stdin != null ? stdin : "";
        c.ttyFds = p.ttyFds & (from != null ? ~1 : ~0) & (to != null ? ~2 : ~0);
        ExecSpec.OutputSink parentOut = p.output;
        c.output = to == null ? parentOut : (stream, text) -> {
            if (stream == 1) {
                to.write(k.scheduler.current(), text.getBytes(StandardCharsets.UTF_8));
            } else {
                parentOut.write(stream, text);
            }
        };
        inheritPipes(c, c.in, to != null ? to : p.outPipe);
        c.start(program, p.programName);
        return c.nsPid();
    }

    /** The child holds the pipe ends it got as its standard input and output. */
    private static void inheritPipes(SimProcess c, InputSource in, SimPipe out) {
        if (in instanceof SimPipe pipe) {
            pipe.openRead();
        }
        if (out != null) {
            c.outPipe = out;
            out.openWrite();
        }
    }

    private SimPipe ownPipe(int pipe) {
        SimPipe found = p.pipe(pipe);
        if (found == null) {
            throw new SysError(Errno.EBADF, "Bad file descriptor");
        }
        return found;
    }

    @Override
    public int pipe() {
        SimPipe pipe = new SimPipe(k, k.nextPipeIno++);
        pipe.openRead();
        pipe.openWrite();
        int[] fds = {p.nextFd, p.nextFd + 1};
        p.nextFd += 2;
        p.addPipe(fds[0], pipe);
        k.event(dev.glassbox.kernel.ProcessEvents.pipe(p.pid, pipe.name, fds, SimPipe.CAPACITY));
        return fds[0];
    }

    @Override
    public void closePipe(int pipe) {
        SimPipe found = ownPipe(pipe);
        p.removePipe(pipe);
        found.closeRead();
        found.closeWrite();
    }

    @Override
    public void held(long bytes) {
        SimProcess writer = k.scheduler.current(); // the process printing, which may be a child writing into our buffer
        if (writer != null) {
            writer.holdsOutput(bytes + p.dataBytes); // we keep it beside our own data
        }
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
        return waitStatus(pid).code();
    }

    @Override
    public ExitStatus waitStatus(int pid) {
        SimProcess c = byPid(pid);
        if (c.parent != p) {
            throw SysError.echild();
        }
        p.block(() -> !c.alive());
        ExitStatus st = c.exit;
        k.reap(c);
        return st;
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
        if (target == p) {
            p.checkSignals(); // a signal a process sends itself is delivered before kill(2) returns (its handler runs, or it dies)
        }
    }

    @Override
    public void signal(int signal, Runnable handler) {
        if (signal < 1 || signal > 64 || signal == Signals.SIGKILL || signal == Signals.SIGSTOP) {
            throw SysError.einval();
        }
        p.ignore(signal, false);
        p.handle(signal, handler);
    }

    @Override
    public void ignore(int signal) {
        if (signal == Signals.SIGKILL || signal == Signals.SIGSTOP) {
            throw SysError.einval();
        }
        p.unhandle(signal);
        p.ignore(signal, true);
    }

    @Override
    public void sleep(long millis) {
        p.sleepUntil(k.now() + Math.max(0, millis));
    }

    @Override
    public void schedYield() {
        p.yieldTurn();
    }

    @Override
    public void pause() {
        p.pauseForSignal();
    }

    @Override
    public void pauseForever() {
        p.pauseForever();
    }

    @Override
    public long timeMillis() {
        return k.now();
    }

    // ---- files

    @Override
    public byte[] read(String path) {
        return files.read(path);
    }

    @Override
    public byte[] read(String path, long max) {
        return files.read(path, max);
    }

    @Override
    public void write(String path, byte[] data, boolean append) {
        files.write(path, data, append);
    }

    @Override
    public Appender openAppend(String path) {
        return files.openAppend(path);
    }

    @Override
    public List<DirEntry> readdir(String path) {
        return files.readdir(path);
    }

    @Override
    public Stat stat(String path) {
        return files.stat(path);
    }

    @Override
    public Stat lstat(String path) {
        return files.lstat(path);
    }

    @Override
    public boolean lexists(String path) {
        return files.lexists(path);
    }

    @Override
    public void mkdir(String path, int mode) {
        files.mkdir(path, mode);
    }

    @Override
    public void unlink(String path) {
        files.unlink(path);
    }

    @Override
    public void rmdir(String path) {
        files.rmdir(path);
    }

    @Override
    public void symlink(String target, String path) {
        files.symlink(target, path);
    }

    @Override
    public String readlink(String path) {
        return files.readlink(path);
    }

    @Override
    public void rename(String from, String to) {
        files.rename(from, to);
    }

    @Override
    public void chown(String path, int uid, int gid, boolean follow) {
        files.chown(path, uid, gid, follow);
    }

    @Override
    public void chmod(String path, int mode) {
        files.chmod(path, mode);
    }

    @Override
    public String which(String name) {
        if (name.contains("/")) {
            MountTable.Resolved r = p.ns.mnt().table.resolve(p.cwd, name, true);
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
    public int schedGetaffinity() {
        int total = k.info().cpus();
        return p.cgroup == null ? total : p.cgroup.limits.cpus(total).cardinality();
    }

    @Override
    public Uname uname() {
        return new Uname("Linux", p.ns.uts().hostname, k.info().release(), "#1 SMP PREEMPT_DYNAMIC Debian 6.1.0", k.info().architecture());
    }

    @Override
    public List<NetIf> interfaces() {
        return k.net.interfaces(p.ns.net());
    }

    /** A netlink request that changes the network namespace needs CAP_NET_ADMIN (and root). */
    private void netAdmin() {
        if ((p.capBnd & Capabilities.bit(Capabilities.NET_ADMIN)) == 0 || p.uid != 0) {
            throw SysError.eperm();
        }
    }

    @Override
    public void linkAdd(String name, String kind) {
        netAdmin();
        k.net.addLink(p.ns.net(), name, kind);
    }

    @Override
    public void linkDelete(String name) {
        netAdmin();
        k.net.deleteLink(p.ns.net(), name);
    }

    @Override
    public void netChange(NetRequest request) {
        netAdmin();
        new Netlink(k).apply(p.ns.net(), request);
    }

    @Override
    public List<Route> routes() {
        return List.copyOf(p.ns.net().routes);
    }

    // ---- sockets

    private int fd(SimNet.Socket s) {
        int fd = p.nextFd++;
        p.addSocket(fd, s);
        return fd;
    }

    private SimNet.Socket socket(int fd) {
        SimNet.Socket s = p.socket(fd);
        if (s == null) {
            throw new SysError(Errno.EBADF, "Bad file descriptor");
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
            throw new SysError(Errno.EAI_NONAME, "bad address '" + host + "'");
        }
        return fd(k.net.connect(p, Ip.parse(ip), port));
    }

    @Override
    public void mount(String source, String target, String type) {
        if ((p.capBnd & Capabilities.bit(Capabilities.SYS_ADMIN)) == 0 || p.uid != 0) {
            throw new SysError(Errno.EPERM, "Operation not permitted");
        }
        if (!type.equals("tmpfs")) {
            throw new SysError(Errno.ENODEV, "No such device"); // the one filesystem a program may mount in the sim is tmpfs
        }
        MountTable.Resolved r = p.ns.mnt().table.resolve(p.cwd, target, true);
        if (r.node() == null) {
            throw SysError.enoent();
        }
        if (!(r.node() instanceof Node.Dir)) {
            throw SysError.enotdir();
        }
        k.event(dev.glassbox.kernel.MountEvents.tmpfsByProcess(r.pathString(), source));
        p.ns.mnt().table.add(new MountTable.Mount(r.path(), new TreeFs("tmpfs", k.ids), java.util.List.of(), false, "tmpfs", source,
                "rw,relatime"));
        k.edits.mark(dev.glassbox.trace.StatePart.MOUNTS);
    }

    @Override
    public void rawSocket() {
        if ((p.capBnd & Capabilities.bit(Capabilities.NET_RAW)) == 0 || p.uid != 0) {
            throw SysError.eperm();
        }
    }

    @Override
    public boolean echo(String ip) {
        return k.net.echo(p, Ip.parse(ip));
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
        SimNet.Socket s = p.removeSocket(fd);
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
    public void data(long delta) {
        p.dataBytes = Math.max(0, p.dataBytes + delta);
        if (delta > 0) {
            k.cgroups.charge(p, delta);
            p.holdsData();
        } else {
            free(-delta);
        }
    }

    @Override
    public void free(long bytes) {
        p.rss(Math.max(0, p.rss() - bytes));
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
    }
}
