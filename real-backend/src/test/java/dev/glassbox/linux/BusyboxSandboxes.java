package dev.glassbox.linux;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.kernel.CloneSpec;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.MountSpec;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.runtime.Runtime;
import dev.glassbox.trace.Tracer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test fixture: a busybox image layer made from the host's static busybox, an overlay per container
 * and the runtime's steps (clone, prepareRoot, the standard mounts, pivot_root, sethostname) on the
 * real kernel, all under one temporary state root. {@link #close} kills every process, unmounts
 * everything under the root and leaves nothing behind.
 */
final class BusyboxSandboxes implements AutoCloseable {
    static final List<String> APPLETS = List.of("sh", "echo", "hostname", "sleep", "ls", "cat", "ps", "true", "false", "id", "mount", "ip",
            "wget", "rm", "touch", "kill", "pwd", "env", "head", "tr", "grep", "tty", "stty");
    static final List<String> ENV = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=box");

    final Path state;
    final Tracer tracer;
    final LinuxProcesses processes;
    final LinuxMounts mounts;
    final LinuxOverlayMounts overlay;
    final Path layer;
    private final List<Path> merged = new ArrayList<>();

    /** Skips the test (reason printed) unless root, overlayfs and a static busybox are there. */
    static void assumeReady() throws IOException {
        int uid = Preflight.effectiveUid(Path.of("/"));
        skipUnless(uid == 0, "needs uid 0 for clone(CLONE_NEWNS|CLONE_NEWPID…), mount and pivot_root (uid is " + uid + ")");
        skipUnless(Files.readString(Path.of("/proc/filesystems")).contains("\toverlay"), "overlay is not in /proc/filesystems");
        skipUnless(Files.isExecutable(busybox()), "needs a static busybox at /bin/busybox (apt-get install busybox-static)");
        skipUnless(Cmd.onPath("cc"), InitHelper.NO_COMPILER);
    }

    private static void skipUnless(boolean ok, String why) {
        if (!ok) {
            System.out.println("glassbox: skipping: " + why);
        }
        assumeTrue(ok, why);
    }

    static Path busybox() {
        return Files.isExecutable(Path.of("/bin/busybox")) ? Path.of("/bin/busybox") : Path.of("/usr/bin/busybox");
    }

    BusyboxSandboxes(Path tmp, Tracer tracer) throws IOException {
        this.state = Files.createDirectories(tmp.resolve("state")).toRealPath();
        this.tracer = tracer;
        this.processes = new LinuxProcesses(state, tracer);
        this.overlay = new LinuxOverlayMounts(state, tracer);
        this.mounts = new LinuxMounts(overlay, processes, tracer);
        this.layer = state.resolve("layers/busybox");
        Path bin = Files.createDirectories(layer.resolve("bin"));
        Files.copy(busybox(), bin.resolve("busybox"));
        for (String a : APPLETS) {
            Files.createSymbolicLink(bin.resolve(a), Path.of("busybox"));
        }
        for (String d : List.of("etc", "proc", "sys", "dev", "tmp", "root")) {
            Files.createDirectories(layer.resolve(d));
        }
        Files.writeString(layer.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
        Files.writeString(layer.resolve("etc/motd"), "from the image\n");
    }

    /** The container's overlay: upper, work and merged under state/containers/ID. */
    Path rootfs(String id) throws IOException {
        Path c = state.resolve("containers/" + id);
        for (String d : List.of("upper", "work", "merged")) {
            Files.createDirectories(c.resolve(d));
        }
        Files.writeString(c.resolve("hostname"), id + "\n");
        Files.writeString(c.resolve("hosts"), "127.0.0.1\tlocalhost\n");
        Files.writeString(c.resolve("resolv.conf"), "nameserver 127.0.0.11\n");
        overlay.overlay(List.of(layer.toString()), c.resolve("upper").toString(), c.resolve("work").toString(), c.resolve("merged").toString());
        merged.add(c.resolve("merged"));
        return c;
    }

    /** runc create's steps, with a hook between clone and the rootfs (where the runtime attaches the cgroup). */
    Sandbox create(String id, String hostname, java.util.function.Consumer<Sandbox> afterClone) throws IOException {
        Set<NsType> ns = EnumSet.of(NsType.PID, NsType.MNT, NsType.UTS, NsType.IPC, NsType.NET, NsType.CGROUP);
        Sandbox sb = processes.clone(new CloneSpec(id, ns, Map.of()));
        afterClone.accept(sb);
        Path c = rootfs(id); // after the clone, as the runtime does: the held init must see a mount made after its copy
        mounts.prepareRoot(sb, c.resolve("merged").toString());
        for (MountSpec m : Runtime.standardMounts(c.toString(), List.of())) {
            mounts.mountIn(sb, m);
        }
        mounts.pivotRoot(sb);
        processes.sethostname(sb, hostname);
        return sb;
    }

    Sandbox create(String id, String hostname) throws IOException {
        return create(id, hostname, sb -> {});
    }

    static ExecSpec sh(String script, ExecSpec.OutputSink out) {
        return new ExecSpec(List.of("sh", "-c", script), ENV, "/", 0, 0, "", out);
    }

    /** Runs a script as PID 1 of a fresh container and returns its exit status and output. */
    Ran run(String id, String script) throws IOException {
        Sandbox sb = create(id, id);
        StringBuffer out = new StringBuffer();
        StringBuffer err = new StringBuffer();
        processes.exec(sb, sh(script, (stream, text) -> (stream == 1 ? out : err).append(text)));
        ExitStatus st = processes.waitFor(sb.pid(), 10_000).orElseThrow(() -> new AssertionError("still running: " + script));
        processes.release(sb);
        return new Ran(st, out.toString(), err.toString());
    }

    record Ran(ExitStatus status, String out, String err) {}

    /** Mount points under {@code dir} in this process's namespace. */
    static List<String> mountsUnder(Path dir) throws IOException {
        String d = dir.toRealPath().toString();
        List<String> out = new ArrayList<>();
        for (String m : LinuxOverlayMounts.mountPoints()) {
            if (m.equals(d) || m.startsWith(d + "/")) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        processes.killAll();
        processes.closeSpare(); // the helper kept ready for the next container: it would wait for one until this JVM ends
        for (Path m : merged) {
            if (LinuxOverlayMounts.isMounted(m)) {
                Cmd.run(List.of("umount", m.toString()), 5_000);
            }
        }
        for (String m : mountsUnder(state)) {
            Cmd.run(List.of("umount", "-l", m), 5_000);
        }
    }

    /** What a process wrote to stdout, from the output file its shim framed in its run directory {@code dir}. */
    static String stdout(java.nio.file.Path dir) {
        StringBuilder out = new StringBuilder();
        new OutputTail(dir.resolve("output"), (stream, text) -> {
            if (stream == 1) {
                out.append(text);
            }
        }).poll();
        return out.toString();
    }
}
