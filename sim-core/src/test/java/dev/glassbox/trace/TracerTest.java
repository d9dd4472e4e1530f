package dev.glassbox.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class TracerTest {
    private final ObjectMapper json = new ObjectMapper();
    private final ObjectNode state = json.createObjectNode();

    @Test
    void eventsNestUnderOpenSpansAndCarryTheStateChangesThatFollowThem() {
        Tracer t = new Tracer(() -> 42);
        t.captureState(state::deepCopy);
        t.begin("docker run x", "typed");
        try (Tracer.Span s = t.open(Layer.RUNTIME, null, "runc create", "c1", "create", "runc create c1")) {
            t.note(Layer.KERNEL, Subsystem.NAMESPACE, "clone", "pid 7", "clone", "clone(CLONE_NEWPID)");
            state.putObject("processes").put("7", "created");
            t.note(Layer.KERNEL, Subsystem.CGROUP, "mkdir", "docker/c1", "cgroup", "mkdir /sys/fs/cgroup/docker/c1");
            state.put("cgroup", "docker/c1");
        }
        t.note(Layer.DAEMON, null, "running", "c1", "runs", "");
        Trace trace = t.finish();

        assertEquals(5, trace.events().size());
        assertEquals(1, trace.events().get(2).parent(), "the clone happened inside runc create");
        assertEquals(0, trace.events().get(4).parent(), "the span closed before 'running'");
        assertEquals("/processes", trace.events().get(2).changes().get(0).path());
        JsonNode beforeCgroup = trace.stateAt(2);
        assertNull(beforeCgroup.get("cgroup"));
        assertEquals("created", beforeCgroup.get("processes").get("7").asText());
        JsonNode end = trace.stateAt(trace.events().size() - 1);
        assertEquals(state, end);
        assertEquals(beforeCgroup, trace.undo(trace.stateAt(3), 3), "stepping back from step 3 gives the state as of step 2");
        assertEquals(json.createObjectNode(), trace.stateAt(-1));
    }

    @Test
    void eventsOutsideACommandAreNotRecorded() {
        Tracer t = new Tracer(() -> 0);
        t.note(Layer.KERNEL, null, "x", "y", "z", "");
        assertEquals(0, t.finish().events().size());
    }
}
