package dev.glassbox.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StateModelTest {
    private final Edits edits = new Edits();
    private final Map<String, Object> containers = new TreeMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    private List<StateModel.Slot> slots() {
        return List.of(new StateModel.Slot("/daemon/containers", () -> edits.take(StatePart.CONTAINERS), () -> {
            reads.incrementAndGet();
            return new TreeMap<>(containers);
        }));
    }

    @Test
    void aPartIsReadOnlyWhenItsOwnerMarkedItAndOnlyTheObjectThatChangedIsDiffed() {
        containers.put("web", Map.of("status", "created", "pid", 0));
        containers.put("db", Map.of("status", "running", "pid", 7));
        StateModel m = new StateModel(this::slots, false); // no check: it would read every slot afresh
        m.changes();
        int before = reads.get();
        assertEquals(List.of(), m.changes(), "nothing marked, nothing changed");
        assertEquals(before, reads.get(), "an unmarked part is not read");

        containers.put("web", Map.of("status", "running", "pid", 9));
        edits.mark(StatePart.CONTAINERS);
        List<String> paths = new ArrayList<>();
        for (Change c : m.changes()) {
            paths.add(c.op() + " " + c.path());
        }
        assertEquals(List.of("replace /daemon/containers/web/pid", "replace /daemon/containers/web/status"), paths);

        containers.remove("db");
        containers.put("a/b", Map.of("status", "created", "pid", 0));
        edits.mark(StatePart.CONTAINERS);
        paths.clear();
        for (Change c : m.changes()) {
            paths.add(c.op() + " " + c.path());
        }
        assertEquals(List.of("add /daemon/containers/a~1b", "remove /daemon/containers/db"), paths);
    }

    @Test
    void theSnapshotOfAStepIsNotAlteredByLaterSteps() {
        containers.put("web", Map.of("status", "created"));
        StateModel m = new StateModel(this::slots, true);
        m.changes();
        java.util.function.Supplier<JsonNode> snapshot = m.snapshot();
        containers.put("web", Map.of("status", "running"));
        containers.put("db", Map.of("status", "running"));
        edits.mark(StatePart.CONTAINERS);
        List<Change> changes = m.changes();
        JsonNode then = snapshot.get(); // built only now, after the later step: from what was held then
        assertEquals("created", then.at("/daemon/containers/web/status").asText());
        assertTrue(then.at("/daemon/containers/db").isMissingNode());
        assertEquals(StateModel.render(slots()), JsonDiff.apply(then, changes), "the changes lead from the snapshot to the state now");
    }

    @Test
    void anEditThatWasNotMarkedFailsTheCheckNamingThePath() {
        containers.put("web", Map.of("status", "created"));
        StateModel m = new StateModel(this::slots, true);
        m.changes();
        containers.put("web", Map.of("status", "running"));
        IllegalStateException e = assertThrows(IllegalStateException.class, m::changes);
        assertTrue(e.getMessage().contains("/daemon/containers/web/status"), e.getMessage());
    }

    @Test
    void slotsUnderAnArrayIndexBuildTheArray() {
        StateModel m = new StateModel(() -> List.of(StateModel.Slot.always("/world/nodes/0/name", () -> "node1"),
                StateModel.Slot.always("/world/nodes/1/name", () -> "node2")), true);
        List<Change> first = m.changes();
        assertEquals("node2", m.snapshot().get().at("/world/nodes/1/name").asText());
        JsonNode empty = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        assertEquals(m.snapshot().get(), JsonDiff.apply(empty, first), "the first changes build the whole state from nothing");
    }
}
