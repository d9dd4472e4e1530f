package dev.glassbox.sim;

/**
 * The names a path walk splits off, one copy each: the kernel's dentry cache keeps a name once, and a walk finds it by
 * hashing the bytes between two slashes rather than by making a string of them. Here a path's names come from a small
 * direct-mapped table of strings, so that the names of the paths a container resolves again and again (etc, nginx,
 * proc, self, …) are not made afresh at every walk. A slot keeps the last name hashed to it: a name missed is made
 * once more (not interned: the names seen once, a container's id or a pid, would each cost a lookup in the JVM's
 * string table), never refused, and the table never grows.
 */
final class Names {
    private static final int SLOTS = 4096; // power of two
    private static final int LONGEST = 64; // longer names (rare) are made each time, never kept
    private static final String[] TABLE = new String[SLOTS];

    private Names() {}

    /** The name {@code path[start, end)}. */
    static String of(String path, int start, int end) {
        int len = end - start;
        if (len > LONGEST) {
            return path.substring(start, end);
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + path.charAt(i);
        }
        int slot = (h ^ (h >>> 12)) & (SLOTS - 1);
        String kept = TABLE[slot]; // a racy read is safe: strings are immutable and published through final fields
        if (kept != null && kept.length() == len && path.regionMatches(start, kept, 0, len)) {
            return kept;
        }
        String made = path.substring(start, end);
        TABLE[slot] = made;
        return made;
    }
}
