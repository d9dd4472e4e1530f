package dev.glassbox.kernel;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Linux capabilities, in the kernel's numbering (the ordinal is the bit), up to CAP_LAST_CAP 40 on the
 * kernels glassbox models. A container's processes keep a set of them: Docker's default fourteen,
 * changed by {@code --cap-add}/{@code --cap-drop}, or all of them with {@code --privileged}.
 */
public enum Capability {
    CHOWN, DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP, LINUX_IMMUTABLE, NET_BIND_SERVICE,
    NET_BROADCAST, NET_ADMIN, NET_RAW, IPC_LOCK, IPC_OWNER, SYS_MODULE, SYS_RAWIO, SYS_CHROOT, SYS_PTRACE, SYS_PACCT, SYS_ADMIN,
    SYS_BOOT, SYS_NICE, SYS_RESOURCE, SYS_TIME, SYS_TTY_CONFIG, MKNOD, LEASE, AUDIT_WRITE, AUDIT_CONTROL, SETFCAP, MAC_OVERRIDE,
    MAC_ADMIN, SYSLOG, WAKE_ALARM, BLOCK_SUSPEND, AUDIT_READ, PERFMON, BPF, CHECKPOINT_RESTORE;

    /** What runc leaves a container's processes unless told otherwise (moby's oci/caps DefaultCapabilities). */
    public static final Set<Capability> DOCKER_DEFAULT = Collections.unmodifiableSet(EnumSet.of(CHOWN, DAC_OVERRIDE, FSETID, FOWNER,
            MKNOD, NET_RAW, SETGID, SETUID, SETFCAP, SETPCAP, NET_BIND_SERVICE, SYS_CHROOT, KILL, AUDIT_WRITE));

    public static final Set<Capability> ALL = Collections.unmodifiableSet(EnumSet.allOf(Capability.class));

    /** Docker's name for it: {@code CAP_NET_ADMIN}. */
    public String dockerName() {
        return "CAP_" + name();
    }

    /** {@code CAP_NET_ADMIN}, {@code NET_ADMIN} or {@code net_admin}; empty when no such capability exists. */
    public static Optional<Capability> parse(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        n = n.startsWith("CAP_") ? n.substring(4) : n;
        try {
            return Optional.of(valueOf(n));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The set as the kernel's bit mask (what /proc/PID/status prints in hex). */
    public static long mask(Set<Capability> caps) {
        long m = 0;
        for (Capability c : caps) {
            m |= 1L << c.ordinal();
        }
        return m;
    }
}
