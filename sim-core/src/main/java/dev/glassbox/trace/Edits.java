package dev.glassbox.trace;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parts of a host's state edited since the tracer last read them. The daemon and the kernel mark a part
 * where they change it; {@link #take} answers whether a part was marked and forgets the mark. Every part starts
 * marked. A kernel that cannot report its edits (the Linux kernel's state is read from the machine) answers
 * {@link #UNREPORTED}, edited every time it is asked.
 */
public final class Edits {
    /** The edits of an owner that does not report them: every part counts as edited at every read. */
    public static final Edits UNREPORTED = new Edits(true);

    private static final int ALL = (1 << StatePart.values().length) - 1;
    /** Each part's bit with the bits of the parts read from it. */
    private static final int[] WITH_READERS = new int[StatePart.values().length];

    static {
        for (StatePart p : StatePart.values()) {
            int bit = 1 << p.ordinal();
            for (StatePart r : p.readers()) {
                bit |= 1 << r.ordinal();
            }
            WITH_READERS[p.ordinal()] = bit;
        }
    }

    private final boolean always;
    private final AtomicInteger marks = new AtomicInteger(ALL);

    public Edits() {
        this(false);
    }

    private Edits(boolean always) {
        this.always = always;
    }

    /** Notes that the part changed (called where it changes), and the parts read from it. */
    public void mark(StatePart part) {
        int bit = WITH_READERS[part.ordinal()];
        if ((marks.get() & bit) != bit) {
            int all = bit;
            marks.getAndUpdate(m -> m | all);
        }
    }

    /**
     * Notes an edit of the part's own fields that none of its readers compute from (a process going to sleep and
     * waking changes its state letter, not the count of a namespace's members nor a cgroup's memory).
     */
    public void markAlone(StatePart part) {
        int bit = 1 << part.ordinal();
        if ((marks.get() & bit) == 0) {
            marks.getAndUpdate(m -> m | bit);
        }
    }

    /** Notes that two parts changed. */
    public void mark(StatePart part, StatePart other) {
        mark(part);
        mark(other);
    }

    /** Whether the part changed since the last take, and forgets it. */
    public boolean take(StatePart part) {
        if (always) {
            return true;
        }
        int bit = 1 << part.ordinal();
        while (true) { // most parts are unmarked at most steps: then nothing is written
            int m = marks.get();
            if ((m & bit) == 0) {
                return false;
            }
            if (marks.compareAndSet(m, m & ~bit)) {
                return true;
            }
        }
    }
}
