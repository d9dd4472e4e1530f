package dev.glassbox.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StateDiffTest {
    enum Mode { RW, RO }

    record Port(int number, String proto) {}

    record Box(String name, Mode mode, List<Port> ports, Map<String, String> labels, Port main, Long size) {}

    private static List<Change> fast(Object a, Object b) {
        List<Change> out = new ArrayList<>();
        StateDiff.diff("/x", a, b, out);
        return out;
    }

    private static List<Change> json(Object a, Object b) {
        List<Change> out = new ArrayList<>();
        JsonDiff.diff("/x", StateJson.tree(a), StateJson.tree(b), out);
        return out;
    }

    private static void same(Object a, Object b) {
        assertEquals(json(a, b), fast(a, b));
    }

    @Test
    void valuesDiffAsTheirJsonDoes() {
        Box one = new Box("web", Mode.RW, List.of(new Port(80, "tcp")), Map.of("a", "1", "b/c~d", "2"), new Port(80, "tcp"), 5L);
        Box two = new Box("web", Mode.RO, List.of(new Port(80, "tcp"), new Port(53, "udp")), Map.of("b/c~d", "3", "z", "4"),
                new Port(81, "tcp"), null);
        same(one, two);
        same(two, one);
        same(one, one);
        same(one, null);
        same(null, two);
        same("a", "b");
        same(one, Map.of("name", "web", "other", 1));
        Map<String, Object> m1 = new LinkedHashMap<>();
        m1.put("k", one);
        m1.put("gone", 1);
        Map<String, Object> m2 = new TreeMap<>();
        m2.put("k", two);
        m2.put("new", List.of(1, 2));
        same(m1, m2);
        List<Change> changes = fast(one, two);
        assertFalse(changes.isEmpty());
        assertTrue(changes.stream().anyMatch(c -> c.path().equals("/x/labels/b~1c~0d")), changes.toString());
        assertTrue(changes.stream().anyMatch(c -> c.path().equals("/x/main/number")), changes.toString());
        assertTrue(fast(one, new Box("web", Mode.RW, List.of(new Port(80, "tcp")), Map.of("a", "1", "b/c~d", "2"),
                new Port(80, "tcp"), 5L)).isEmpty());
    }

    @Test
    void everyPartOfAStateChangingCommandByCommandDiffsAsItsJsonDoes() {
        try (Engine e = Engine.sim(Engine.DEFAULT_SEED, true)) {
            Map<String, Object> before = read(e);
            int compared = 0;
            for (String line : new String[] {"docker network create net1", "docker volume create data",
                    "docker run -d --name web -p 8080:80 --memory 64m --pids-limit 50 nginx",
                    "docker run -d --name db --network net1 -v data:/data -v /srv:/srv:ro --tmpfs /run redis",
                    "docker run --name once busybox echo hi", "docker pause db", "docker tag nginx mine:1", "docker unpause db",
                    "docker stop web", "docker rm -f db once", "docker network rm net1"}) {
                Result r = e.run(line);
                assertTrue(r.ok(), line + ": " + r.text());
                Map<String, Object> after = read(e);
                for (var slot : after.entrySet()) {
                    Object was = before.get(slot.getKey());
                    List<Change> expected = new ArrayList<>();
                    JsonDiff.diff(slot.getKey(), StateJson.tree(was), StateJson.tree(slot.getValue()), expected);
                    List<Change> got = new ArrayList<>();
                    StateDiff.diff(slot.getKey(), was, slot.getValue(), got);
                    assertEquals(expected, got, line + " at " + slot.getKey());
                    compared += expected.size();
                }
                before = after;
            }
            assertTrue(compared > 50, "changes compared: " + compared);
        }
    }

    private static Map<String, Object> read(Engine e) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (StateModel.Slot s : e.stateSlots("")) {
            out.put(s.path(), s.read().get());
        }
        return out;
    }
}
