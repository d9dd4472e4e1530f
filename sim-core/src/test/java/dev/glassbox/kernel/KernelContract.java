package dev.glassbox.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel SPI's contract, written once: the sim kernel and the Linux kernel each run it by
 * subclassing. Everything it creates is named glassbox… and lives under {@link #root()}.
 */
public abstract class KernelContract {
    protected Kernel kernel;
    private final StringBuilder out = new StringBuilder();

    /** A fresh kernel for one test. */
    protected abstract Kernel newKernel();

    /** A directory this test may use on the kernel's host filesystem. */
    protected abstract String root();

    /** Unpacks a busybox root filesystem (sh, echo, hostname, sleep, ls, cat) into {@code dir}. */
    protected abstract void unpackBusybox(Kernel k, String dir);

    /** The bridge the veth test makes: a name the kernel under test sweeps if the test dies half-way. */
    protected String testBridge() {
        return "glassbox-t0";
    }

    /** The host end of the veth test's pair. */
    protected String testVeth() {
        return "glassbox-v0";
    }

    @BeforeEach
    void start() {
        kernel = newKernel();
    }

    @AfterEach
    void stop() {
        kernel.close();
    }

    private static EnumSet<NsType> all() {
        return EnumSet.of(NsType.PID, NsType.MNT, NsType.UTS, NsType.IPC, NsType.NET);
    }

    /** A container-like sandbox: busybox under an overlay, /proc and /dev mounted, root pivoted. */
    private Sandbox container(String name, MountSpec... extra) {
        String dir = root() + "/" + name;
        unpackBusybox(kernel, dir + "/lower");
        kernel.fs().mkdirs(dir + "/upper");
        kernel.fs().mkdirs(dir + "/work");
        kernel.fs().mkdirs(dir + "/merged");
        kernel.mounts().overlay(List.of(dir + "/lower"), dir + "/upper", dir + "/work", dir + "/merged");
        Sandbox sb = kernel.processes().clone(new CloneSpec(name, all(), Map.of()));
        kernel.mounts().prepareRoot(sb, dir + "/merged");
        kernel.mounts().mountIn(sb, new MountSpec("proc", "proc", "/proc", List.of("nosuid", "noexec", "nodev")));
        kernel.mounts().mountIn(sb, new MountSpec("tmpfs", "tmpfs", "/dev", List.of("nosuid", "mode=755")));
        for (MountSpec m : extra) {
            kernel.mounts().mountIn(sb, m);
        }
        kernel.mounts().pivotRoot(sb);
        kernel.processes().sethostname(sb, name);
        return sb;
    }

    private ExitStatus run(Sandbox sb, String script) {
        int pid = kernel.processes().exec(sb, new ExecSpec(List.of("/bin/sh", "-c", script), List.of("PATH=/bin:/usr/bin"), "/", 0, 0, "",
                (stream, text) -> out.append(text)));
        return kernel.processes().waitFor(pid, 10_000).orElseThrow();
    }

    @Test
    void cloneCreatesDistinctNamespaces() {
        Sandbox a = kernel.processes().clone(new CloneSpec("glassbox-a", all(), Map.of()));
        Sandbox b = kernel.processes().clone(new CloneSpec("glassbox-b", all(), Map.of()));
        for (NsType t : all()) {
            assertNotEquals(a.namespaces().get(t), b.namespaces().get(t), t + " namespaces of two sandboxes differ");
        }
        assertEquals(5, all().stream().map(t -> a.namespaces().get(t)).distinct().count(), "each new namespace has its own inode");
        kernel.processes().kill(a.pid(), 9);
        kernel.processes().kill(b.pid(), 9);
    }

    @Test
    void pidOneHostnameAndProcInsideTheContainer() {
        Sandbox sb = container("glassbox-c1");
        ExitStatus st = run(sb, "echo $$; hostname; ls /proc/1 >/dev/null && echo proc-ok");
        assertEquals(0, st.code());
        assertEquals("1\nglassbox-c1\nproc-ok\n", out.toString());
    }

    @Test
    void bindMountsShareHostDirectoriesAndReadOnlyRefusesWrites() {
        kernel.fs().mkdirs(root() + "/glassbox-vol");
        kernel.fs().mkdirs(root() + "/glassbox-ro");
        kernel.fs().writeFile(root() + "/glassbox-ro/seed", "seed\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Sandbox sb = container("glassbox-c5", MountSpec.bind(root() + "/glassbox-vol", "/data", false),
                MountSpec.bind(root() + "/glassbox-ro", "/ro", true));
        assertEquals(0, run(sb, "echo kept > /data/f && cat /ro/seed && if (echo no > /ro/x) 2>/dev/null; then echo wrote; else echo refused; fi").code(),
                out.toString());
        assertTrue(out.toString().startsWith("seed\n") && out.toString().endsWith("refused\n"), "a read-only bind mount refuses writes: " + out);
        assertEquals("kept\n", new String(kernel.fs().readFile(root() + "/glassbox-vol/f"), java.nio.charset.StandardCharsets.UTF_8),
                "what the container writes to a bind mount lands in the host directory");
        assertFalse(kernel.fs().exists(root() + "/glassbox-ro/x"));
        assertTrue(kernel.fs().readTree(root() + "/glassbox-c5/upper").stream().noneMatch(e -> e.path().startsWith("data/")),
                "nothing written under the mount reaches the container's upperdir");
    }

    @Test
    void writesLandInTheUpperdirAndDeletesLeaveWhiteouts() {
        Sandbox sb = container("glassbox-c2");
        assertEquals(0, run(sb, "echo hi > /new.txt && rm /bin/ls && mkdir /data").code());
        List<String> upper = kernel.fs().readTree(root() + "/glassbox-c2/upper").stream().map(e -> e.path()).toList();
        assertTrue(upper.contains("new.txt"), upper.toString());
        assertTrue(upper.contains("bin/.wh.ls"), upper.toString());
        assertTrue(upper.contains("data"), upper.toString());
        List<String> lower = kernel.fs().readTree(root() + "/glassbox-c2/lower").stream().map(e -> e.path()).toList();
        assertTrue(lower.contains("bin/ls"), "the image layer is never changed");
    }

    @Test
    void aMountedOverlayIsStatReadAndWrittenThroughItsMergedView() {
        String dir = root() + "/glassbox-o1";
        unpackBusybox(kernel, dir + "/lower");
        kernel.fs().mkdirs(dir + "/upper");
        kernel.fs().mkdirs(dir + "/work");
        kernel.fs().mkdirs(dir + "/merged");
        kernel.fs().writeFile(dir + "/upper/added", "up\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        kernel.mounts().overlay(List.of(dir + "/lower"), dir + "/upper", dir + "/work", dir + "/merged");
        try {
            FileStat bin = kernel.fs().stat(dir + "/merged/bin");
            assertEquals(dev.glassbox.image.FileEntry.Type.DIR, bin.type());
            assertEquals(null, kernel.fs().stat(dir + "/merged/missing"));
            List<String> merged = kernel.fs().readTree(dir + "/merged").stream().map(e -> e.path()).toList();
            assertTrue(merged.contains("added") && merged.contains("bin/sh"), "the merged view is the union of the layers: " + merged);
            kernel.fs().extract(dir + "/merged/bin", List.of(dev.glassbox.image.FileEntry.file("tool", 0755, "#!/bin/sh\n")));
            assertEquals(0755, kernel.fs().stat(dir + "/merged/bin/tool").mode());
        } finally {
            kernel.mounts().unmount(dir + "/merged");
        }
        List<String> upper = kernel.fs().readTree(dir + "/upper").stream().map(e -> e.path()).toList();
        assertTrue(upper.contains("bin/tool"), "a write through the merged view is copied up into the upperdir: " + upper);
        assertFalse(kernel.fs().exists(dir + "/lower/bin/tool"), "the lower layer is never changed");
    }

    @Test
    void cgroupCountsAndLimitsItsProcesses() {
        Sandbox sb = container("glassbox-c3");
        kernel.cgroups().create("glassbox-test/c3", new CgroupLimits(64L << 20, 10, 0, 100_000));
        kernel.cgroups().attach("glassbox-test/c3", sb.pid());
        assertEquals(1, kernel.cgroups().stats("glassbox-test/c3").pids());
        assertEquals(64L << 20, kernel.cgroups().stats("glassbox-test/c3").memoryLimit());
        assertThrows(RuntimeException.class, () -> kernel.cgroups().remove("glassbox-test/c3"), "a cgroup with processes cannot be removed");
        run(sb, "true");
        kernel.cgroups().remove("glassbox-test/c3");
        assertThrows(RuntimeException.class, () -> kernel.cgroups().stats("glassbox-test/c3"));
    }

    @Test
    void pidOneWithoutHandlerIgnoresTermButNotKill() {
        Sandbox sb = container("glassbox-c4");
        int pid = kernel.processes().exec(sb, new ExecSpec(List.of("/bin/sleep", "1000"), List.of(), "/", 0, 0, "", ExecSpec.OutputSink.DISCARD));
        kernel.processes().kill(pid, 15);
        assertEquals(Optional.empty(), kernel.processes().waitFor(pid, 500));
        kernel.processes().kill(pid, 9);
        assertEquals(137, kernel.processes().waitFor(pid, 5_000).orElseThrow().code());
    }

    @Test
    void execOfAMissingProgramFailsWith127() {
        Sandbox sb = container("glassbox-c5");
        Processes.ExecFailure f = assertThrows(Processes.ExecFailure.class, () -> kernel.processes().exec(sb,
                new ExecSpec(List.of("nope"), List.of("PATH=/bin"), "/", 0, 0, "", ExecSpec.OutputSink.DISCARD)));
        assertEquals(127, f.exitCode());
        kernel.processes().kill(sb.pid(), 9);
    }

    @Test
    void vethPairConnectsContainerToBridge() {
        Sandbox sb = container("glassbox-c6");
        String bridge = testBridge();
        String veth = testVeth();
        kernel.net().createBridge(bridge, "10.99.0.1/24");
        kernel.net().createVeth(veth, sb, "eth0");
        kernel.net().setMaster(veth, bridge);
        kernel.net().addAddress(sb, "eth0", "10.99.0.2/24");
        kernel.net().linkUp(sb, "eth0");
        assertTrue(kernel.net().linkExists(veth));
        assertEquals(0, run(sb, "ip addr show eth0").code());
        assertTrue(out.toString().contains("inet 10.99.0.2/24"), out.toString());
        kernel.net().deleteLink(veth);
        assertFalse(kernel.net().linkExists(veth), "deleting the host end takes the pair away");
        kernel.net().deleteLink(bridge);
        assertFalse(kernel.net().linkExists(bridge));
    }

    @Test
    void aPublishedPortIsARuleAndAProxyInTheStateUntilWithdrawn() throws java.io.IOException {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        NatRule r = new NatRule("tcp", "0.0.0.0", port, "10.99.0.2", 80, "glassbox-t0");
        kernel.net().addNat(r);
        kernel.net().proxy(r);
        assertEquals(List.of(r), kernel.state().nat());
        assertEquals(List.of(r), kernel.state().proxies());
        kernel.net().unproxy(r);
        assertEquals(List.of(), kernel.state().proxies());
        assertEquals(List.of(r), kernel.state().nat(), "the rule outlives its proxy until it is deleted too");
        kernel.net().removeNat(r);
        assertEquals(List.of(), kernel.state().nat());
    }

    @Test
    void aConnectionFromTheHostWhereNothingListensIsRefusedAndNoneLeavesTheMachine() throws java.io.IOException {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        SysError refused = assertThrows(SysError.class, () -> kernel.net().connect("127.0.0.1", port));
        assertEquals(Errno.ECONNREFUSED, refused.errno());
        SysError away = assertThrows(SysError.class, () -> kernel.net().connect("192.0.2.1", 80), "TEST-NET-1, outside the machine");
        assertEquals(Errno.ENETUNREACH, away.errno());
    }
}
