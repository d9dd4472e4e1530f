package dev.glassbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A directory keeps its entries in two sorted arrays: it must answer as the tree map it replaced did. */
class NodeDirTest {
    private static Node file(long ino) {
        return new Node.File(ino, 0644, 0, new byte[0], 0);
    }

    @Test
    void answersAsATreeMapThroughRandomChanges() {
        Random random = new Random(42);
        Node.Dir dir = new Node.Dir(1, 0755, 0);
        TreeMap<String, Node> model = new TreeMap<>();
        for (int step = 0; step < 20_000; step++) {
            String name = Node.shared("n" + random.nextInt(300)); // names compare as strings: n10 before n9
            switch (random.nextInt(6)) {
                case 0, 1, 2 -> {
                    Node n = file(step);
                    assertSame(model.put(name, n), dir.put(name, n));
                }
                case 3 -> assertSame(model.remove(name), dir.remove(name));
                case 4 -> assertSame(model.get(name), dir.entries().get(new String(name))); // found by value, not only by identity
                default -> {
                    if (random.nextInt(500) == 0) {
                        model.clear();
                        dir.entries().clear();
                    }
                }
            }
            assertEquals(model.size(), dir.count());
        }
        SortedMap<String, Node> entries = dir.entries();
        assertEquals(new ArrayList<>(model.keySet()), new ArrayList<>(entries.keySet()));
        assertEquals(new ArrayList<>(model.values()), new ArrayList<>(entries.values()));
        assertEquals(model, entries);
        assertEquals(model.firstKey(), entries.firstKey());
        assertEquals(model.lastKey(), entries.lastKey());
        assertEquals(model.subMap("n1", "n2"), entries.subMap("n1", "n2"));
        assertEquals(model.headMap("n5"), entries.headMap("n5"));
        assertEquals(model.tailMap("n5"), entries.tailMap("n5"));
    }

    @Test
    void aWalkCanRemoveWhatItPassesAndFailsAtOnceWhenTheDirectoryChangesUnderIt() {
        Node.Dir dir = new Node.Dir(1, 0755, 0);
        for (String n : List.of("etc", "bin", "usr", "var", "run")) {
            dir.put(Node.shared(n), file(n.length()));
        }
        Iterator<Map.Entry<String, Node>> it = dir.entries().entrySet().iterator();
        List<String> seen = new ArrayList<>();
        while (it.hasNext()) {
            String n = it.next().getKey();
            seen.add(n);
            if (n.equals("etc") || n.equals("var")) {
                it.remove();
            }
        }
        assertEquals(List.of("bin", "etc", "run", "usr", "var"), seen);
        assertEquals(List.of("bin", "run", "usr"), new ArrayList<>(dir.entries().keySet()));

        Iterator<Map.Entry<String, Node>> walk = dir.entries().entrySet().iterator();
        walk.next();
        dir.put(Node.shared("tmp"), file(9));
        assertThrows(ConcurrentModificationException.class, walk::next);
        assertThrows(UnsupportedOperationException.class, () -> dir.entries().entrySet().iterator().next().setValue(file(1)));
    }

    @Test
    void anEmptiedDirectoryIsEmpty() {
        Node.Dir dir = new Node.Dir(1, 0755, 0);
        dir.put(Node.shared("a"), file(2));
        assertFalse(dir.entries().isEmpty());
        dir.remove("a");
        assertEquals(0, dir.count());
        assertNull(dir.get("a"));
        assertThrows(java.util.NoSuchElementException.class, () -> dir.entries().firstKey());
    }
}
