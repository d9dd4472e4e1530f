package dev.glassbox.sim;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import java.util.List;
import java.util.Map;

/**
 * The system calls a simulated program may make. Each one is answered from the sim kernel's state as
 * seen from the calling process: its namespaces, its mount table, its cgroup. Failures throw
 * {@link SysError}. Calls marked "blocks" yield to the kernel's scheduler; virtual time may pass.
 */
public interface Sys {
    // ---- the process
    List<String> argv();
    int getpid();
    int getppid();
    int getuid();
    int getgid();
    String getenv(String name);
    /** The environment in order, {@code NAME=value}. */
    List<String> environ();
    void setenv(String name, String value);
    String getcwd();
    void chdir(String path);
    /** Ends the process now with this status; never returns. */
    void exit(int status);
    /** Replaces this process's program (execve); never returns on success. */
    void execve(List<String> argv, List<String> env);
    /** Rewrites what {@code /proc/PID/cmdline} shows, as nginx does ("nginx: master process ..."). */
    void setproctitle(String title);

    /**
     * One unit of work done without waiting (a shell command): a process that does too many of them in a row without
     * ever blocking is a runaway, and the kernel kills it so that it cannot hold the machine.
     */
    default void cpu() {
    }

    // ---- standard streams
    void out(String text);
    void err(String text);
    /** Everything on standard input (empty when nothing is attached); blocks until end of file when a writer feeds it. */
    String stdin();
    /** Whether standard input is fed by a writer as the program runs (a terminal, or {@code docker run -i}'s open pipe), not fixed text. */
    default boolean stdinIsStream() {
        return false;
    }
    /**
     * read(2) on standard input, blocks: at most {@code max} bytes, and from a terminal at most one line;
     * empty at end of file. A signal handler that runs meanwhile makes it fail with EINTR.
     */
    default byte[] readInput(int max) {
        return stdin().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    /** Reads standard input up to and including the next newline, blocks; leaves the rest for whoever reads next (a shell's children). Empty at end of file. */
    default String readInputLine() {
        return stdin();
    }
    /** isatty(3) for fd 0, 1 or 2. */
    default boolean isatty(int fd) {
        return false;
    }
    /** ttyname(3) of fd 0 ({@code /dev/pts/0}); ENOTTY when it is no terminal. */
    default String ttyname() {
        throw new SysError(Errno.ENOTTY, "Not a tty");
    }
    /** TIOCGWINSZ on the controlling terminal: {rows, cols}; ENOTTY without one. */
    default int[] winsize() {
        throw new SysError(Errno.ENOTTY, "Not a tty");
    }
    /** setpgid(pid, pid): a child of ours gets a process group of its own (a shell's background job), out of reach of the terminal's Ctrl-C. */
    default void setpgid(int pid) {}
    /** tcsetpgrp(3): the process group of {@code pid} becomes the terminal's foreground group, the one its Ctrl-C reaches; nothing without a controlling terminal. */
    default void tcsetpgrp(int pid) {}

    // ---- child processes
    /** A child's stdout or stderr buffer for {@link #spawn} that keeps nothing: what it gets goes nowhere, as into /dev/null. */
    StringBuilder DEV_NULL = new StringBuilder(0);
    /** fork + execve: starts {@code argv} (looked up on PATH) as a child; its output goes to {@code stdout}/{@code stderr}, or to ours when null. */
    int spawn(List<String> argv, List<String> env, String stdin, StringBuilder stdout, StringBuilder stderr);
    /** As {@link #spawn}, but the child's standard input is ours as it is (fd 0 inherited: the terminal or the open pipe). */
    default int spawnWithStdin(List<String> argv, List<String> env, StringBuilder stdout, StringBuilder stderr) {
        return spawn(argv, env, "", stdout, stderr);
    }
    /** fork without exec: a child process running {@code child} with a copy of our argv, env and cwd; returns its pid. */
    int fork(Program child);
    /**
     * fork for a stage of a pipeline: the child's standard input is the read end of our pipe {@code in}, or ours when -1
     * (a stream as it is, else the fixed text {@code stdin}); its standard output the write end of pipe {@code out}, or
     * ours when -1. The child holds no other end of our pipes.
     */
    int fork(Program child, int in, int out, String stdin);
    /** pipe(2): a kernel pipe of 64 KiB whose both ends we hold until {@link #closePipe}; returns its number for {@link #fork}. */
    int pipe();
    /** close(2) of both our ends of pipe {@code pipe}. */
    void closePipe(int pipe);
    /** Blocks until the child ends; returns its status as a shell shows it (128+N when killed by signal N). */
    int waitpid(int pid);
    /** waitpid(2) with the whole status: an exit code, or the signal that killed the child. */
    default dev.glassbox.kernel.ExitStatus waitStatus(int pid) {
        return dev.glassbox.kernel.ExitStatus.exited(waitpid(pid));
    }
    void kill(int pid, int signal);
    /** Installs a handler: it runs on this process when the signal arrives, even during a blocking call. */
    void signal(int signal, Runnable handler);
    void ignore(int signal);
    /** sched_yield(2): lets the other runnable processes run before we go on; no virtual time passes. */
    default void schedYield() {}
    /** Blocks for this much virtual time. */
    void sleep(long millis);
    /** Blocks until a signal handler has run. */
    void pause();
    /**
     * {@code for (;;) pause();}, the last thing a program does: it waits for signals alone until one ends it. Never
     * returns. The sim kernel keeps no stack for such a process while it waits (a server's workers, each for the
     * container's life).
     */
    default void pauseForever() {
        while (true) {
            pause();
        }
    }
    long timeMillis();

    // ---- files (paths relative to the cwd; the process's mount namespace and root apply)

    /** The names between a path's slashes, as the kernel walks them (no empty ones: {@code //} is one slash). */
    static java.util.ArrayList<String> pathNames(String path) {
        int n = path.length();
        java.util.ArrayList<String> out = new java.util.ArrayList<>(Math.min(n / 2 + 1, 12)); // most paths have fewer names
        int i = 0;
        while (i < n) {
            int slash = path.indexOf('/', i);
            int end = slash < 0 ? n : slash;
            if (end > i) {
                out.add(Names.of(path, i, end)); // one shared copy of each name (see Names)
            }
            i = end + 1;
        }
        return out;
    }

    byte[] read(String path);
    /** read(2) of at most {@code max} bytes from the start: how head -c reads endless devices such as /dev/zero. */
    default byte[] read(String path, long max) {
        byte[] all = read(path);
        return all.length <= max ? all : java.util.Arrays.copyOf(all, (int) max);
    }
    default String readText(String path) {
        return new String(read(path), java.nio.charset.StandardCharsets.UTF_8);
    }
    void write(String path, byte[] data, boolean append);
    default void writeText(String path, String text, boolean append) {
        write(path, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), append);
    }
    /**
     * open(2) for appending, as a server opens its log once at start: where the path leads (through its symlinks,
     * to a file or to the process's own standard output or error) is found now, and each write goes there.
     */
    default Appender openAppend(String path) {
        return text -> writeText(path, text, true);
    }

