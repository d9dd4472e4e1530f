package dev.glassbox.kernel;

import java.util.Locale;

/** Linux namespace kinds, with the clone flag that creates each. */
public enum NsType {
    PID("CLONE_NEWPID"), NET("CLONE_NEWNET"), MNT("CLONE_NEWNS"), UTS("CLONE_NEWUTS"), IPC("CLONE_NEWIPC"),
    USER("CLONE_NEWUSER"), CGROUP("CLONE_NEWCGROUP");

    private final String flag;

    NsType(String flag) {
        this.flag = flag;
    }

    public String cloneFlag() {
        return flag;
    }

    /** The name under /proc/PID/ns/. */
    public String procName() {
        return this == MNT ? "mnt" : name().toLowerCase(Locale.ROOT);
    }
}
