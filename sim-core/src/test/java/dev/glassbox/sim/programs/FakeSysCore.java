package dev.glassbox.sim.programs;

import dev.glassbox.sim.Sys;
import dev.glassbox.sim.SysError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The file, host, socket and procfs half of the test double's system calls; {@link FakeSys} adds the process half. */
abstract class FakeSysCore implements Sys {
    private static final Pattern PROC = Pattern.compile("/proc/(\\d+|self)(?:/([a-z]+))?/?");

    final FakeKernel k;
    final FakeKernel.Proc p;

    FakeSysCore(FakeKernel k, FakeKernel.Proc p) {
        this.k = k;
        this.p = p;
    }

    /** Every call starts here: a pending kill unwinds, pending handled signals run. */
    void enter() {
        synchronized (k) {
            if (p.killedBy != 0) {
                throw new FakeSys.Killed();
            }
            while (!p.pending.isEmpty()) {
                int sig = p.pending.poll();
                Runnable h = p.handlers.get(sig);
                if (h != null) {
                    p.handled = true;
                    h.run();
                }
                if (p.killedBy != 0) {
                    throw new FakeSys.Killed();
                }
            }
        }
    }

    void block(BooleanSupplier ready) {
        synchronized (k) {
            while (true) {
                enter();
                if (ready.getAsBoolean()) {
                    return;
                }
                try {
                    k.wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FakeSys.Killed();
                }
            }
        }
    }

    String abs(String path) {
        return FakeFs.absolute(p.cwd, path);
    }

    // ---- files

    private String special(String path) {
        String a = abs(path);
        try {
            return k.fs.resolve(a, true).path();
        } catch (SysError e) {
            return a;
        }
    }

    @Override
    public byte[] read(String path) {
        enter();
        synchronized (k) {
            String proc = procFile(abs(path));
            if (proc != null) {
                return proc.getBytes(StandardCharsets.UTF_8);
            }
            return k.fs.read(abs(path));
        }
    }

    @Override
    public void write(String path, byte[] data, boolean append) {
        enter();
        synchronized (k) {
            switch (special(path)) {
                case "/dev/null" -> { }
                case "/dev/stdout" -> p.out.append(new String(data, StandardCharsets.UTF_8));
                case "/dev/stderr" -> p.err.append(new String(data, StandardCharsets.UTF_8));
                default -> k.fs.write(abs(path), data, append);
            }
        }
    }

    @Override
    public List<DirEntry> readdir(String path) {
        enter();
        synchronized (k) {
            String a = abs(path).replaceAll("/+$", "");
            List<DirEntry> out = new ArrayList<>();
            if (a.equals("/proc")) {
                for (FakeKernel.Proc q : k.live()) {
                    out.add(new DirEntry(Integer.toString(q.pid), dirStat()));
                }
                out.add(new DirEntry("self", new Stat(Stat.Kind.SYMLINK, 0777, 0, 0, 0, 1, 0, k.clock, Integer.toString(p.pid))));
            }
            FakeFs.Node d;
            try {
                d = k.fs.resolve(a.isEmpty() ? "/" : a, true).node();
            } catch (SysError e) {
                if (a.equals("/proc")) {
                    return out;
                }
                throw e;
            }
            if (d.kind != Stat.Kind.DIR) {
                throw SysError.enotdir();
            }
            d.kids.forEach((name, n) -> out.add(new DirEntry(name, FakeFs.stat(n))));
            return out;
        }
    }

    private Stat dirStat() {
        return new Stat(Stat.Kind.DIR, 0555, 0, 0, 0, 2, 0, k.clock, null);
    }

    @Override
    public Stat stat(String path) {
        enter();
        synchronized (k) {
            if (PROC.matcher(abs(path)).matches()) {
                return procFile(abs(path)) != null || abs(path).matches("/proc/(\\d+|self)/?") ? procStat(abs(path)) : null;
            }
            return FakeFs.stat(k.fs.resolve(abs(path), true).node());
        }
    }

