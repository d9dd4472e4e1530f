package dev.glassbox.linux;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * rtnetlink from the JVM: the messages {@code ip link}, {@code ip addr} and {@code ip route} send to
 * the kernel, sent by the daemon itself instead of by one {@code ip} (and {@code nsenter}) process
 * per step. A request to a container's network namespace goes through a socket opened in that
 * namespace: one dedicated thread setns()'s into it (a thread may change its network namespace, a
 * multi-threaded process is only barred from changing its mount or user namespace), opens the socket
 * and setns()'s straight back; the socket stays bound to the namespace it was opened in. A thread
 * that could not come back is never used again.
 *
 * <p>Only the operations a container's wiring needs; every name and address is checked by
 * {@link LinuxNet} before it gets here. A refusal from the kernel is a {@link SysError} with its
 * errno and the text {@code ip} prints ("RTNETLINK answers: File exists").
 */
final class Netlink {
    static final short RTM_NEWLINK = 16;
    static final short RTM_DELLINK = 17;
    static final short RTM_GETLINK = 18;
    static final short RTM_NEWADDR = 20;
    static final short RTM_NEWROUTE = 24;
    private static final short NLMSG_ERROR = 2;
    private static final short NLM_F_REQUEST = 1;
    private static final short NLM_F_ACK = 4;
    private static final short NLM_F_EXCL = 0x200;
    private static final short NLM_F_CREATE = 0x400;
    private static final short IFLA_IFNAME = 3;
    private static final short IFLA_MASTER = 10;
    private static final short IFLA_LINKINFO = 18;
    private static final short IFLA_NET_NS_PID = 19;
    private static final short IFLA_INFO_KIND = 1;
    private static final short IFLA_INFO_DATA = 2;
    private static final short VETH_INFO_PEER = 1;
    private static final short IFA_ADDRESS = 1;
    private static final short IFA_LOCAL = 2;
    private static final short RTA_OIF = 4;
    private static final short RTA_GATEWAY = 5;
    private static final int IFF_UP = 1;
    private static final byte AF_UNSPEC = 0;
    private static final byte AF_INET = 2;
    private static final byte RT_TABLE_MAIN = (byte) 254;
    private static final byte RTPROT_BOOT = 3;
    private static final byte RT_SCOPE_UNIVERSE = 0;
    private static final byte RTN_UNICAST = 1;

    private final AtomicInteger seq = new AtomicInteger((int) (System.nanoTime() & 0xffff));
    /** The one thread that enters other network namespaces; replaced if it ever could not come back. */
    private ExecutorService nsThread;
    /** This process's own network namespace, opened by the namespace thread before it first left it. */
    private int hostNs = -1;

    private Netlink() {
    }

    /** Netlink through libc, or null where libc cannot be bound (the {@code ip} command is used then). */
    static Netlink open() {
        return Sys.available() ? new Netlink() : null;
    }

    // ---------------------------------------------------------------- sockets

    /** A route socket in this process's network namespace, the host's. */
    private static int hostSocket() {
        int fd = Sys.libc().socket(Sys.AF_NETLINK, Sys.SOCK_RAW | Sys.SOCK_CLOEXEC, Sys.NETLINK_ROUTE);
        if (fd < 0) {
            throw Sys.fail(Sys.errno(), "socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)");
        }
        return fd;
    }

