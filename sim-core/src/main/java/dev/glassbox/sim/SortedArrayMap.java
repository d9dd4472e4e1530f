package dev.glassbox.sim;

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
final class SortedArrayMap<K extends Comparable<? super K>, V> extends AbstractMap<K, V> implements SortedMap<K, V> {
    private final Object[] keys;
    private final Object[] values;
    private final int from;
    private final int to;

    /** {@code keys} strictly ascending (the caller makes sure), {@code values} beside them; both arrays are kept, not copied. */
    SortedArrayMap(Object[] keys, Object[] values) {
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
