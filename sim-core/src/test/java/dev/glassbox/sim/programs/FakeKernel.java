package dev.glassbox.sim.programs;

import dev.glassbox.image.SimBinary;
import dev.glassbox.sim.Program;
import dev.glassbox.kernel.Signals;
import dev.glassbox.sim.Sys;
import dev.glassbox.kernel.SysError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The test double's kernel: a file tree, a process table of real threads (every system call takes the
 * kernel's lock; blocking calls wait on it), TCP-like connections and a virtual clock that sleepers advance.
 */
final class FakeKernel {
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    long clock = 1704067200000L;
    final FakeFs fs = new FakeFs(() -> clock);
    final Map<Integer, Proc> procs = new TreeMap<>();
    final List<Throwable> crashes = Collections.synchronizedList(new ArrayList<>());
    String hostname = "c0ffee123456";
    List<Sys.NetIf> interfaces = List.of(
            new Sys.NetIf(1, "lo", "00:00:00:00:00:00", 65536, true, "loopback", null, List.of("127.0.0.1/8")),
            new Sys.NetIf(7, "eth0", "02:42:ac:11:00:02", 1500, true, "veth", "if8", List.of("172.17.0.2/16")));
    List<Sys.Route> routes = List.of(new Sys.Route("default", "172.17.0.1", "eth0", null),
            new Sys.Route("172.17.0.0/16", null, "eth0", "172.17.0.2"));
    String clientAddress = "172.17.0.1";
    long memLimit = Long.MAX_VALUE;
    long memUsed;
    private int nextPid = 1;
    private int nextFd = 3;
    final Map<Integer, Listener> listeners = new HashMap<>();
    final Map<Integer, Object> sockets = new HashMap<>();
    private final Map<Integer, Integer> owners = new HashMap<>();

    static final class Listener {
        final int port;
        final Deque<Conn> backlog = new ArrayDeque<>();

        Listener(int port) {
            this.port = port;
        }
    }

    static final class Conn {
        Conn peer;
        final ByteArrayOutputStream inbox = new ByteArrayOutputStream();
        boolean closed;
        String peerAddress;
    }

    /** A process: its identity, streams, signal state and thread. */
    final class Proc {
        final int pid;
        int ppid;
        List<String> argv;
        String title;
        List<String> env;
        String cwd = "/";
        int uid;
        int gid;
        StringBuilder out;
        StringBuilder err;
        String stdin;
        Integer status;
        boolean reaped;
        final Map<Integer, Runnable> handlers = new HashMap<>();
        final Set<Integer> ignored = new HashSet<>();
        final Deque<Integer> pending = new ArrayDeque<>();
        int killedBy;
        boolean handled;
        long mem;
        long startMillis = clock;

        Proc(int pid) {
            this.pid = pid;
        }

        void start(Program program) {
            Thread th = new Thread(() -> runThread(program), "fake-" + pid + "-" + argv.get(0));
            th.setDaemon(true);
            th.start();
        }

        private void runThread(Program program) {
            FakeSys sys = new FakeSys(FakeKernel.this, this);
            int st;
            try {
                Program p = program;
                while (true) {
                    try {
                        st = p.main(sys) & 0xff;
                        break;
                    } catch (FakeSys.Exec e) {
                        p = e.program;
                    }
                }
            } catch (FakeSys.Exited e) {
                st = e.code & 0xff;
            } catch (FakeSys.Killed e) {
                st = 128 + killedBy;
            } catch (Throwable e) {
                crashes.add(e);
                synchronized (FakeKernel.this) {
                    err.append("CRASH: ").append(e).append('\n');
                }
                st = 128 + Signals.SIGSEGV;
            }
            synchronized (FakeKernel.this) {
                closeAll(pid);
                status = st;
                memUsed -= mem;
                FakeKernel.this.notifyAll();
            }
        }

        String cmdline() {
            return title != null ? title : String.join("\0", argv) + "\0";
        }
    }

    // ---- processes

    synchronized Proc newProc(int ppid, List<String> argv, List<String> env, String cwd, StringBuilder out,
            StringBuilder err, String stdin) {
        Proc p = new Proc(nextPid++);
        p.ppid = ppid;
        p.argv = List.copyOf(argv);
        p.env = new ArrayList<>(env);
        p.cwd = cwd;
        p.out = out;
        p.err = err;
        p.stdin = stdin == null ? "" : stdin;
        procs.put(p.pid, p);
        return p;
    }

