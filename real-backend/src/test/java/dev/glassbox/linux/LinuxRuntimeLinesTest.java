package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On the Linux kernel no runc or containerd runs: their command lines in the trace are marked as what Docker would run,
 * apart from the system calls and commands that did run (the kernel layer's).
 */
class LinuxRuntimeLinesTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "rtl";
    }

    @Test
    void runcLinesAreWhatDockerWouldRunAndTheSyscallsAreWhatRan() {
        try (Engine e = LinuxEngine.open(host.options)) {
            assertEquals(0, e.run("docker pull -q busybox").exitStatus());
            assertEquals(0, e.run("docker run -d --name box busybox sleep 30").exitStatus());
            assertEquals(0, e.run("docker update --pids-limit 20 box").exitStatus());
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.equivalent().startsWith("# Docker would run: runc update ")),
                    e.lastTrace().events().toString());
            assertEquals(0, e.run("docker rm -f box").exitStatus());
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.equivalent().startsWith("# Docker would run: runc delete ")));
            assertEquals(0, e.run("docker run --rm busybox true").exitStatus());
            List<TraceEvent> events = e.lastTrace().events();
            List<String> runc = events.stream().filter(ev -> ev.layer() == Layer.RUNTIME && !ev.equivalent().isEmpty()).map(TraceEvent::equivalent).toList();
            assertTrue(runc.size() >= 3, runc.toString());
            for (String line : runc) {
                assertTrue(line.startsWith("# Docker would run: runc "), line);
            }
            List<String> ran = events.stream().filter(ev -> ev.layer() == Layer.KERNEL && !ev.equivalent().isEmpty()).map(TraceEvent::equivalent).toList();
            assertTrue(ran.stream().anyMatch(l -> l.startsWith("clone(")), ran.toString());
            assertFalse(ran.stream().anyMatch(l -> l.startsWith("#")), "the system calls that ran are not marked: " + ran);
        }
    }
}