    /** A route socket in the network namespace of process {@code pid}. */
    private synchronized int socketIn(int pid) {
        if (nsThread == null) {
            nsThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "glassbox-netns");
                t.setDaemon(true);
                return t;
            });
        }
        boolean[] stuck = {false};
        Future<Integer> f = nsThread.submit(() -> {
            Sys.LibC c = Sys.libc();
            if (hostNs < 0) {
                hostNs = c.open("/proc/thread-self/ns/net", Sys.O_RDONLY | Sys.O_CLOEXEC);
                if (hostNs < 0) {
                    throw Sys.fail(Sys.errno(), "open /proc/thread-self/ns/net");
                }
            }
            String path = "/proc/" + pid + "/ns/net";
            int ns = c.open(path, Sys.O_RDONLY | Sys.O_CLOEXEC);
            if (ns < 0) {
                throw Sys.fail(Sys.errno(), "open " + path);
            }
            try {
                if (c.setns(ns, Sys.CLONE_NEWNET) != 0) {
                    throw Sys.fail(Sys.errno(), "setns(" + path + ", CLONE_NEWNET)");
                }
                int fd = c.socket(Sys.AF_NETLINK, Sys.SOCK_RAW | Sys.SOCK_CLOEXEC, Sys.NETLINK_ROUTE);
                int err = Sys.errno();
                if (c.setns(hostNs, Sys.CLONE_NEWNET) != 0) {
                    stuck[0] = true; // this thread stays in the container's namespace: it is retired below
                    if (fd >= 0) {
                        c.close(fd);
                    }
                    throw Sys.fail(Sys.errno(), "setns back to the host's network namespace");
                }
                if (fd < 0) {
                    throw Sys.fail(err, "socket(AF_NETLINK) in " + path);
                }
                return fd;
            } finally {
                c.close(ns);
            }
        });
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SysError(Errno.EINTR, "glassbox: interrupted while entering the network namespace of " + pid);
        } finally {
            if (stuck[0]) {
                nsThread.shutdown();
                nsThread = null;
            }
        }
    }

    /** A socket in the host's namespace (pid 0) or in that of process {@code pid}. */
    private int socket(int pid) {
        return pid == 0 ? hostSocket() : socketIn(pid);
    }

    // ---------------------------------------------------------------- messages

    /** One request, built attribute by attribute, little fixed headers in the host's byte order. */
    private final class Msg {
        private final ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());
        private final int[] nestStart = new int[4];
        private int depth;

        Msg(short type, int flags) {
            b.putInt(0).putShort(type).putShort((short) (flags | NLM_F_REQUEST | NLM_F_ACK)).putInt(seq.incrementAndGet()).putInt(0);
        }

        /** struct ifinfomsg. */
        Msg ifinfo(int index, int flags, int change) {
            b.put(AF_UNSPEC).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
            return this;
        }

        Msg attr(short type, byte[] data) {
            b.putShort((short) (4 + data.length)).putShort(type).put(data);
            align();
            return this;
        }

        Msg str(short type, String s) {
            byte[] raw = s.getBytes(StandardCharsets.UTF_8);
            byte[] z = new byte[raw.length + 1];
            System.arraycopy(raw, 0, z, 0, raw.length);
            return attr(type, z);
        }

        Msg u32(short type, int v) {
            return attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array());
        }

        Msg begin(short type) {
            nestStart[depth++] = b.position();
            b.putShort((short) 0).putShort(type);
            return this;
        }

        Msg end() {
            int start = nestStart[--depth];
            b.putShort(start, (short) (b.position() - start));
            return this;
        }

        private void align() {
            while (b.position() % 4 != 0) {
                b.put((byte) 0);
            }
        }

        byte[] bytes() {
            b.putInt(0, b.position());
            byte[] out = new byte[b.position()];
            b.get(0, out);
            return out;
        }
    }

    /** Sends a request and reads the kernel's answer: the first data message's bytes, or null for a plain ack. */
    private ByteBuffer call(int fd, Msg m, String what) {
        return exchange(fd, m.bytes(), what, "RTNETLINK answers");
    }

    /**
     * Sends {@code req} on netlink socket {@code fd} and reads until the kernel's ack: returns the first
     * data message before it, or null. A refusal is a SysError worded "`what` failed: PREFIX: Text".
     */
    static ByteBuffer exchange(int fd, byte[] req, String what, String prefix) {
        Sys.LibC c = Sys.libc();
        if (c.send(fd, req, req.length, 0) != req.length) {
            throw Sys.fail(Sys.errno(), what + ": send on the netlink socket");
        }
        byte[] buf = new byte[32768];
        ByteBuffer data = null;
        for (;;) {
            long n = c.recv(fd, buf, buf.length, 0);
            if (n < 0) {
                int err = Sys.errno();
                if (err == 4) { // EINTR
                    continue;
                }
                throw Sys.fail(err, what + ": recv on the netlink socket");
            }
            ByteBuffer r = ByteBuffer.wrap(buf, 0, (int) n).order(ByteOrder.nativeOrder());
            int off = 0;
            while (off + 16 <= n) {
                int len = r.getInt(off);
                short type = r.getShort(off + 4);
                if (len < 16 || off + len > n) {
                    throw new SysError(Errno.EIO, "glassbox: " + what + ": a malformed netlink answer");
                }
                if (type == NLMSG_ERROR) {
                    int errno = -r.getInt(off + 16);
                    if (errno == 0) {
                        return data;
                    }
                    throw new SysError(Errno.of(errno), "glassbox: `" + what + "` failed: " + prefix + ": " + Sys.strerror(errno));
                }
                if (data == null) {
                    byte[] copy = new byte[len];
                    System.arraycopy(buf, off, copy, 0, len);
                    data = ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
                }
                off += (len + 3) & ~3;
            }
        }
    }

    /** The index of link {@code name} in the namespace of the socket (RTM_GETLINK by name). */
    private int index(int fd, String name, String what) {
        ByteBuffer r = call(fd, new Msg(RTM_GETLINK, 0).ifinfo(0, 0, 0).str(IFLA_IFNAME, name), what);
        if (r == null || r.getShort(4) != RTM_NEWLINK) {
            throw new SysError(Errno.ENODEV, "glassbox: `" + what + "` failed: Cannot find device \"" + name + "\"");
        }
        return r.getInt(16 + 4); // nlmsghdr, then ifinfomsg's family, pad and type, then its index
    }

    private static void close(int fd) {
        Sys.libc().close(fd);
    }

    // ---------------------------------------------------------------- operations

    /** ip link add NAME type veth peer name PEER netns PID: NAME in the host's namespace, PEER made in that of PID. */
    void addVeth(String name, String peer, int peerNetnsPid, String what) {
        int fd = hostSocket();
        try {
            Msg m = new Msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL).ifinfo(0, 0, 0).str(IFLA_IFNAME, name);
            m.begin(IFLA_LINKINFO).str(IFLA_INFO_KIND, "veth").begin(IFLA_INFO_DATA).begin(VETH_INFO_PEER).ifinfo(0, 0, 0)
                    .str(IFLA_IFNAME, peer).u32(IFLA_NET_NS_PID, peerNetnsPid).end().end().end();
            call(fd, m, what);
        } finally {
            close(fd);
        }
    }

    /** ip link set NAME master BRIDGE up (in the host's namespace). */
    void setMasterUp(String name, String bridge, String what) {
        int fd = hostSocket();
        try {
            int master = index(fd, bridge, what);
            int link = index(fd, name, what);
            call(fd, new Msg(RTM_NEWLINK, 0).ifinfo(link, IFF_UP, IFF_UP).u32(IFLA_MASTER, master), what);
        } finally {
            close(fd);
        }
    }

    /** ip link set NAME up, in the namespace of PID (0: the host's). */
    void linkUp(int pid, String name, String what) {
        int fd = socket(pid);
        try {
            int link = index(fd, name, what);
            call(fd, new Msg(RTM_NEWLINK, 0).ifinfo(link, IFF_UP, IFF_UP), what);
        } finally {
            close(fd);
        }
    }

    /** ip addr add A.B.C.D/N dev NAME, in the namespace of PID (0: the host's). */
    void addAddress(int pid, String name, String cidr, String what) {
        int slash = cidr.indexOf('/');
        byte[] addr = ipv4(cidr.substring(0, slash));
        byte prefix = (byte) Integer.parseInt(cidr.substring(slash + 1));
        int fd = socket(pid);
        try {
            int link = index(fd, name, what);
            Msg m = new Msg(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
            m.b.put(AF_INET).put(prefix).put((byte) 0).put(RT_SCOPE_UNIVERSE).putInt(link); // struct ifaddrmsg
            m.attr(IFA_LOCAL, addr).attr(IFA_ADDRESS, addr);
            call(fd, m, what);
        } finally {
            close(fd);
        }
    }

    /** ip route add default via GATEWAY dev NAME, in the namespace of PID (never the host's: no route out). */
    void addDefaultRoute(int pid, String gateway, String name, String what) {
        if (pid <= 0) {
            throw new IllegalArgumentException("glassbox: refusing to add a default route in the host's network namespace");
        }
        int fd = socketIn(pid);
        try {
            int link = index(fd, name, what);
            Msg m = new Msg(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL);
            m.b.put(AF_INET).put((byte) 0).put((byte) 0).put((byte) 0) // family, dst_len 0 (default), src_len, tos
                    .put(RT_TABLE_MAIN).put(RTPROT_BOOT).put(RT_SCOPE_UNIVERSE).put(RTN_UNICAST).putInt(0); // struct rtmsg
            m.attr(RTA_GATEWAY, ipv4(gateway)).u32(RTA_OIF, link);
            call(fd, m, what);
        } finally {
            close(fd);
        }
    }

    /** ip link del NAME (in the host's namespace). */
    void deleteLink(String name, String what) {
        int fd = hostSocket();
        try {
            call(fd, new Msg(RTM_DELLINK, 0).ifinfo(0, 0, 0).str(IFLA_IFNAME, name), what);
        } finally {
            close(fd);
        }
    }

    private static byte[] ipv4(String dotted) {
        String[] p = dotted.split("\\.");
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) Integer.parseInt(p[i]);
        }
        return out;
    }
}
