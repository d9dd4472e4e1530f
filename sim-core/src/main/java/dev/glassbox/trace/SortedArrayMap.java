package dev.glassbox.trace;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;

/**
 * An immutable map over keys already in their natural order, held in two arrays: what the traced state's large
 * parts are made of (a few hundred mounts), joined from runs kept per object, without a tree node per entry.
 * Lookups search the keys by halves; a sub-map is a range of the same arrays.
 */
public final class SortedArrayMap<K extends Comparable<? super K>, V> extends AbstractMap<K, V> implements SortedMap<K, V> {
    private final Object[] keys;
    private final Object[] values;
    private final int from;
    private final int to;

    /** {@code keys} strictly ascending (the caller makes sure), {@code values} beside them; both arrays are kept, not copied. */
    public SortedArrayMap(Object[] keys, Object[] values) {
        this(keys, values, 0, keys.length);
    }

    private SortedArrayMap(Object[] keys, Object[] values, int from, int to) {
        if (keys.length != values.length) {
            throw new IllegalArgumentException("keys and values differ in length");
        }
        this.keys = keys;
        this.values = values;
        this.from = from;
        this.to = to;
    }

    /**
     * Whether {@code a} and {@code b} are the same range of the same key arrays (a part read again with the same keys):
     * then their entries stand side by side at the same index, the very key objects, and a walk of both compares
     * values only.
     */
    static boolean sameKeys(SortedArrayMap<?, ?> a, SortedArrayMap<?, ?> b) {
        return a.keys == b.keys && a.from == b.from && a.to == b.to;
    }

    /** The key at index {@code i} of this map (0 to size - 1). */
    Object keyAt(int i) {
        return keys[from + i];
    }

    /** The value at index {@code i} of this map (0 to size - 1). */
    Object valueAt(int i) {
        return values[from + i];
    }

    /**
     * A part of the traced state read again and again: the pairs of each read are put in any order, and {@link #done}
     * gives the map, the very map of the last read when every pair is equal (the trace then skips it with one ==), or a
     * map sharing the last one's keys when only values did (the trace then compares the values index by index).
     * Without a tree node per entry: a part of a few hundred objects is read at many steps of a command.
     */
    public static final class Kept<K extends Comparable<? super K>, V> {
        private SortedArrayMap<K, V> last = new SortedArrayMap<>(new Object[0], new Object[0]);
        private Object[] keys = new Object[16];
        private Object[] values = new Object[16];
        private int n;
        private boolean ordered = true;

        /** A pair of this read; a key put again replaces its value, as in a map. */
        public void put(K key, V value) {
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                values = Arrays.copyOf(values, n * 2);
            }
            if (n > 0 && ordered) {
                @SuppressWarnings("unchecked")
                K before = (K) keys[n - 1];
                int c = before.compareTo(key);
                if (c == 0) {
                    values[n - 1] = value;
                    return;
                }
                ordered = c < 0;
            }
            keys[n] = key;
            values[n] = value;
            n++;
        }

        /** The map of the pairs put since the last call. */
        public SortedArrayMap<K, V> done() {
            int size = n;
            if (!ordered) {
                size = sortAndDrop();
            }
            n = 0;
            ordered = true;
            SortedArrayMap<K, V> was = last;
            boolean sameKeys = was.size() == size;
            for (int i = 0; sameKeys && i < size; i++) {
                Object k = was.keys[i];
                sameKeys = k == keys[i] || k.equals(keys[i]);
            }
            if (sameKeys) {
                boolean sameValues = true;
                for (int i = 0; sameValues && i < size; i++) {
                    Object v = was.values[i];
                    sameValues = v == values[i] || v != null && v.equals(values[i]); // equal values show the same
                }
                if (!sameValues) {
                    last = new SortedArrayMap<>(was.keys, Arrays.copyOf(values, size));
                }
            } else {
                last = new SortedArrayMap<>(Arrays.copyOf(keys, size), Arrays.copyOf(values, size));
            }
            Arrays.fill(keys, 0, size, null); // the objects of this read are not held twice
            Arrays.fill(values, 0, size, null);
            return last;
        }

        /**
         * Sorts the pairs by key, stably, and keeps the last value put for a key: the number of pairs left. (The owners
         * put their pairs in key order; this is for a read that cannot.)
         */
        @SuppressWarnings("unchecked")
        private int sortAndDrop() {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Object[] k = keys;
            Arrays.sort(order, (a, b) -> ((K) k[a]).compareTo((K) k[b])); // a stable sort: equal keys stay in put order
            Object[] sk = new Object[keys.length];
            Object[] sv = new Object[keys.length];
            int m = 0;
            for (int i = 0; i < n; i++) {
                int at = order[i];
                if (m > 0 && ((K) sk[m - 1]).compareTo((K) keys[at]) == 0) {
                    sv[m - 1] = values[at]; // the later value wins
                } else {
                    sk[m] = keys[at];
                    sv[m] = values[at];
                    m++;
                }
            }
            keys = sk;
            values = sv;
            return m;
        }
    }

    @SuppressWarnings("unchecked")
    private K key(int i) {
        return (K) keys[i];
    }

    @SuppressWarnings("unchecked")
    private V value(int i) {
        return (V) values[i];
    }

    /** The index of {@code k} in [from, to), or -(insertion point) - 1. */
    @SuppressWarnings("unchecked")
    private int find(Object k) {
        return Arrays.binarySearch(keys, from, to, k, (Comparator<Object>) (a, b) -> ((Comparable<Object>) a).compareTo(b));
    }

    @Override
    public int size() {
        return to - from;
    }

    @Override
    public boolean containsKey(Object k) {
        return k != null && find(k) >= 0;
    }

    @Override
    public V get(Object k) {
        if (k == null) {
            return null;
        }
        int i = find(k);
        return i >= 0 ? value(i) : null;
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, V>> iterator() {
                return new Iterator<>() {
                    private int i = from;

                    @Override
                    public boolean hasNext() {
                        return i < to;
                    }

                    @Override
                    public Entry<K, V> next() {
                        if (i >= to) {
                            throw new NoSuchElementException();
                        }
                        Entry<K, V> e = new SimpleImmutableEntry<>(key(i), value(i));
                        i++;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return to - from;
            }
        };
    }

    @Override
    public Comparator<? super K> comparator() {
        return null;
    }

    private int lowerBound(K k) {
        int i = find(k);
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public SortedMap<K, V> subMap(K fromKey, K toKey) {
        if (fromKey.compareTo(toKey) > 0) {
            throw new IllegalArgumentException("fromKey > toKey");
        }
        return new SortedArrayMap<>(keys, values, lowerBound(fromKey), Math.max(lowerBound(fromKey), lowerBound(toKey)));
    }

    @Override
    public SortedMap<K, V> headMap(K toKey) {
        return new SortedArrayMap<>(keys, values, from, lowerBound(toKey));
    }

    @Override
    public SortedMap<K, V> tailMap(K fromKey) {
        return new SortedArrayMap<>(keys, values, lowerBound(fromKey), to);
    }

    @Override
    public K firstKey() {
        if (from == to) {
            throw new NoSuchElementException();
        }
        return key(from);
    }

    @Override
    public K lastKey() {
        if (from == to) {
            throw new NoSuchElementException();
        }
        return key(to - 1);
    }
}