    private Stat procStat(String path) {
        Matcher m = PROC.matcher(path);
        m.matches();
        if (m.group(2) == null) {
            if (!m.group(1).equals("self") && k.procs.get(Integer.parseInt(m.group(1))) == null) {
                throw SysError.enoent();
            }
            return dirStat();
        }
        return new Stat(Stat.Kind.FILE, 0444, 0, 0, 0, 1, 0, k.clock, null);
    }

    @Override
    public Stat lstat(String path) {
        enter();
        synchronized (k) {
            if (PROC.matcher(abs(path)).matches()) {
                return stat(path);
            }
            return FakeFs.stat(k.fs.resolve(abs(path), false).node());
        }
    }

    @Override public void mkdir(String path, int mode) { enter(); synchronized (k) { k.fs.mkdir(abs(path), mode); } }
    @Override public void unlink(String path) { enter(); synchronized (k) { k.fs.remove(abs(path), false); } }
    @Override public void rmdir(String path) { enter(); synchronized (k) { k.fs.remove(abs(path), true); } }
    @Override public void symlink(String target, String path) { enter(); synchronized (k) { k.fs.symlink(target, abs(path)); } }
    @Override public void rename(String from, String to) { enter(); synchronized (k) { k.fs.rename(abs(from), abs(to)); } }

    @Override
    public String readlink(String path) {
        enter();
        synchronized (k) {
            FakeFs.Node n = k.fs.resolve(abs(path), false).node();
            if (n.kind != Stat.Kind.SYMLINK) {
                throw SysError.einval();
            }
            return n.link;
        }
    }

    @Override
    public void chmod(String path, int mode) {
        enter();
        synchronized (k) {
            k.fs.resolve(abs(path), true).node().mode = mode;
        }
    }

    @Override
    public String which(String name) {
        enter();
        synchronized (k) {
            String path = getenv("PATH");
            for (String dir : (path == null ? FakeKernel.PATH : path).split(":")) {
                String candidate = dir + "/" + name;
                try {
                    FakeFs.Node n = k.fs.resolve(candidate, true).node();
                    if (n.kind == Stat.Kind.FILE && (n.mode & 0111) != 0) {
                        return candidate;
                    }
                } catch (SysError e) {
                    // not here
                }
            }
            return null;
        }
    }

    // ---- host

    @Override public String gethostname() { enter(); return k.hostname; }
    @Override public void sethostname(String name) { enter(); synchronized (k) { k.hostname = name; } }

    @Override
    public Uname uname() {
        enter();
        return new Uname("Linux", k.hostname, "6.1.0-sim", "#1 SMP PREEMPT_DYNAMIC", "x86_64");
    }

    @Override public List<NetIf> interfaces() { enter(); return k.interfaces; }
    @Override public List<Route> routes() { enter(); return k.routes; }

    /** The fake's processes have Docker's default capabilities: no CAP_NET_ADMIN, so netlink changes are refused. */
    @Override public void linkAdd(String name, String kind) { enter(); throw SysError.eperm(); }
    @Override public void linkDelete(String name) { enter(); throw SysError.eperm(); }
    @Override public void netChange(dev.glassbox.sim.NetRequest request) { enter(); throw SysError.eperm(); }

    /** chown(2) with CAP_CHOWN for root only; -1 keeps an id. */
    @Override
    public void chown(String path, int uid, int gid, boolean follow) {
        enter();
        synchronized (k) {
            FakeFs.Node n = k.fs.resolve(abs(path), follow).node();
            if (n == null) {
                throw SysError.enoent();
            }
            if (p.uid != 0) {
                throw SysError.eperm();
            }
            n.uid = uid == -1 ? n.uid : uid;
            n.gid = gid == -1 ? n.gid : gid;
        }
    }

    // ---- sockets

