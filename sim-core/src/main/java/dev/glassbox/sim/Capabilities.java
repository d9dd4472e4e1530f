package dev.glassbox.sim;

/** Linux capabilities as bits, and the set Docker leaves a container's processes. */
public final class Capabilities {
    public static final int CHOWN = 0, DAC_OVERRIDE = 1, FOWNER = 3, FSETID = 4, KILL = 5, SETGID = 6, SETUID = 7, SETPCAP = 8,
            NET_BIND_SERVICE = 10, NET_ADMIN = 12, NET_RAW = 13, SYS_CHROOT = 18, SYS_ADMIN = 21, MKNOD = 27, AUDIT_WRITE = 29, SETFCAP = 31;
    /** CAP_LAST_CAP is 40 (CAP_CHECKPOINT_RESTORE) on the kernels glassbox models. */
    public static final long ALL = (1L << 41) - 1;
    /** Docker's default capabilities: /proc/self/status shows CapBnd 00000000a80425fb in a container. */
    public static final long DOCKER_DEFAULT = bits(CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP, NET_BIND_SERVICE,
            NET_RAW, SYS_CHROOT, MKNOD, AUDIT_WRITE, SETFCAP);

    private Capabilities() {}

    public static long bit(int cap) {
        return 1L << cap;
    }

    static long bits(int... caps) {
        long b = 0;
        for (int c : caps) {
            b |= bit(c);
        }
        return b;
    }

    /** The Cap* lines of /proc/PID/status: a root process holds its bounding set, others none. */
    static String statusLines(long effective, long bounding) {
        return String.format("CapInh:\t%016x%nCapPrm:\t%016x%nCapEff:\t%016x%nCapBnd:\t%016x%nCapAmb:\t%016x%n", 0L, effective, effective, bounding, 0L);
    }
}
