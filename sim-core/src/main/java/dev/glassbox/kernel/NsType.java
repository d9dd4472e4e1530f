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

    /** What a new namespace of this kind gives the process, in one sentence (both kernels' traces say it). */
    public String sentence() {
        return switch (this) {
            case PID -> "A new PID namespace: inside it the process is PID 1 and sees no process of the host.";
            case MNT -> "A new mount namespace: a copy of the host's mount table that the container can change alone.";
            case UTS -> "A new UTS namespace: the container gets a hostname of its own.";
            case NET -> "A new network namespace: no interface but a loopback that is down, no route, no port in use.";
            case IPC -> "A new IPC namespace: its own System V shared memory and message queues.";
            case USER -> "A new user namespace: user ids inside map to other ids outside.";
            case CGROUP -> "A new cgroup namespace: the container sees its own cgroup as the root '/'.";
        };
    }

    /** The name under /proc/PID/ns/. */
    public String procName() {
        return this == MNT ? "mnt" : name().toLowerCase(Locale.ROOT);
    }
}
