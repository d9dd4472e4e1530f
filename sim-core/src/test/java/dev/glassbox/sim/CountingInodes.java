package dev.glassbox.sim;

/** Inode numbers counted from 1 on a clock stopped at 0: what a filesystem test needs of its kernel. */
final class CountingInodes implements SimClockInodes {
    private long ino = 1;

    @Override
    public long nextIno() {
        return ino++;
    }

    @Override
    public long now() {
        return 0;
    }
}