    @Override
    public int listen(int port) {
        enter();
        synchronized (k) {
            if (k.listeners.containsKey(port)) {
                throw SysError.eaddrinuse();
            }
            FakeKernel.Listener l = new FakeKernel.Listener(port);
            k.listeners.put(port, l);
            k.notifyAll();
            return k.fd(p.pid, l);
        }
    }

    @Override
    public int accept(int listener) {
        enter();
        FakeKernel.Listener l;
        synchronized (k) {
            l = (FakeKernel.Listener) k.sockets.get(listener);
        }
        block(() -> !l.backlog.isEmpty());
        synchronized (k) {
            return k.fd(p.pid, l.backlog.poll());
        }
    }

    @Override
    public boolean echo(String ip) {
        return false;
    }

    @Override
    public void mount(String source, String target, String type) {
        throw new dev.glassbox.sim.SysError("EPERM", "Operation not permitted");
    }

    @Override
    public int connect(String host, int port) {
        enter();
        synchronized (k) {
            FakeKernel.Listener l = k.listeners.get(port);
            if (host.equals("unreachable")) {
                throw SysError.ehostunreach();
            }
            if (l == null) {
                throw SysError.econnrefused();
            }
            return k.fd(p.pid, k.pair(l, "172.17.0.3:" + (40000 + p.pid)));
        }
    }

    private FakeKernel.Conn conn(int fd) {
        Object o = k.sockets.get(fd);
        if (!(o instanceof FakeKernel.Conn c)) {
            throw new SysError("EBADF", "Bad file descriptor");
        }
        return c;
    }

    @Override
    public void send(int connection, byte[] data) {
        enter();
        synchronized (k) {
            FakeKernel.Conn c = conn(connection);
            if (!c.peer.closed) {
                c.peer.inbox.writeBytes(data);
            }
            k.notifyAll();
        }
    }

    @Override
    public byte[] recv(int connection) {
        enter();
        FakeKernel.Conn c;
        synchronized (k) {
            c = conn(connection);
        }
        block(() -> c.inbox.size() > 0 || c.peer.closed);
        synchronized (k) {
            byte[] data = c.inbox.toByteArray();
            c.inbox.reset();
            return data;
        }
    }

    @Override
    public void close(int fd) {
        enter();
        k.close(fd);
    }

    @Override
    public String peer(int connection) {
        enter();
        synchronized (k) {
            return conn(connection).peerAddress;
        }
    }

    // ---- procfs

    private String procFile(String path) {
        Matcher m = PROC.matcher(path);
        if (!m.matches() || m.group(2) == null) {
            return null;
        }
        int pid = m.group(1).equals("self") ? p.pid : Integer.parseInt(m.group(1));
        FakeKernel.Proc q = k.procs.get(pid);
        if (q == null || q.status != null) {
            throw SysError.enoent();
        }
        String name = Busybox.basename(q.argv.get(0));
        return switch (m.group(2)) {
            case "cmdline" -> q.cmdline();
            case "status" -> "Name:\t" + name + "\nState:\tS (sleeping)\nPid:\t" + q.pid + "\nPPid:\t" + q.ppid
                    + "\nUid:\t" + q.uid + "\t" + q.uid + "\t" + q.uid + "\t" + q.uid + "\nGid:\t" + q.gid + "\t" + q.gid
                    + "\t" + q.gid + "\t" + q.gid + "\nVmRSS:\t" + String.format("%6d", q.mem / 1024) + " kB\n";
            case "stat" -> q.pid + " (" + name + ") S " + q.ppid + " " + q.pid + " " + q.pid + " 0 -1 4194560 0 0 0 0 "
                    + (q.pid * 150) + " 0 0 0 20 0 1 0 " + (q.startMillis - 1704067200000L) / 10 + " 0 " + q.mem / 4096 + "\n";
            default -> throw SysError.enoent();
        };
    }
}
