package dev.glassbox.linux;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.KernelEvent;
import dev.glassbox.kernel.Links;
import dev.glassbox.kernel.NetEvents;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.SysError;
import dev.glassbox.trace.Tracer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * The host's links. A container's wiring (veth pair made with its peer in the container's
 * namespace, address, link up, default route) and a link's deletion are sent as rtnetlink messages
 * by the daemon itself ({@link Netlink}): the same messages {@code ip …} in the host's namespace and
 * {@code nsenter --net=/proc/PID/ns/net ip …} in a sandbox's would send, without a process per step.
 * The bridge is created, and a link looked up, with iproute2's {@code ip}; so is everything where
 * libc cannot be bound (and in tests, with a fake runner). Every operation records the same
 * kernel-layer events, in the same order and with the same sentences, as the sim kernel's network;
 * the equivalent is the exact command line run or, for netlink, the command line it stands for and
 * the message sent ("ip link set lo up (via netlink: RTM_NEWLINK)").
 *
 * <p>Safety: a link in the host's namespace must be named {@code glassbox…} or {@code veth…}, checked
 * before anything runs, so the host's own links are never touched; a sandbox whose network namespace
 * is the host's own is refused; nothing here adds a route out of the machine. Published ports are
 * {@link LinuxNat}'s (DNAT) and {@link PortProxy}'s (loopback).
 */
