package dev.glassbox.sim;

/**
 * The names a path walk splits off, one copy each: the kernel's dentry cache keeps a name once, and a walk finds it by
 * hashing the bytes between two slashes rather than by making a string of them. Here a path's names come from a small
 * direct-mapped table of strings, so that the names of the paths a container resolves again and again (etc, nginx,
 * proc, self, …) are not made afresh at every walk. A slot keeps the last name hashed to it: a name missed is made
 * once more, never refused, and the table never grows. A name found again in its slot is swapped for the copy
 * directories store ({@link Node#shared}), so that a directory's lookup finds it by identity instead of comparing
 * characters at every step of its search; a name seen once (a container's id, a pid) is not shared, which would cost
 * a lookup in the JVM's string table for nothing.
 */
final class Names {
    private static final int SLOTS = 4096; // power of two
    private static final int LONGEST = 64; // longer names (rare) are made each time, never kept
    private static final String[] TABLE = new String[SLOTS];
    /** Whether the name in the same slot is the shared copy ({@link Node#shared}) a directory stores. */
    private static final boolean[] SHARED = new boolean[SLOTS];

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
        // Racy reads are safe: strings are immutable and published through final fields, and the flag is a hint (a name
        // shared twice, or returned unshared once, only costs a lookup more)
        String kept = TABLE[slot];
        if (kept != null && kept.length() == len && path.regionMatches(start, kept, 0, len)) {
            if (!SHARED[slot]) { // seen twice: from now on the directory's own copy, which its lookup finds by identity
                kept = Node.shared(kept);
                TABLE[slot] = kept;
                SHARED[slot] = true;
            }
            return kept;
        }
        String made = path.substring(start, end);
        SHARED[slot] = false;
        TABLE[slot] = made;
        return made;
    }
}
