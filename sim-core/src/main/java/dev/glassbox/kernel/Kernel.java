package dev.glassbox.kernel;

/**
 * The kernel SPI: everything the engine asks of an operating system kernel, and nothing the real
 * Linux kernel could not do. Implementations record their own kernel-layer trace events with the
 * real-world equivalent (the syscall or the command line they carried out). The sim kernel keeps
 * time virtual; the Linux kernel uses the host's.
 */
public interface Kernel extends AutoCloseable {
    /** Where the kernel records its kernel-layer events. */
    void trace(dev.glassbox.trace.Tracer tracer);

    /** {@code sim} or {@code linux}. */
    String name();

    KernelInfo info();

    /**
     * Whether glassbox carries out runc's and containerd's work itself, with the system calls the trace shows (the
     * Linux kernel): their command lines ({@code runc create --bundle …}) are then what Docker would run, not what
     * ran. On a kernel that models them (the sim kernel) they are part of the model.
     */
    default boolean carriesOutRuntime() {
        return false;
    }

    /** Whether this kernel reports each hop of a packet it routes as a trace event (the sim kernel does; Linux does not narrate). */
    default boolean reportsPacketHops() {
        return false;
    }

    /** The host's /etc/resolv.conf as text, empty when it has none: the daemon makes the containers' resolver files from it. */
    default String hostResolvConf() {
        return "";
    }

    /** Wall-clock time in epoch milliseconds (virtual on the sim kernel). */
    long currentTimeMillis();

    /** getrandom(2). */
    byte[] random(int bytes);

    /** Lets this much time pass: processes run, timers fire, exits are reported. */
    void idle(long millis);

    /** Data root, cgroup parent and default bridge: Docker's names on the sim kernel, glassbox's on Linux. */
    default HostLayout layout() {
        return HostLayout.DOCKER;
    }

    HostFs fs();

    Processes processes();

    Cgroups cgroups();

    Mounts mounts();

    Net net();

    /** The kernel objects as they are now, for the engine's state view. */
    KernelState state();

    /**
     * The parts of {@link #state} this kernel marks as it edits them ({@link dev.glassbox.trace.StatePart} of owner
     * KERNEL), so a trace reads only those; {@link dev.glassbox.trace.Edits#UNREPORTED} (the default) when the kernel
     * cannot tell, and its whole state is read at every step.
     */
    default dev.glassbox.trace.Edits edits() {
        return dev.glassbox.trace.Edits.UNREPORTED;
    }

    /** One part of {@link #state}, read alone: a map keyed as in {@link KernelState}, or the NAT and proxy lists. */
    default Object part(dev.glassbox.trace.StatePart part) {
        KernelState s = state();
        switch (part) {
            case NAMESPACES: return s.namespaces();
            case PROCESSES: return s.processes();
            case CGROUPS: return s.cgroups();
            case MOUNTS: return s.mounts();
            case LINKS: return s.links();
            case ROUTES: return s.routes();
            case NAT: return s.nat();
            case PROXIES: return s.proxies();
            default: throw new IllegalArgumentException("not a kernel part: " + part);
        }
    }

    @Override
    void close();
}
