package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container attached to a real cgroup before execve sees that cgroup as its root '/' (cgroup namespace). */
class LinuxProcessesCgroupTest {
    @TempDir
    Path tmp;

    @Test
    void theContainersCgroupIsTheRootOfItsCgroupNamespace() throws IOException {
        BusyboxSandboxes.assumeReady();
        CgroupLayout layout = CgroupLayout.detect();
        assumeTrue(layout.has("memory") && Files.isWritable(layout.ownDir("memory")), "needs a writable memory controller");
        String name = "glassbox-test-" + UUID.randomUUID().toString().substring(0, 8);
        LinuxCgroups cg = new LinuxCgroups(layout, null);
        try (BusyboxSandboxes boxes = new BusyboxSandboxes(tmp, null)) {
            cg.create(name, new CgroupLimits(64L << 20, 0, 0, 100_000));
            try {
                Sandbox sb = boxes.create("cg1", "cg1", s -> cg.attach(name, s.pid()));
                StringBuffer out = new StringBuffer();
                boxes.processes.exec(sb, BusyboxSandboxes.sh("cat /proc/self/cgroup; sleep 60", (s, t) -> out.append(t)));
                waitForOutput(out);
                List<String> inside = out.toString().lines().toList();
                assertFalse(inside.isEmpty());
                for (String line : inside) {
                    assertTrue(line.endsWith(":/"), "every hierarchy is rooted at the container's cgroup: " + inside);
                }
                assertTrue(ProcFiles.cgroup(sb.pid()).endsWith("/" + name), "from the host: " + ProcFiles.cgroup(sb.pid()));

                StringBuffer exec = new StringBuffer();
                int pid = boxes.processes.spawn(sb, BusyboxSandboxes.sh("cat /proc/self/cgroup", (s, t) -> exec.append(t)));
                assertEquals(0, boxes.processes.waitFor(pid, 5_000).orElseThrow().code());
                assertEquals(out.toString(), exec.toString(), "docker exec joins the same cgroup and cgroup namespace");
                assertTrue(cg.stats(name).pids() >= 1, "the container's processes are charged to its cgroup");

                boxes.processes.kill(sb.pid(), Signals.SIGKILL);
                assertEquals(137, boxes.processes.waitFor(sb.pid(), 5_000).orElseThrow().code());
                boxes.processes.release(sb);
            } finally {
                boxes.processes.killAll();
                removeCgroup(cg, layout, name);
            }
        }
    }

    /**
     * On v1 the held init moves itself (it writes 0 to each hierarchy's tasks file: no wait for an RCU
     * grace period); every hierarchy then lists it in the container's cgroup, and the trace says who wrote what.
     */
    @Test
    void aHeldInitMovesItselfIntoEveryHierarchy() throws IOException {
        BusyboxSandboxes.assumeReady();
        CgroupLayout layout = CgroupLayout.detect();
        assumeTrue(layout.version().equals("v1") && layout.has("memory") && Files.isWritable(layout.ownDir("memory")),
                "needs writable v1 controllers");
        String name = "glassbox-test-" + UUID.randomUUID().toString().substring(0, 8);
        dev.glassbox.trace.Tracer tracer = new dev.glassbox.trace.Tracer(System::currentTimeMillis);
        LinuxCgroups cg = new LinuxCgroups(layout, tracer);
        try (BusyboxSandboxes boxes = new BusyboxSandboxes(tmp, null)) {
            cg.selfJoin(boxes.processes);
            cg.create(name, new CgroupLimits(64L << 20, 50, 0, 100_000));
            try {
                int[] held = {0};
                Sandbox sb = boxes.create("self1", "self1", s -> {
                    assertTrue(boxes.processes.canJoin(s.pid()), "a held init can move itself");
                    tracer.begin("attach", "");
                    cg.attach(name, s.pid());
                    held[0] = s.pid();
                });
                dev.glassbox.trace.TraceEvent attach = tracer.finish().events().stream()
                        .filter(e -> e.action().equals("attach")).findFirst().orElseThrow();
                assertTrue(attach.equivalent().contains("echo 0 > ") && attach.equivalent().contains("/tasks"), attach.equivalent());
                for (String c : layout.controllers()) {
                    String line = Files.readAllLines(Path.of("/proc/" + held[0] + "/cgroup")).stream()
                            .filter(l -> List.of(l.split(":", 3)[1].split(",")).contains(c)).findFirst().orElseThrow();
                    assertTrue(line.endsWith("/" + name), c + " hierarchy: " + line);
                }
                assertEquals(1, cg.stats(name).pids(), "the init is charged to the container's pids controller");
                boxes.processes.kill(sb.pid(), Signals.SIGKILL);
                boxes.processes.waitFor(sb.pid(), 5_000).orElseThrow();
                boxes.processes.release(sb);
                assertFalse(boxes.processes.canJoin(sb.pid()), "a released sandbox has no held init");
            } finally {
                boxes.processes.killAll();
                removeCgroup(cg, layout, name);
            }
        }
    }

    @Test
    void aProcessKilledByTheOomKillerIsReportedOomKilled() throws IOException {
        BusyboxSandboxes.assumeReady();
        CgroupLayout layout = CgroupLayout.detect();
        assumeTrue(layout.has("memory") && Files.isWritable(layout.ownDir("memory")), "needs a writable memory controller");
        String name = "glassbox-test-" + UUID.randomUUID().toString().substring(0, 8);
        LinuxCgroups cg = new LinuxCgroups(layout, null);
        try (BusyboxSandboxes boxes = new BusyboxSandboxes(tmp, null)) {
            cg.create(name, new CgroupLimits(16L << 20, 0, 0, 100_000));
            try {
                Sandbox sb = boxes.create("oom1", "oom1", s -> cg.attach(name, s.pid()));
                boxes.processes.exec(sb, BusyboxSandboxes.sh("x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo ${#x}", (s, t) -> {}));
                ExitStatus st = boxes.processes.waitFor(sb.pid(), 30_000).orElseThrow();
                assertEquals(ExitStatus.killed(Signals.SIGKILL, true), st, "the shell holding 200 MB in a 16 MB cgroup");
                assertEquals(137, st.code());
                boxes.processes.release(sb);
            } finally {
                boxes.processes.killAll();
                removeCgroup(cg, layout, name);
            }
        }
    }

    private static void waitForOutput(StringBuffer out) {
        long deadline = System.currentTimeMillis() + 5_000;
        while (out.length() == 0 || !out.toString().endsWith("\n") && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                return;
            }
        }
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** rmdir the test cgroup; processes may take a moment to leave it after a kill. */
    private static void removeCgroup(LinuxCgroups cg, CgroupLayout layout, String name) {
        for (int i = 0; i < 100; i++) {
            try {
                cg.remove(name);
                return;
            } catch (RuntimeException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        for (String c : layout.controllers()) {
            try {
                Files.deleteIfExists(layout.dir(c, name));
            } catch (IOException e) {
                System.err.println("glassbox: could not clean up cgroup " + layout.dir(c, name) + ": " + e);
            }
        }
    }
}
