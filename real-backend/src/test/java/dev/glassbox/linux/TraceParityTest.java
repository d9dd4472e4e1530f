package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.Cgroups;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.TraceEvent;
import dev.glassbox.trace.Tracer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux cgroups record the same kernel-layer steps as the sim kernel's. */
class TraceParityTest {
    @TempDir
    Path tmp;

    /** A cgroupfs rmdir takes the control files with it; a fake tree's files must go first. */
    private static void clearFiles(Path root) {
        try (var s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().contains("/glassbox/c1/")).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> script(Cgroups cg, Tracer tracer, boolean sentences, Runnable beforeRemove) {
        tracer.begin("docker run", "run");
        cg.create("glassbox/c1", new CgroupLimits(64L << 20, 10, 50_000, 100_000));
        cg.freeze("glassbox/c1", true);
        cg.freeze("glassbox/c1", false);
        beforeRemove.run();
        cg.remove("glassbox/c1");
        return tracer.finish().events().stream().filter(e -> e.layer() == Layer.KERNEL)
                .map(e -> e.subsystem() + " " + e.action() + " " + e.object() + (sentences ? " " + e.sentence() : ""))
                .collect(Collectors.toList());
    }

    @Test
    void sameShapeAsTheSimKernel() throws Exception {
        Tracer simTracer = new Tracer(() -> 0L);
        List<String> sim;
        try (SimKernel k = new SimKernel(1, name -> Optional.empty())) {
            k.trace(simTracer);
            sim = script(k.cgroups(), simTracer, true, () -> {});
        }
        Tracer t2 = new Tracer(() -> 0L);
        Path v2 = tmp.resolve("v2");
        assertEquals(sim, script(new LinuxCgroups(CgroupLayout.detect(FakeHost.v2(v2).root), t2), t2, true, () -> clearFiles(v2)));
        Tracer t1 = new Tracer(() -> 0L);
        Path v1 = tmp.resolve("v1");
        List<String> simShape = sim.stream().map(s -> String.join(" ", List.of(s.split(" ")).subList(0, s.startsWith("CGROUP limit") ? 4 : 3)))
                .collect(Collectors.toList());
        assertEquals(simShape, script(new LinuxCgroups(CgroupLayout.detect(FakeHost.hybrid(v1).root), t1), t1, false,
                () -> clearFiles(v1)));
        assertEquals(7, sim.size(), sim.toString());
    }
}
