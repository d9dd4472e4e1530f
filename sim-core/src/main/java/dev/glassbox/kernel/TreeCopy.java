package dev.glassbox.kernel;

/**
 * The words both kernels record for {@link HostFs#copyTree}: the vfs storage driver's full copies,
 * one sentence and one command line, so the sim's trace and the Linux kernel's say the same.
 */
public final class TreeCopy {
    private TreeCopy() {}

    public static final String ACTION = "copy tree";

    public static String sentence(String from, String to, long bytes) {
        return "A full copy of " + from + " (" + bytes + " bytes of files) is written to " + to
                + ": with no union mount, every layer and every container holds all of its parent's files again.";
    }

    public static String equivalent(String from, String to) {
        return "cp -a --reflink=auto -T " + from + " " + to;
    }
}
