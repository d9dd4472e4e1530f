package dev.glassbox.kernel;

import java.util.List;

/**
 * One mount inside a container's mount namespace, relative to its new root: {@code proc}, {@code
 * tmpfs}, {@code sysfs} or a {@code bind} of a host path ({@code source}).
 */
public record MountSpec(String type, String source, String target, List<String> options) {
    public MountSpec {
        options = List.copyOf(options);
    }

    public boolean readOnly() {
        return options.contains("ro");
    }

    /** What this mount gives the container, in one sentence: the trace's words for it on either kernel. */
    public String sentence() {
        return switch (type) {
            case "proc" -> "A procfs for the container's PID namespace: its /proc lists only its own processes.";
            case "tmpfs" -> target.equals("/dev") ? "A small /dev in memory with only the safe devices (null, zero, random, tty)."
                    : "A memory-backed filesystem at " + target + ".";
            case "sysfs" -> readOnly() ? "/sys, read-only: the container may look but not reconfigure the host."
                    : "/sys, writable (--privileged): the container may reconfigure the host's devices and kernel through it.";
            case "bind" -> source.equals("/sys") && target.equals("/sys")
                    ? "The container's user namespace does not own the network namespace it uses, so the kernel refuses it a sysfs of its own:"
                            + " runc bind-mounts the host's /sys instead, " + (readOnly() ? "read-only." : "writable (--privileged).")
                    : shown();
            default -> shown();
        };
    }

    /** The trace's words for runc's readonlyPaths step, on either kernel. */
    public static String readonlyPathsSentence() {
        return "The parts of /proc that reconfigure the whole host (sysctls, sysrq, IRQ affinity) are bound read-only onto themselves:"
                + " a write there fails with EROFS, even for root.";
    }

    /** The trace's words for runc's maskedPaths step, on either kernel. */
    public static String maskedPathsSentence() {
        return "Files that would show the host's memory, keys, timers and scheduler are covered by /dev/null, and such directories"
                + " by an empty read-only tmpfs: reading them gives nothing.";
    }

    private String shown() {
        return source + " from the host appears at " + target + " inside the container" + (readOnly() ? ", read-only." : ".");
    }

    public static MountSpec bind(String hostPath, String target, boolean readOnly) {
        return new MountSpec("bind", hostPath, target, readOnly ? List.of("rbind", "ro") : List.of("rbind", "rw"));
    }
}