public final class LinuxNet implements Links {
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,14}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private final Cmd.Runner runner;
    /** Netlink from the JVM for a container's wiring; null: every step runs {@code ip}. */
    private final Netlink netlink;
    private final Tracer tracer;
    private final IntPredicate ownNetNs;
    /** veth ends by name, as far as this daemon has seen them created: for the sentences. */
    private final Map<String, String> peers = new ConcurrentHashMap<>();
    /** Deletes containers' veth ends off the engine's thread, one after another (see {@link #deleteLink}). */
    private final InOrder reaper = new InOrder("glassbox-links");
    /** The held inits, which can bring up a link of their own network namespace; null: netlink does it all. */
    private volatile HeldInits held;

    /**
     * A container's init, cloned and waiting for its program, is already inside the container's network
     * namespace: it can bring a link up there itself (as runc's init brings up the loopback), which
     * costs a pipe round trip instead of the daemon entering the namespace.
     */
    interface HeldInits {
        /** Whether the held init {@code pid} can bring up links of its network namespace (not when in a user namespace of its own). */
        boolean canJoin(int pid);

        /** The held init {@code pid} sets IFF_UP on {@code ifname}; a SysError if the kernel refused. */
        void linkUp(int pid, String ifname);
    }

    void heldInits(HeldInits h) {
        this.held = h;
    }

    /** macvlan's parents and children, in the daemon's own namespace under its state root; null: none can be made. */
    private volatile LinuxMacvlan macvlan;

    void macvlan(LinuxMacvlan m) {
        this.macvlan = m;
    }

    private LinuxMacvlan macvlan() {
        LinuxMacvlan m = macvlan;
        if (m == null) {
            throw new SysError(Errno.EOPNOTSUPP, "glassbox: this kernel has no state root for macvlan parents");
        }
        return m;
    }

    @Override
    public void claimParent(String parent, boolean dummy) {
        macvlan().claim(parent, dummy);
    }

    @Override
    public void releaseParent(String parent, boolean dummy) {
        macvlan().release(parent, dummy);
    }

    @Override
    public void createMacvlan(String parent, dev.glassbox.kernel.MacvlanMode mode, Sandbox sandbox, String ifname) {
        macvlan().create(parent, mode, sandbox, pid(sandbox), ifname);
    }

    @Override
    public void deleteLink(Sandbox sandbox, String ifname) {
        pid(sandbox);
        macvlan().delete(sandbox, ifname);
    }

    /**
     * @param runner      runs each command (the host's, or a fake in tests)
     * @param tracer      where kernel events go; may be null
     * @param ownNetNs    whether the process of that pid has a network namespace of its own (not the host's)
     */
    public LinuxNet(Cmd.Runner runner, Tracer tracer, IntPredicate ownNetNs) {
        this(runner, null, tracer, ownNetNs);
    }

    LinuxNet(Cmd.Runner runner, Netlink netlink, Tracer tracer, IntPredicate ownNetNs) {
        this.runner = runner;
        this.netlink = netlink;
        this.tracer = tracer;
        this.ownNetNs = ownNetNs;
    }

    /** The host's network stack. */
    public static LinuxNet host(Tracer tracer) {
        return new LinuxNet(Cmd.HOST, Netlink.open(), tracer, LinuxNet::hasOwnNetNs);
    }

    /** Whether /proc/PID/ns/net is a different namespace from this process's own. */
    static boolean hasOwnNetNs(int pid) {
        try {
            Path theirs = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net"));
            Path ours = Files.readSymbolicLink(Path.of("/proc/self/ns/net"));
            return !theirs.equals(ours);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- checks

    /** A link in the host's namespace: only glassbox… and veth… names are ever touched. */
    static String hostLink(String name) {
        ifname(name);
        if (!name.startsWith("glassbox") && !name.startsWith("veth")) {
            throw new IllegalArgumentException("glassbox: refusing to touch host link '" + name
                    + "': only links named glassbox… or veth… are managed");
        }
        return name;
    }

    static String ifname(String name) {
        if (name == null || !IFNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("glassbox: bad interface name '" + name
                    + "' (1-15 characters of letters, digits, '_', '.', '-', not starting with '-')");
        }
        return name;
    }

    static String cidr(String cidr) {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        if (slash < 0 || !IPV4.matcher(cidr.substring(0, slash)).matches() || !cidr.substring(slash + 1).matches("\\d{1,2}")
                || Integer.parseInt(cidr.substring(slash + 1)) > 32) {
            throw new IllegalArgumentException("glassbox: bad IPv4 address/prefix '" + cidr + "'");
        }
        return cidr;
    }

    static String ipv4(String ip) {
        if (ip == null || !IPV4.matcher(ip).matches()) {
            throw new IllegalArgumentException("glassbox: bad IPv4 address '" + ip + "'");
        }
        return ip;
    }

    /** Sandbox links may have any valid name (eth0, lo), but the sandbox must have a namespace of its own. */
    private String sandboxLink(Sandbox sandbox, String name) {
        if (sandbox == null) {
            return hostLink(name);
        }
        ifname(name);
        pid(sandbox);
        return name;
    }

    private int pid(Sandbox sandbox) {
        if (sandbox == null || sandbox.pid() <= 1) {
            throw new IllegalArgumentException("glassbox: bad sandbox " + sandbox);
        }
        if (!ownNetNs.test(sandbox.pid())) {
            throw new IllegalArgumentException("glassbox: refusing sandbox " + sandbox.id() + ": process " + sandbox.pid()
                    + " is gone or shares the host's network namespace");
        }
        return sandbox.pid();
    }

    // ---------------------------------------------------------------- commands

    static List<String> ip(Sandbox sandbox, String... args) {
        List<String> argv = new ArrayList<>();
        if (sandbox != null) {
            argv.add("nsenter");
            argv.add("--net=/proc/" + sandbox.pid() + "/ns/net");
        }
        argv.add("ip");
        argv.addAll(List.of(args));
        return argv;
    }

    /** The trace's equivalent of a step: the command lines, and the netlink messages when netlink carries them out. */
    private String equivalent(List<List<String>> cmds, String messages) {
        return line(cmds) + (netlink == null ? "" : " (via netlink: " + messages + ")");
    }

    /** The pid whose network namespace a netlink request goes to; 0 for the host's. */
    private static int nsPid(Sandbox sandbox) {
        return sandbox == null ? 0 : sandbox.pid();
    }

    private static String line(List<List<String>> cmds) {
        StringBuilder sb = new StringBuilder();
        for (List<String> c : cmds) {
            sb.append(sb.length() == 0 ? "" : " && ").append(Cmd.line(c));
        }
        return sb.toString();
    }

    private Cmd.Result exec(List<String> argv) {
        try {
            return runner.run(argv);
        } catch (CmdException e) {
            throw sysError(e);
        }
    }

    private void must(List<String> argv) {
        Cmd.Result r = exec(argv);
        if (!r.ok()) {
            throw sysError(new CmdException(argv, r.exit(), r.stderr(), null));
        }
    }

    /** A failed command as the kernel's error, with the command line and its stderr in the text. */
    static SysError sysError(CmdException e) {
        String err = e.stderr();
        Errno errno = Errno.EIO;
        if (err.contains("File exists")) {
            errno = Errno.EEXIST;
        } else if (err.contains("Cannot find device") || err.contains("does not exist")) {
            errno = Errno.ENODEV;
        } else if (err.contains("Operation not permitted")) {
            errno = Errno.EPERM;
        } else if (err.contains("No such process") || err.contains("No such file")) {
            errno = Errno.ESRCH;
        } else if (err.contains("Invalid argument")) {
            errno = Errno.EINVAL;
        } else if (err.contains("Network is unreachable")) {
            errno = Errno.ENETUNREACH;
        } else if (err.contains("cannot start")) {
            errno = Errno.ENOENT;
        } else if (err.contains("timed out")) {
            errno = Errno.ETIMEDOUT;
        }
        return new SysError(errno, e.getMessage());
    }

    private void event(KernelEvent e) {
        e.note(tracer);
    }

    // ---------------------------------------------------------------- Net

    @Override
    public void createBridge(String name, String gatewayCidr) {
        hostLink(name);
        cidr(gatewayCidr);
        List<String> add = ip(null, "link", "add", name, "type", "bridge");
        List<String> addr = ip(null, "addr", "add", gatewayCidr, "dev", name);
        List<String> up = ip(null, "link", "set", name, "up");
        event(NetEvents.bridgeCreated(name, Cmd.line(add)));
        must(add);
        event(NetEvents.bridgeAddress(name, gatewayCidr, line(List.of(addr, up))));
        try {
            must(addr);
            must(up);
        } catch (RuntimeException e) {
            exec(ip(null, "link", "del", name)); // leave no half-made bridge behind
            throw e;
        }
    }

    @Override
    public void createVeth(String hostIf, Sandbox sandbox, String peerIf) {
        hostLink(hostIf);
        ifname(peerIf);
        int pid = pid(sandbox);
        List<String> add = ip(null, "link", "add", hostIf, "type", "veth", "peer", "name", peerIf, "netns", Integer.toString(pid));
        event(NetEvents.vethCreated(hostIf, peerIf, equivalent(List.of(add), "RTM_NEWLINK")));
        if (netlink != null) {
            netlink.addVeth(hostIf, peerIf, pid, Cmd.line(add));
        } else {
            must(add);
        }
        peers.put(hostIf, peerIf);
    }

    @Override
    public void setMaster(String ifname, String bridge) {
        hostLink(ifname);
        hostLink(bridge);
        List<String> set = ip(null, "link", "set", ifname, "master", bridge, "up");
        event(NetEvents.attachedToBridge(ifname, bridge, equivalent(List.of(set), "RTM_NEWLINK")));
        if (netlink != null) {
            netlink.setMasterUp(ifname, bridge, Cmd.line(set));
        } else {
            must(set);
        }
    }

    @Override
    public void addAddress(Sandbox sandbox, String ifname, String cidr) {
        sandboxLink(sandbox, ifname);
        cidr(cidr);
        List<String> add = ip(sandbox, "addr", "add", cidr, "dev", ifname);
        event(NetEvents.address(ifname, cidr, equivalent(List.of(add), "RTM_NEWADDR")));
        if (netlink != null) {
            netlink.addAddress(nsPid(sandbox), ifname, cidr, Cmd.line(add));
        } else {
            must(add);
        }
    }

    @Override
    public void linkUp(Sandbox sandbox, String ifname) {
        sandboxLink(sandbox, ifname);
        HeldInits h = held;
        if (sandbox != null && h != null && h.canJoin(sandbox.pid())) {
            event(NetEvents.linkUp(ifname, "ioctl(SIOCSIFFLAGS, \"" + ifname
                    + "\", IFF_UP) by the container's waiting init, inside its network namespace (as ip -n … link set " + ifname + " up)"));
            h.linkUp(sandbox.pid(), ifname);
            return;
        }
        List<String> up = ip(sandbox, "link", "set", ifname, "up");
        event(NetEvents.linkUp(ifname, equivalent(List.of(up), "RTM_NEWLINK")));
        if (netlink != null) {
            netlink.linkUp(nsPid(sandbox), ifname, Cmd.line(up));
        } else {
            must(up);
        }
    }

    @Override
    public void addDefaultRoute(Sandbox sandbox, String gateway, String ifname) {
        // Only inside a container: on the host, a default route would be a route out of the machine.
        if (sandbox == null) {
            throw new IllegalArgumentException("glassbox: refusing to add a default route in the host's network namespace");
        }
        sandboxLink(sandbox, ifname);
        ipv4(gateway);
        List<String> add = ip(sandbox, "route", "add", "default", "via", gateway, "dev", ifname);
        event(NetEvents.defaultRoute(ifname, gateway, equivalent(List.of(add), "RTM_NEWROUTE")));
        if (netlink != null) {
            netlink.addDefaultRoute(nsPid(sandbox), gateway, ifname, Cmd.line(add));
        } else {
            must(add);
        }
    }

    /**
     * A container's veth end (one this daemon made, with its peer inside a container) is deleted in
     * the background, one after another: unregistering a network device waits for the kernel's RCU
     * grace period, 10 to 20 ms on this host, and nothing after it in the container's removal depends
     * on it. If the container's namespace is gone, the kernel deletes the pair itself, and finding it
     * gone is no error. Bridges, and every link when {@code ip} does the work, are deleted at once.
     */
    @Override
    public void deleteLink(String ifname) {
        hostLink(ifname);
        List<String> del = ip(null, "link", "del", ifname);
        String peer = peers.get(ifname);
        if (netlink != null && peer != null) {
            event(NetEvents.vethDeletedInBackground(ifname, peer, Cmd.line(del) + " (via netlink: RTM_DELLINK)"));
            peers.remove(ifname);
            peers.remove(peer);
            reaper.submit(() -> {
                try {
                    netlink.deleteLink(ifname, Cmd.line(del));
                } catch (SysError e) {
                    if (e.errno() != Errno.ENODEV) {
                        System.err.println("glassbox: " + e.getMessage());
                    }
                }
            });
            return;
        }
        boolean veth = peer != null || isVeth(ifname);
        Cmd.Result r;
        SysError failed = null;
        if (netlink != null) {
            try {
                netlink.deleteLink(ifname, Cmd.line(del));
                r = new Cmd.Result(del, 0, "", "");
            } catch (SysError e) {
                failed = e;
                r = new Cmd.Result(del, 2, "", e.errno() == Errno.ENODEV ? "Cannot find device \"" + ifname + "\"" : e.getMessage());
            }
        } else {
            r = exec(del);
        }
        boolean gone = !r.ok() && (r.stderr().contains("Cannot find device") || r.stderr().contains("No such device"));
        String via = netlink == null ? "" : " (via netlink: RTM_DELLINK)";
        if (gone) {
            // a veth whose container's namespace just died is deleted by the kernel itself: that is not a failure
            event(NetEvents.linkGone(ifname, Cmd.line(del) + via + " → Cannot find device"));
        } else {
            event(NetEvents.linkDeleted(ifname, veth, peer, Cmd.line(del) + via));
        }
        if (failed != null && !gone) {
            throw failed;
        }
        if (!r.ok() && !gone) {
            throw sysError(new CmdException(del, r.exit(), r.stderr(), null));
        }
        peers.remove(ifname);
        if (peer != null) {
            peers.remove(peer);
        }
    }

    /** A veth end shows as NAME@PEER (or NAME@ifN when the peer is in another namespace). */
    private boolean isVeth(String ifname) {
        Cmd.Result r = exec(ip(null, "-o", "-d", "link", "show", "dev", ifname));
        return r.ok() && r.stdout().contains(" veth ");
    }

    @Override
    public boolean linkExists(String ifname) {
        hostLink(ifname);
        settle();
        return exec(ip(null, "-o", "link", "show", "dev", ifname)).ok();
    }

    /** Waits until the links being deleted in the background are gone. */
    void settle() {
        reaper.settle();
    }
}