    /** A file opened for appending (see {@link #openAppend}). */
    interface Appender {
        void append(String text);
    }

    List<DirEntry> readdir(String path);
    Stat stat(String path);
    Stat lstat(String path);

    /** Whether lstat would succeed, without the cost of a failure's exception (pathname expansion asks it often). */
    default boolean lexists(String path) {
        try {
            lstat(path);
            return true;
        } catch (dev.glassbox.kernel.SysError e) {
            return false;
        }
    }
    void mkdir(String path, int mode);
    void unlink(String path);
    void rmdir(String path);
    void symlink(String target, String path);
    String readlink(String path);
    void rename(String from, String to);
    void chmod(String path, int mode);
    /** chown(2) ({@code follow}) or lchown(2); -1 keeps an id. EPERM without CAP_CHOWN for another owner. */
    void chown(String path, int uid, int gid, boolean follow);
    /** The path an executable name resolves to on PATH, or null. */
    String which(String name);

    // ---- the host as this process sees it
    String gethostname();
    void sethostname(String name);
    Uname uname();
    /** sched_getaffinity(2): the CPUs this process may run on (its cgroup's cpuset), as a count. */
    default int schedGetaffinity() {
        throw new SysError(Errno.ENOSYS, "Function not implemented");
    }
    /** Network interfaces of this process's network namespace (what netlink tells {@code ip addr}). */
    List<NetIf> interfaces();
    /** Its routing table. */
    List<Route> routes();
    /** RTM_NEWLINK: a dummy or bridge link; EPERM without CAP_NET_ADMIN. */
    void linkAdd(String name, String kind);
    /** RTM_DELLINK; EPERM without CAP_NET_ADMIN. */
    void linkDelete(String name);
    /** A change of an address, a route or a link's settings in this process's network namespace: EPERM without CAP_NET_ADMIN. */
    void netChange(NetRequest request);

    // ---- sockets (TCP, enough for HTTP-like request/response)
    /** Binds and listens on 0.0.0.0:port in this network namespace. */
    int listen(int port);
    /** Blocks until a client connects; returns a connection id. */
    int accept(int listener);
    /** Connects to host:port (a name from /etc/hosts or an address); returns a connection id. */
    int connect(String host, int port);
    void send(int connection, byte[] data);
    /** Blocks until the peer has sent data or closed; empty at end of stream. */
    byte[] recv(int connection);
    void close(int fd);
    /** The peer's address of a connection, {@code 172.17.0.1:41234}. */
    String peer(int connection);

    /**
     * Sends one ICMP echo request to an address and waits for the reply: true when it came back,
     * false when nothing answered; a missing route is {@code ENETUNREACH}.
     */
    boolean echo(String ip);

    /** socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), what ping opens first: EPERM without CAP_NET_RAW. */
    default void rawSocket() {}

    /** mount(2); needs CAP_SYS_ADMIN, which a container's processes do not have. */
    void mount(String source, String target, String type);

    // ---- memory
    /** Touches this many more bytes of memory; the cgroup may OOM-kill the process for it. */
    void allocate(long bytes);
    void free(long bytes);

    /**
     * The program's own data (a shell's variables) grew or shrank by {@code delta} bytes: memory it touches, charged as
     * {@link #allocate} charges it, and held in the machine glassbox runs on, where one process may keep at most
     * {@code SimProcess.DATA_LIMIT} of it.
     */
    default void data(long delta) {
        if (delta > 0) {
            allocate(delta);
        } else {
            free(-delta);
        }
    }

    /**
     * The process printing now is about to make {@code bytes} of output wait in our memory ({@code $(…)}): beside our own
     * data it may come to at most {@code SimProcess.DATA_LIMIT}, past which the writer is killed.
     */
    void held(long bytes);

    record DirEntry(String name, Stat stat) {}

    record Stat(Kind kind, int mode, int uid, int gid, long size, int nlink, long ino, long mtimeMillis, String link) {
        public enum Kind { DIR, FILE, SYMLINK, CHAR_DEVICE, BLOCK_DEVICE }

        public boolean isDir() {
            return kind == Kind.DIR;
        }
    }

    record Uname(String sysname, String nodename, String release, String version, String machine) {}

    record NetIf(int index, String name, String mac, int mtu, boolean up, String kind, String peerName, List<String> cidrs) {}

    record Route(String destination, String gateway, String device, String source) {}
}
