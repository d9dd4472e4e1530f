package dev.glassbox.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On the sim kernel runc and containerd are part of the model: their command lines are the trace's equivalents, unmarked. */
class RuncLinesTest {
    @Test
    void theSimKernelsRuncLinesAreItsModelsOwn() {
        try (Engine e = Engine.sim()) {
            assertEquals(0, e.run("docker run --rm busybox true").exitStatus());
            List<String> runc = e.lastTrace().events().stream().filter(ev -> ev.layer() == Layer.RUNTIME && !ev.equivalent().isEmpty())
                    .map(TraceEvent::equivalent).toList();
            assertTrue(runc.size() >= 3, runc.toString());
            assertTrue(runc.get(0).startsWith("runc create --bundle /run/containerd/io.containerd.runtime.v2.task/moby/"), runc.toString());
            assertTrue(runc.stream().allMatch(l -> l.startsWith("runc ")), runc.toString());
        }
    }
}
