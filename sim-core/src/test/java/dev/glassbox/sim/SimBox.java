package dev.glassbox.sim;

import dev.glassbox.image.FileEntry;
import dev.glassbox.image.SimBinary;
import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.CloneSpec;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.MountSpec;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.ProcessInfo;
import dev.glassbox.kernel.Processes;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.programs.Programs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A test fixture: one container-like sandbox on a {@link SimKernel}, the way runc would set it up (new
 * namespaces, a cgroup, a root of its own with /proc and /dev, a veth on docker0 with 172.17.0.2), whose
 * root holds busybox with its applet links and a few /etc files. The first process started is the
 * sandbox's PID 1 (execve); the later ones join it, as {@code docker exec} does. Virtual time starts at
 * 2024-01-01T00:00:00Z and passes only while the test waits.
 */
public final class SimBox implements AutoCloseable {
    public record Result(int status, String out, String err) {}

    public static final String PATH = SimKernel.DEFAULT_PATH;
    public static final List<String> ENV = List.of("PATH=" + PATH, "HOME=/root");
    /** 2024-01-01T00:00:00Z. */
    public static final long EPOCH = 1_704_067_200_000L;
    private static final String ROOT = "/var/lib/glassbox-box/rootfs";
    private static final String PROC_FILES = "/var/lib/glassbox-box/proc";
    private static final String CGROUP = "glassbox-box";
    private static final String CLIENT = "glassbox-client";
    /** A program that says "usr1" at each SIGUSR1, ignores SIGHUP, says "ready" and waits in pauseForever. */
    public static final String WAITER = "glassbox-waiter";
    private static final long WAIT_MILLIS = 600_000;

    private final SimKernel k = new SimKernel(7, EPOCH, SimBox::program);
    private final boolean procfs;
    private final Map<String, String> procFiles = new LinkedHashMap<>();
    private final List<String> crashes = Collections.synchronizedList(new ArrayList<>());
    private long memoryLimit;
    private Sandbox sandbox;
    private Sandbox host;
    private boolean initStarted;

    public SimBox() {
        this(true);
    }

    private SimBox(boolean procfs) {
        this.procfs = procfs;
        for (String dir : List.of("bin", "usr/bin", "etc", "dev", "proc", "tmp", "root")) {
            k.fs().mkdirs(ROOT + "/" + dir);
        }
        List<FileEntry> root = new ArrayList<>();
        root.add(FileEntry.file("bin/busybox", 0755, SimBinary.header("busybox")));
        for (String applet : Programs.applets()) {
            root.add(FileEntry.symlink(applet.equals("[") ? "usr/bin/[" : "bin/" + applet, "/bin/busybox"));
        }
        root.add(FileEntry.file("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
                + "nobody:x:65534:65534:nobody:/home:/bin/false\n"));
        root.add(FileEntry.file("etc/group", 0644, "root:x:0:\ndaemon:x:1:\nwheel:x:10:root\nnogroup:x:65534:\n"));
        root.add(FileEntry.file("etc/hosts", 0644, "127.0.0.1\tlocalhost\n172.17.0.2\tc0ffee123456\n172.17.0.5\tweb\n"));
        root.add(FileEntry.file("etc/resolv.conf", 0644, "nameserver 127.0.0.11\n"));
        k.fs().unpackLayer(ROOT, root);
        k.fs().writeFile("/usr/bin/" + CLIENT, SimBinary.header(CLIENT));
        k.fs().chmod("/usr/bin/" + CLIENT, 0755);
        binary("/usr/bin/" + WAITER, WAITER);
    }

    /** A box whose /proc is a plain directory of the image, with no procfs mounted on it. */
    public static SimBox withoutProcfs() {
        return new SimBox(false);
    }

    private static Optional<Program> program(String name) {
        return name.equals(CLIENT) ? Optional.of(SimBox::client) : name.equals(WAITER) ? Optional.of(SimBox::waiter) : Programs.lookup(name);
    }

    private static int waiter(Sys sys) {
        sys.signal(Signals.SIGUSR1, () -> sys.out("usr1\n"));
        sys.ignore(Signals.SIGHUP);
        sys.out("ready\n");
        sys.pauseForever();
        return 0;
    }

