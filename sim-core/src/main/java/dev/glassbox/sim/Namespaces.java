package dev.glassbox.sim;

import dev.glassbox.kernel.IdMap;
import dev.glassbox.kernel.NsType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The sim kernel's namespaces. Each has the inode number {@code /proc/PID/ns/*} links show. */
final class Namespaces {
    private Namespaces() {}

    abstract static class Ns {
        final NsType type;
        final long inode;
        int creatorPid;
        /** How the traced state last showed it, kept while it is unchanged (see StateView). */
        dev.glassbox.kernel.KernelState.Namespace view;
        /** Its live processes as StateView counted them at its read number {@code countedAt}. */
        int count;
        int countedAt;
        private String key;

        /** {@code mnt:[4026532489]}, as /proc/PID/ns links read: its key in the traced state, and its mounts' prefix there. */
        String key() {
            if (key == null) {
                key = type.procName() + ":[" + inode + "]";
            }
            return key;
        }

        Ns(NsType type, long inode, int creatorPid) {
            this.type = type;
            this.inode = inode;
            this.creatorPid = creatorPid;
        }
    }

    /** A PID namespace: numbers its members from 1; nested under its parent. */
    static final class Pid extends Ns {
        final Pid parent;
        private int next = 1;
        final TreeMap<Integer, SimProcess> members = new TreeMap<>();

        Pid(long inode, int creatorPid, Pid parent) {
            super(NsType.PID, inode, creatorPid);
            this.parent = parent;
        }

        int level() {
            return parent == null ? 0 : parent.level() + 1;
        }

        int allocate() {
            return next++;
        }

        /** Starts numbering at {@code first} (the host's namespace already has its own processes). */
        void skipTo(int first) {
            next = Math.max(next, first);
        }

        boolean isOrDescendsFrom(Pid other) {
            for (Pid p = this; p != null; p = p.parent) {
                if (p == other) {
                    return true;
                }
            }
            return false;
        }

        List<Pid> chain() {
            List<Pid> out = new ArrayList<>();
            for (Pid p = this; p != null; p = p.parent) {
                out.add(0, p);
            }
            return out;
        }

        SimProcess init() {
            return members.get(1);
        }
    }

    static final class Uts extends Ns {
        String hostname;

        Uts(long inode, int creatorPid, String hostname) {
            super(NsType.UTS, inode, creatorPid);
            this.hostname = hostname;
        }
    }

    static final class Mnt extends Ns {
        final MountTable table;

        Mnt(long inode, int creatorPid, MountTable table) {
            super(NsType.MNT, inode, creatorPid);
            this.table = table;
        }
    }

    /**
     * A user namespace: its uid and gid maps say which ids of the parent namespace its ids are. A
     * file's owner is stored as the host's (the initial namespace's) id, and shown to a process
     * through the maps of its own user namespace; an owner the maps do not cover shows as 65534.
     */
    static final class User extends Ns {
        final User parent;
        final List<IdMap> uidMap;
        final List<IdMap> gidMap;

        User(long inode, int creatorPid, User parent, List<IdMap> uidMap, List<IdMap> gidMap) {
            super(NsType.USER, inode, creatorPid);
            this.parent = parent;
            this.uidMap = List.copyOf(uidMap);
            this.gidMap = List.copyOf(gidMap);
        }

        /** The host's id of {@code id} in this namespace, or -1 when it is not mapped. */
        long toHost(long id, boolean group) {
            long v = id;
            for (User u = this; u != null && v >= 0; u = u.parent) {
                v = IdMap.outside(group ? u.gidMap : u.uidMap, v);
            }
            return v;
        }

        /** The id in this namespace of host id {@code id}, or -1 when it is not mapped. */
        long fromHost(long id, boolean group) {
            if (parent == null) {
                return IdMap.inside(group ? gidMap : uidMap, id);
            }
            long v = parent.fromHost(id, group);
            return v < 0 ? -1 : IdMap.inside(group ? gidMap : uidMap, v);
        }

        /** What stat(2) shows a process of this namespace for host id {@code id}. */
        int shown(long id, boolean group) {
            long v = fromHost(id, group);
            return v < 0 ? IdMap.OVERFLOW_ID : (int) v;
        }

        boolean isInitial() {
            return parent == null;
        }
    }

    /** Namespaces with no state the sim models beyond their identity (ipc, cgroup). */
    static final class Plain extends Ns {
        /** For a cgroup namespace: the cgroup that appears as "/" inside it. */
        String cgroupRoot = "";

        Plain(NsType type, long inode, int creatorPid) {
            super(type, inode, creatorPid);
        }
    }

    /** The namespaces a process lives in. */
    record Set(Pid pid, Mnt mnt, Uts uts, SimNet.NetNs net, Plain ipc, User user, Plain cgroup) {
        Ns get(NsType t) {
            return switch (t) {
                case PID -> pid;
                case MNT -> mnt;
                case UTS -> uts;
                case NET -> net;
                case IPC -> ipc;
                case USER -> user;
                case CGROUP -> cgroup;
            };
        }

        List<Ns> all() {
            return List.of(pid, mnt, uts, net, ipc, user, cgroup);
        }
    }
}
