package dev.glassbox.kernel;

import java.util.Locale;

/** Linux namespace kinds, with the clone flag that creates each. */
public enum NsType {
    PID("CLONE_NEWPID"), NET("CLONE_NEWNET"), MNT("CLONE_NEWNS"), UTS("CLONE_NEWUTS"), IPC("CLONE_NEWIPC"),
    USER("CLONE_NEWUSER"), CGROUP("CLONE_NEWCGROUP");

    private final String flag;
    /** One string for each kind: the traced state names the kind of every namespace it shows. */
    private final String procName;

    NsType(String flag) {
        this.flag = flag;
        this.procName = name().equals("MNT") ? "mnt" : name().toLowerCase(Locale.ROOT);
    }

    public String cloneFlag() {
        return flag;
    }

    /** The name under /proc/PID/ns/. */
    public String procName() {
        return procName;
    }
}