    /** Whether the process (a pid as the host sees it) is alive and waits without a thread of its own. */
    public boolean waitsWithoutThread(int pid) {
        try {
            return k.process(pid).waitsWithoutThread();
        } catch (SysError e) {
            return false; // no such process
        }
    }

    /** The host's side of {@link #exchange}: connect, send argv[3], print everything until the server closes. */
    private static int client(Sys sys) {
        int c = sys.connect(sys.argv().get(1), Integer.parseInt(sys.argv().get(2)));
        sys.send(c, sys.argv().get(3).getBytes(StandardCharsets.UTF_8));
        for (byte[] b = sys.recv(c); b.length > 0; b = sys.recv(c)) {
            sys.out(new String(b, StandardCharsets.UTF_8));
        }
        sys.close(c);
        return 0;
    }

    // ---- the root filesystem, as the host writes it (the sandbox's root is this directory)

    public void binary(String path, String program) {
        put(FileEntry.file(rel(path), 0755, SimBinary.header(program)));
    }

    public void file(String path, String text) {
        put(FileEntry.file(rel(path), 0644, text));
    }

    public void script(String path, String text) {
        put(FileEntry.file(rel(path), 0755, text));
    }

    public void symlink(String target, String path) {
        put(FileEntry.symlink(rel(path), target));
    }

    /** A directory as an image layer holds it (its parents too): each counts in its parent's links, as on disk. */
    public void mkdirs(String path) {
        put(FileEntry.dir(rel(path), 0755));
    }

    public void chown(String path, int uid, int gid) {
        k.fs().chown(ROOT + path, uid, gid);
    }

    /**
     * A file bound over procfs's own before the first process starts, as LXCFS binds its
     * /proc/meminfo: programs that read it see this text.
     */
    public void procFile(String path, String text) {
        if (sandbox != null || !procfs || !path.startsWith("/proc/")) {
            throw new IllegalStateException("a /proc file is bound before the sandbox starts, over a procfs: " + path);
        }
        procFiles.put(path, text);
    }

    private void put(FileEntry e) {
        k.fs().unpackLayer(ROOT, List.of(e));
    }