    /** Starts a program the way a container's first process starts; its output goes to the given buffers. */
    Proc start(String program, List<String> argv, String stdin, StringBuilder out, StringBuilder err) {
        Proc p = newProc(0, argv, List.of("PATH=" + PATH, "HOME=/root"), "/", out, err, stdin);
        p.start(Programs.lookup(program).orElseThrow());
        return p;
    }

    /** Runs a program to its end (at most 20 s of real time); returns its status. */
    int run(String program, List<String> argv, String stdin, StringBuilder out, StringBuilder err) {
        return await(start(program, argv, stdin, out, err), 20_000);
    }

    synchronized int await(Proc p, long realMillis) {
        long deadline = System.currentTimeMillis() + realMillis;
        while (p.status == null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("process " + p.pid + " " + p.argv + " did not end; stderr: " + p.err);
            }
            try {
                wait(Math.min(left, 50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        p.reaped = true;
        return p.status;
    }

    /** Waits (real time) until the condition holds under the kernel lock. */
    synchronized void until(java.util.function.BooleanSupplier cond, String what) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                wait(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The program an executable stands for, or a #! interpreter line; throws as execve would. */
    synchronized Object[] resolveProgram(String path, List<String> argv) {
        FakeFs.Found f = fs.resolve(path, true);
        if (f.node().kind == Sys.Stat.Kind.DIR) {
            throw SysError.eacces();
        }
        if ((f.node().mode & 0111) == 0) {
            throw SysError.eacces();
        }
        byte[] head = f.node().data;
        var name = SimBinary.programOf(head);
        if (name.isPresent()) {
            return new Object[] {Programs.lookup(name.get()).orElseThrow(SysError::enoexec), argv};
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (text.startsWith("#!")) {
            String[] line = text.substring(2, text.indexOf('\n') < 0 ? text.length() : text.indexOf('\n')).trim().split("\\s+", 2);
            List<String> next = new ArrayList<>(Arrays.asList(line));
            next.add(path);
            next.addAll(argv.subList(1, argv.size()));
            return resolveProgram(line[0], next);
        }
        throw SysError.enoexec();
    }

    synchronized void kill(int pid, int sig) {
        Proc p = procs.get(pid);
        if (p == null || p.status != null) {
            throw SysError.esrch();
        }
        if (sig == 0 || p.ignored.contains(sig) && sig != Signals.SIGKILL) {
            return;
        }
        if (sig != Signals.SIGKILL && p.handlers.containsKey(sig)) {
            p.pending.add(sig);
        } else if (sig != Signals.SIGCHLD && sig != Signals.SIGWINCH && sig != Signals.SIGCONT) {
            p.killedBy = sig;
        }
        notifyAll();
    }

    // ---- sockets

    synchronized int fd(int owner, Object socket) {
        int fd = nextFd++;
        sockets.put(fd, socket);
        owners.put(fd, owner);
        return fd;
    }

    /** What the kernel does with a dead process's descriptors. */
    synchronized void close(int fd) {
        Object o = sockets.remove(fd);
        owners.remove(fd);
        if (o instanceof Conn c) {
            c.closed = true;
        } else if (o instanceof Listener l) {
            listeners.remove(l.port);
        }
        notifyAll();
    }

    private void closeAll(int pid) {
        for (int fd : new ArrayList<>(owners.keySet())) {
            if (owners.get(fd) == pid) {
                close(fd);
            }
        }
    }

    /** A client outside every process (the host, through a published port): send a request, read to EOF. */
    String exchange(int port, String request) {
        Conn client;
        synchronized (this) {
            Listener l = listeners.get(port);
            if (l == null) {
                throw new AssertionError("nothing listens on " + port);
            }
            client = pair(l, clientAddress + ":40000");
            client.peer.inbox.writeBytes(request.getBytes(StandardCharsets.UTF_8));
            notifyAll();
        }
        Conn c = client;
        until(() -> c.closed || c.peer.closed, "the server to close the connection");
        synchronized (this) {
            return c.inbox.toString(StandardCharsets.UTF_8);
        }
    }

    synchronized Conn pair(Listener l, String clientAddress) {
        Conn client = new Conn();
        Conn server = new Conn();
        client.peer = server;
        server.peer = client;
        client.peerAddress = "172.17.0.2:" + l.port;
        server.peerAddress = clientAddress;
        l.backlog.add(server);
        notifyAll();
        return client;
    }

    synchronized boolean listening(int port) {
        return listeners.containsKey(port);
    }

    synchronized List<Proc> live() {
        List<Proc> out = new ArrayList<>();
        for (Proc p : procs.values()) {
            if (p.status == null) {
                out.add(p);
            }
        }
        return out;
    }
}
