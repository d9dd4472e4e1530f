package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.image.ImageRef;
import dev.glassbox.kernel.CloneSpec;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.MountSpec;
import dev.glassbox.kernel.Mounts;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.Processes;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.registry.SimHub;
import dev.glassbox.runtime.Runtime;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.TraceEvent;
import dev.glassbox.trace.Tracer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting a container records the same kernel-layer steps on Linux as on the sim kernel: same
 * actions, objects and sentences in the same order (pids, namespace inodes, the state root and the
 * host's hostname aside), each with the real system call as its equivalent.
 */
class LaunchTraceParityTest {
    @TempDir
    Path tmp;

    /** clone, overlay, the rootfs, sethostname, execve, docker exec, kill: what `docker run` + `docker exec` + `docker kill` do. */
    private static List<TraceEvent> script(Processes p, Mounts m, Tracer tracer, String root) {
        tracer.begin("docker run", "run");
        Sandbox sb = p.clone(new CloneSpec("c1", EnumSet.of(NsType.PID, NsType.MNT, NsType.UTS, NsType.IPC, NsType.NET, NsType.CGROUP), Map.of()));
        m.overlay(List.of(root + "/lower"), root + "/upper", root + "/work", root + "/merged");
        m.prepareRoot(sb, root + "/merged");
        for (MountSpec spec : Runtime.standardMounts(root, List.of())) {
            m.mountIn(sb, spec);
        }
        m.pivotRoot(sb);
        p.sethostname(sb, "c1");
        List<String> env = List.of("PATH=/bin");
        int pid = p.exec(sb, new ExecSpec(List.of("sleep", "60"), env, "/", 0, 0, "", ExecSpec.OutputSink.DISCARD));
        int exec = p.spawn(sb, new ExecSpec(List.of("sh", "-c", "exit 0"), env, "/", 0, 0, "", ExecSpec.OutputSink.DISCARD));
        p.waitFor(exec, 10_000).orElseThrow();
        p.kill(pid, 9);
        p.waitFor(pid, 10_000).orElseThrow();
        p.release(sb);
        m.unmount(root + "/merged");
        return tracer.finish().events().stream().filter(e -> e.layer() == Layer.KERNEL).toList();
    }

    private static List<String> shape(List<TraceEvent> events, String root, String hostname) {
        return events.stream().map(e -> (e.subsystem() + " | " + e.action() + " | " + e.object() + " | " + e.sentence())
                .replace(root, "ROOT")
                .replace("stays " + hostname + ".", "stays HOST.")
                .replaceAll("\\[(\\d+|at execve)]", "[N]")
                .replaceAll("(pid|process) \\d+", "$1 N"))
                .collect(Collectors.toList());
    }

    @Test
    void launchingAContainerRecordsTheSimKernelsSteps() throws IOException {
        BusyboxSandboxes.assumeReady();
        Tracer simTracer = new Tracer(() -> 0L);
        String simRoot = "/var/lib/glassbox-test/c1";
        List<String> sim;
        try (SimKernel simKernel = new SimKernel(1, Programs::lookup)) {
            dev.glassbox.kernel.Kernel k = simKernel;
            k.trace(simTracer);
            var image = SimHub.standard().resolve(ImageRef.parse("busybox:latest")).orElseThrow();
            k.fs().unpackLayer(simRoot + "/lower", image.layers().get(0).entries());
            for (String d : List.of("upper", "work", "merged")) {
                k.fs().mkdirs(simRoot + "/" + d);
            }
            for (String f : List.of("hostname", "hosts", "resolv.conf")) {
                k.fs().writeFile(simRoot + "/" + f, "x\n".getBytes(StandardCharsets.UTF_8));
            }
            List<TraceEvent> events;
            try {
                events = script(k.processes(), k.mounts(), simTracer, simRoot);
            } catch (RuntimeException e) {
                throw new AssertionError("on the sim kernel: " + e.getMessage(), e);
            }
            sim = shape(events, simRoot, hostnameOf(events));
        }

        Tracer tracer = new Tracer(() -> 0L);
        try (BusyboxSandboxes boxes = new BusyboxSandboxes(tmp, null)) {
            Path c = java.nio.file.Files.createDirectories(boxes.state.resolve("c1"));
            Cmd.check(List.of("cp", "-a", boxes.layer.toString(), c.resolve("lower").toString()));
            for (String d : List.of("upper", "work", "merged")) {
                java.nio.file.Files.createDirectories(c.resolve(d));
            }
            for (String f : List.of("hostname", "hosts", "resolv.conf")) {
                java.nio.file.Files.writeString(c.resolve(f), "x\n");
            }
            LinuxProcesses processes = new LinuxProcesses(boxes.state, tracer);
            LinuxMounts mounts = new LinuxMounts(new LinuxOverlayMounts(boxes.state, tracer), processes, tracer);
            List<TraceEvent> events;
            try {
                events = script(processes, mounts, tracer, c.toString());
            } finally {
                processes.killAll();
            }
            List<String> linux = shape(events, c.toString(), hostnameOf(events));
            assertEquals(sim, linux);
            assertTrue(sim.size() >= 17, sim.toString());
            for (TraceEvent e : events) {
                System.out.println("glassbox: " + e.action() + " → " + e.equivalent());
            }
            assertTrue(events.stream().anyMatch(e -> e.equivalent().startsWith("clone(CLONE_NEWPID|CLONE_NEWNET|CLONE_NEWNS|CLONE_NEWUTS|CLONE_NEWIPC|SIGCHLD) = ")),
                    events.get(0).equivalent());
            assertTrue(events.stream().anyMatch(e -> e.equivalent().equals("pivot_root(\".\", \".\")") || e.equivalent().contains("pivot_root(\".\", \".\")")));
        }
    }

    /** The host's hostname as the sethostname sentence names it. */
    private static String hostnameOf(List<TraceEvent> events) {
        for (TraceEvent e : events) {
            if (e.action().equals("sethostname")) {
                String s = e.sentence();
                return s.substring(s.indexOf("stays ") + 6, s.length() - 1);
            }
        }
        return "";
    }
}