    private static String rel(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("an absolute path: " + path);
        }
        return path.substring(1);
    }

    public String read(String path) {
        return new String(k.fs().readFile(ROOT + path), StandardCharsets.UTF_8);
    }

    public boolean exists(String path) {
        return k.fs().exists(ROOT + path);
    }

    // ---- the sandbox

    private Sandbox sandbox() {
        if (sandbox != null) {
            return sandbox;
        }
        k.net().createBridge("docker0", "172.17.0.1/16");
        Set<NsType> create = EnumSet.of(NsType.PID, NsType.MNT, NsType.UTS, NsType.IPC, NsType.NET);
        Sandbox sb = k.processes().clone(new CloneSpec("glassbox-box", create, Map.of()));
        k.cgroups().create(CGROUP, new CgroupLimits(memoryLimit, 0, 0, 100_000));
        k.cgroups().attach(CGROUP, sb.pid());
        k.mounts().prepareRoot(sb, ROOT);
        if (procfs) {
            k.mounts().mountIn(sb, new MountSpec("proc", "proc", "/proc", List.of("nosuid", "noexec", "nodev")));
            for (Map.Entry<String, String> f : procFiles.entrySet()) {
                String hostPath = PROC_FILES + f.getKey().substring("/proc".length());
                k.fs().writeFile(hostPath, f.getValue().getBytes(StandardCharsets.UTF_8));
                k.mounts().mountIn(sb, MountSpec.bind(hostPath, f.getKey(), true));
            }
        }
        k.mounts().mountIn(sb, new MountSpec("tmpfs", "tmpfs", "/dev", List.of("nosuid", "mode=755")));
        k.mounts().pivotRoot(sb);
        k.processes().sethostname(sb, "c0ffee123456");
        k.net().linkUp(sb, "lo");
        k.net().createVeth("veth0c0ffee", sb, "eth0");
        k.net().setMaster("veth0c0ffee", "docker0");
        k.net().addAddress(sb, "eth0", "172.17.0.2/16");
        k.net().linkUp(sb, "eth0");
        k.net().addDefaultRoute(sb, "172.17.0.1", "eth0");
        sandbox = sb;
        return sb;
    }

    /** Sets the sandbox cgroup's memory limit (0: none). */
    public void memoryLimit(long bytes) {
        memoryLimit = bytes;
        if (sandbox != null) {
            k.cgroups().update(CGROUP, new CgroupLimits(bytes, 0, 0, 100_000));
        }
    }

    /** Memory the sandbox's cgroup accounts now. */
    public long memoryUsed() {
        sandbox();
        return k.cgroups().stats(CGROUP).memoryBytes();
    }

    // ---- processes

    /**
     * Starts {@code argv} (argv[0] looked up on the PATH of {@code env}, as execve does) in the sandbox,
     * its output appended to the buffers; returns its pid as the host sees it.
     */
    public int start(List<String> argv, List<String> env, String cwd, String stdin, StringBuilder out, StringBuilder err) {
        Sandbox sb = sandbox();
        ExecSpec spec = new ExecSpec(argv, env, cwd, 0, 0, stdin, (stream, text) -> {
            if (stream == 2 && text.startsWith("glassbox: program ")) {
                crashes.add(text);
            }
            (stream == 2 ? err : out).append(text);
        });
        if (initStarted) {
            return k.processes().spawn(sb, spec);
        }
        initStarted = true;
        return k.processes().exec(sb, spec);
    }

    public int start(String stdin, StringBuilder out, StringBuilder err, String... argv) {
        return start(Arrays.asList(argv), ENV, "/", stdin, out, err);
    }

    /** Runs {@code argv} to its end; a program that cannot be executed gives runc's message and Docker's status. */
    public Result run(String stdin, String... argv) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        try {
            int st = await(start(stdin, out, err, argv));
            return new Result(st, out.toString(), err.toString());
        } catch (Processes.ExecFailure e) {
            return new Result(e.exitCode(), "", e.getMessage() + "\n");
        }
    }

    public Result sh(String script) {
        return run("", "sh", "-c", script);
    }

    /** {@code flavor -c script}: sh, bash or dash. */
    public Result sh(String flavor, String script) {
        return run("", flavor, "-c", script);
    }

    /** A busybox applet by its link in /bin. */
    public Result applet(String... argv) {
        return run("", argv);
    }

    /** Waits (virtual time passes) until the process ends; its status as a shell shows it. */
    public int await(int pid) {
        ExitStatus st = k.processes().waitFor(pid, WAIT_MILLIS)
                .orElseThrow(() -> new AssertionError("process " + pid + " did not end in " + WAIT_MILLIS / 1000 + " s of virtual time"));
        return st.code();
    }

    public void kill(int pid, int signal) {
        k.processes().kill(pid, signal);
    }

    /** Lets virtual time pass, 10 ms at a time, until the condition holds. */
    public void until(BooleanSupplier condition, String what) {
        for (long waited = 0; !condition.getAsBoolean(); waited += 10) {
            if (waited > WAIT_MILLIS) {
                throw new AssertionError("timed out waiting for " + what);
            }
            k.idle(10);
        }
    }

    /** The sandbox's live processes. */
    public List<ProcessInfo> live() {
        return sandbox == null ? List.of() : k.processes().list(sandbox);
    }

    /** The resident memory of a live process of the sandbox. */
    public long rss(int pid) {
        return live().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow(() -> new AssertionError("no process " + pid)).rssBytes();
    }

    /** Whether a socket listens on the port in the sandbox's network namespace. */
    public boolean listening(int port) {
        return sandbox != null && k.namespacesOf(sandbox).net().listeners.containsKey(port);
    }

    /** A client on the host connects to the sandbox's address, sends the request and reads until the server closes. */
    public String exchange(int port, String request) {
        if (host == null) {
            host = k.processes().clone(new CloneSpec("glassbox-host-client", Set.of(), Map.of()));
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int pid = k.processes().spawn(host, new ExecSpec(List.of(CLIENT, "172.17.0.2", String.valueOf(port), request), List.of("PATH=/usr/bin"),
                "/", 0, 0, "", (stream, text) -> (stream == 2 ? err : out).append(text)));
        if (await(pid) != 0) {
            throw new AssertionError("the host's client failed: " + err);
        }
        return out.toString();
    }

    /** What programs reported as crashes (an exception out of a program's code). */
    public List<String> crashes() {
        return List.copyOf(crashes);
    }

    @Override
    public void close() {
        k.close();
    }
}
