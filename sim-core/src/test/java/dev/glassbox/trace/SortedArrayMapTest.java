package dev.glassbox.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The array map the traced state's parts are made of, the reads that keep it ({@link SortedArrayMap.Kept}), and the
 * side-by-side walk of two of them: each gives what a TreeMap of the same pairs gives.
 */
class SortedArrayMapTest {
    @Test
    void aSortedArrayMapIsASortedMap() {
        TreeMap<String, Integer> tree = new TreeMap<>();
        for (String s : new String[] {"b", "d", "f", "h"}) {
            tree.put(s, s.charAt(0) - 'a');
        }
        SortedMap<String, Integer> m = new SortedArrayMap<>(tree.keySet().toArray(), tree.values().toArray());
        assertEquals(tree, m);
        assertEquals(tree.hashCode(), m.hashCode());
        assertEquals(3, m.get("d"));
        assertNull(m.get("c"));
        assertTrue(m.containsKey("h") && !m.containsKey("a"));
        assertEquals(tree.subMap("c", "g"), m.subMap("c", "g"));
        assertEquals(tree.headMap("d"), m.headMap("d"));
        assertEquals(tree.tailMap("d"), m.tailMap("d"));
        assertEquals("b", m.firstKey());
        assertEquals("h", m.lastKey());
        assertEquals(List.of("b", "d", "f", "h"), new ArrayList<>(m.keySet()));
        assertNull(m.comparator());
    }

    private static <V> SortedArrayMap<String, V> read(SortedArrayMap.Kept<String, V> kept, List<Map.Entry<String, V>> pairs) {
        for (Map.Entry<String, V> e : pairs) {
            kept.put(e.getKey(), e.getValue());
        }
        return kept.done();
    }

    private static <V> TreeMap<String, V> tree(List<Map.Entry<String, V>> pairs) {
        TreeMap<String, V> t = new TreeMap<>();
        pairs.forEach(e -> t.put(e.getKey(), e.getValue()));
        return t;
    }

    @Test
    void aKeptReadGivesTheLastMapWhenNothingChangedAndItsKeysWhenOnlyValuesDid() {
        SortedArrayMap.Kept<String, String> kept = new SortedArrayMap.Kept<>();
        List<Map.Entry<String, String>> pairs = List.of(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
        SortedArrayMap<String, String> first = read(kept, pairs);
        assertEquals(tree(pairs), first);
        assertSame(first, read(kept, pairs), "the same pairs: the very map of the last read");
        assertSame(first, read(kept, List.of(Map.entry("a", "1"), Map.entry("b", new String("2")), Map.entry("c", "3"))),
                "an equal value is the same value");
        List<Map.Entry<String, String>> edited = List.of(Map.entry("a", "1"), Map.entry("b", "two"), Map.entry("c", "3"));
        SortedArrayMap<String, String> second = read(kept, edited);
        assertNotSame(first, second);
        assertEquals(tree(edited), second);
        assertTrue(SortedArrayMap.sameKeys(first, second), "only a value changed: the keys are shared");
        assertEquals(Map.of("a", "1", "b", "2", "c", "3"), first, "the last read's map is never changed");
        SortedArrayMap<String, String> fewer = read(kept, List.of(Map.entry("a", "1"), Map.entry("c", "3")));
        assertEquals(Map.of("a", "1", "c", "3"), fewer);
        assertTrue(!SortedArrayMap.sameKeys(second, fewer));
        assertEquals(Map.of(), read(kept, List.of()));
    }

    @Test
    void pairsPutOutOfOrderAreSortedAndAKeyPutTwiceKeepsItsLastValueAsInATreeMap() {
        SortedArrayMap.Kept<String, Integer> kept = new SortedArrayMap.Kept<>();
        List<Map.Entry<String, Integer>> pairs = List.of(Map.entry("lo", 1), Map.entry("eth0", 2), Map.entry("4026532001:eth0", 3),
                Map.entry("docker0", 4), Map.entry("eth0", 5), Map.entry("4026532001:lo", 6), Map.entry("lo", 7));
        for (int round = 0; round < 3; round++) { // read again and again, as a part is
            SortedArrayMap<String, Integer> m = read(kept, pairs);
            assertEquals(tree(pairs), m);
            assertEquals(new ArrayList<>(tree(pairs).keySet()), new ArrayList<>(m.keySet()));
        }
        List<Map.Entry<String, Integer>> other = List.of(Map.entry("b", 1), Map.entry("a", 2), Map.entry("b", 3));
        assertEquals(tree(other), read(kept, other));
        assertEquals(List.of("a", "b"), new ArrayList<>(read(kept, other).keySet()));
    }

    private record Call(String kind, Object key, Object now, Object was) {}

    private static List<Call> walk(SortedMap<?, ?> now, SortedMap<?, ?> was) {
        List<Call> calls = new ArrayList<>();
        StateDiff.sideBySide(now, was, (k, v) -> calls.add(new Call("now", k, v, null)), (k, v) -> calls.add(new Call("was", k, null, v)),
                (k, v, w) -> {
                    if (v != w) { // the array walks leave out a key whose value is the same object on both sides
                        calls.add(new Call("both", k, v, w));
                    }
                });
        return calls;
    }

    @Test
    void theWalkOfTwoArrayMapsFindsWhatTheWalkOfTwoTreesFinds() {
        Random random = new Random(7);
        String[] values = {"x", "y", "z"};
        for (int round = 0; round < 300; round++) {
            SortedArrayMap.Kept<String, String> kept = new SortedArrayMap.Kept<>();
            List<Map.Entry<String, String>> a = new ArrayList<>();
            List<Map.Entry<String, String>> b = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String key = "k" + random.nextInt(20);
                if (random.nextInt(4) > 0) {
                    a.add(Map.entry(key, values[random.nextInt(3)]));
                }
                if (random.nextInt(4) > 0) {
                    b.add(Map.entry(key, values[random.nextInt(3)]));
                }
            }
            SortedArrayMap<String, String> was = read(kept, a);
            SortedArrayMap<String, String> now = read(kept, b);
            assertEquals(walk(tree(b), tree(a)), walk(now, was), a + " then " + b);
        }
    }
}
