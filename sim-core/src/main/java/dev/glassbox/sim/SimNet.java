package dev.glassbox.sim;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.IpvsService;
import dev.glassbox.kernel.KernelState;
import dev.glassbox.kernel.MacvlanEvents;
import dev.glassbox.kernel.MacvlanMode;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.Net;
import dev.glassbox.kernel.NetEvents;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.TcpConnection;
import dev.glassbox.kernel.SysError;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The sim kernel's network stack: links (loopback, veth pairs, bridges), addresses, routes, the nat
 * table's DNAT rules, the docker-proxy relays for loopback, and TCP-like sockets. A connection is routed hop by hop through veth pairs and
 * bridges, each hop a trace event, so what reaches a server is what the topology allows.
 */
final class SimNet implements Net {
    static final class NetNs extends Namespaces.Ns {
        final TreeMap<String, Link> links = new TreeMap<>();
        final List<Sys.Route> routes = new ArrayList<>();
        /** How the traced state last showed the routes (see StateView.routes). */
        StateView.RouteViews routesShown;
        final TreeMap<Integer, Socket> listeners = new TreeMap<>();
        int nextIndex = 1;

        NetNs(long inode, int creatorPid) {
            super(NsType.NET, inode, creatorPid);
        }

        boolean owns(int ip) {
            if (Ip.loopback(ip)) {
                return links.containsKey("lo") && links.get("lo").up;
            }
            for (Link l : links.values()) {
                for (String cidr : l.addresses) {
                    if (Ip.address(cidr) == ip) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    static final class Link {
        String name;
        int index;
        final String kind;
        String mac;
        int mtu = 1500;
        boolean up;
        final List<String> addresses = new ArrayList<>();
        Link peer;
        Link master;
        /** A macvlan child's parent link (on the host), and its mode; null for every other kind. */
        Link lower;
        MacvlanMode mode;
        /** How the traced state last showed it, kept while it is unchanged. */
        KernelState.Link view;
        String viewKey;
        /** An overlay's bridge and its VXLAN port carry the network's VNI; 0 for every other link. */
        int vni;
        NetNs ns;
        long rxBytes;
        long rxPackets;
        long txBytes;
        long txPackets;

        Link(String name, String kind, NetNs ns, String mac) {
            this.name = name;
            this.kind = kind;
            this.ns = ns;
            this.mac = mac;
            this.index = ns.nextIndex++;
        }
    }

    static final class Socket {
        final NetNs ns;
        final int port;
        final SimProcess owner;
        final ArrayDeque<Socket> backlog = new ArrayDeque<>();
        Socket peer;
        /** The links between the two ends, and whether this end is the one that connected (its packets go forward). */
        Wires wires = new Wires();
        boolean connecting;
        final ByteArrayOutputStream inbox = new ByteArrayOutputStream();
        boolean peerClosed;
        boolean closed;
        String remote = "";

        Socket(NetNs ns, int port, SimProcess owner) {
            this.ns = ns;
            this.port = port;
            this.owner = owner;
        }

        boolean listening() {
            return peer == null && port > 0;
        }
    }

    private final SimKernel kernel;
    final NetNs host;
    final List<NatRule> nat = new ArrayList<>();
    /** The docker-proxy instances running, one per published port. */
    final List<NatRule> proxies = new ArrayList<>();
    /** IPVS's virtual services, and the round robin's next pick for each. */
    final List<IpvsService> ipvs = new ArrayList<>();
    final Map<String, Integer> nextBackend = new java.util.HashMap<>();
    private int ephemeral = 32768;

    SimNet(SimKernel kernel, NetNs host, String eth0Cidr, String eth0Mac) {
        this.kernel = kernel;
        this.host = host;
        Link lo = new Link("lo", "loopback", host, "00:00:00:00:00:00");
        lo.mtu = 65536;
        lo.up = true;
        lo.addresses.add("127.0.0.1/8");
        host.links.put("lo", lo);
        Link eth0 = new Link("eth0", "ether", host, eth0Mac);
        eth0.up = true;
        eth0.addresses.add(eth0Cidr);
        host.links.put("eth0", eth0);
        host.routes.add(new Sys.Route("default", SimLan.GATEWAY, "eth0", ""));
        host.routes.add(new Sys.Route(Ip.network(eth0Cidr), "", "eth0", eth0Cidr.substring(0, eth0Cidr.indexOf('/'))));
    }

    /** Every new network namespace starts with a loopback device that is down. */
    void initNamespace(NetNs ns) {
        Link lo = new Link("lo", "loopback", ns, "00:00:00:00:00:00");
        lo.mtu = 65536;
        ns.links.put("lo", lo);
    }

    private NetNs ns(Sandbox sb) {
        return sb == null ? host : kernel.namespacesOf(sb).net();
    }

    private Link link(NetNs ns, String name) {
        Link l = ns.links.get(name);
        if (l == null) {
            throw new SysError(Errno.ENODEV, "Cannot find device \"" + name + "\"");
        }
        return l;
    }

    private String mac() {
        byte[] b = kernel.random(5);
        return "02:" + HexFormat.ofDelimiter(":").formatHex(b);
    }

    private String where(Sandbox sb) {
        return sb == null ? "" : "nsenter --net=/proc/" + sb.pid() + "/ns/net ";
    }

    @Override
    public void createBridge(String name, String gatewayCidr) {
        if (host.links.containsKey(name)) {
            throw new SysError(Errno.EEXIST, "RTNETLINK answers: File exists");
        }
        kernel.event(NetEvents.bridgeCreated(name, "ip link add " + name + " type bridge"));
        Link br = new Link(name, "bridge", host, mac());
        host.links.put(name, br);
        kernel.event(NetEvents.bridgeAddress(name, gatewayCidr, "ip addr add " + gatewayCidr + " dev " + name));
        br.addresses.add(gatewayCidr);
        host.routes.add(new Sys.Route(Ip.network(gatewayCidr), "", name, gatewayCidr.substring(0, gatewayCidr.indexOf('/'))));
        br.up = true;
    }

    @Override
    public void createOverlay(String bridge, String vxlan, int vni, String hostCidr) {
        if (host.links.containsKey(bridge) || host.links.containsKey(vxlan)) {
            throw new SysError(Errno.EEXIST, "RTNETLINK answers: File exists");
        }
        kernel.event(NetEvents.overlayCreated(bridge, vxlan, vni, hostCidr, "ip link add " + bridge + " type bridge && ip link add " + vxlan
                + " type vxlan id " + vni + " dstport " + VXLAN_PORT + " && ip link set " + vxlan + " master " + bridge
                + (hostCidr == null ? "" : " && ip addr add " + hostCidr + " dev " + bridge)));
        Link br = new Link(bridge, "bridge", host, mac());
        br.vni = vni;
        br.up = true;
        host.links.put(bridge, br);
        Link vx = new Link(vxlan, "vxlan", host, mac());
        vx.vni = vni;
        vx.mtu = 1450;
        vx.master = br;
        vx.up = true;
        host.links.put(vxlan, vx);
        if (hostCidr != null) {
            br.addresses.add(hostCidr);
            host.routes.add(new Sys.Route(Ip.network(hostCidr), "", bridge, hostCidr.substring(0, hostCidr.indexOf('/'))));
        }
    }

    @Override
    public void deleteOverlay(String bridge, String vxlan) {
        kernel.event(NetEvents.overlayDeleted(bridge, vxlan, "ip link del " + vxlan + " && ip link del " + bridge));
        for (String name : List.of(vxlan, bridge)) {
            Link l = host.links.get(name);
            if (l != null) {
                remove(l);
            }
        }
    }

    @Override
    public void ipvs(IpvsService service) {
        kernel.event(NetEvents.ipvsProgrammed(service, service.ipvsadm()));
        ipvs.removeIf(s -> s.proto().equals(service.proto()) && s.vip().equals(service.vip()) && s.port() == service.port());
        ipvs.add(service);
    }

    @Override
    public void removeIpvs(String proto, String vip, int port) {
        kernel.event(NetEvents.ipvsRemoved(vip, port, "ipvsadm -D " + (vip.equals("0.0.0.0") ? "-f <fwmark of " + proto + "/" + port + ">"
                : "-t " + vip + ":" + port)));
        ipvs.removeIf(s -> s.proto().equals(proto) && s.vip().equals(vip) && s.port() == port);
    }

    /**
     * The namespace on {@code net}'s {@code bridge} that has {@code ip}: a container behind one of its ports, or
     * the host itself when the bridge carries that address; null when none.
     */
    static NetNs onBridge(SimNet net, Link bridge, int ip) {
        if (bridge.addresses.stream().anyMatch(a -> Ip.address(a) == ip)) {
            return net.host;
        }
        Link port = portTo(net, bridge, ip, null);
        return port == null ? null : port.peer.ns;
    }

    /** The port of {@code bridge}, other than {@code except}, whose veth peer has {@code ip}; null when none. */
    static Link portTo(SimNet net, Link bridge, int ip, Link except) {
        for (Link port : net.host.links.values()) {
            if (port.master == bridge && port != except && port.up && port.peer != null && port.peer.ns.owns(ip)) {
                return port;
            }
        }
        return null;
    }

    /** The next backend of {@code s}'s round robin, counted from 1; 0 when it has none. */
    int pick(IpvsService s) {
        if (s.backends().isEmpty()) {
            return 0;
        }
        String key = s.proto() + " " + s.vip() + ":" + s.port();
        int n = nextBackend.getOrDefault(key, 0) % s.backends().size();
        nextBackend.put(key, n + 1);
        return n + 1;
    }

    @Override
    public void createVeth(String hostIf, Sandbox sandbox, String peerIf) {
        NetNs target = ns(sandbox);
        if (host.links.containsKey(hostIf) || target.links.containsKey(peerIf)) {
            throw new SysError(Errno.EEXIST, "RTNETLINK answers: File exists");
        }
        kernel.event(NetEvents.vethCreated(hostIf, peerIf, "ip link add " + hostIf + " type veth peer name " + peerIf + " netns " + sandbox.pid()));
        Link a = new Link(hostIf, "veth", host, mac());
        Link b = new Link(peerIf, "veth", target, mac());
        a.peer = b;
        b.peer = a;
        host.links.put(hostIf, a);
        target.links.put(peerIf, b);
    }

    @Override
    public void setMaster(String ifname, String bridge) {
        Link l = link(host, ifname);
        Link br = link(host, bridge);
        kernel.event(NetEvents.attachedToBridge(ifname, bridge, "ip link set " + ifname + " master " + bridge + " up"));
        l.master = br;
        l.up = true;
    }

    @Override
    public void addAddress(Sandbox sandbox, String ifname, String cidr) {
        NetNs ns = ns(sandbox);
        Link l = link(ns, ifname);
        kernel.event(NetEvents.address(ifname, cidr, where(sandbox) + "ip addr add " + cidr + " dev " + ifname));
        l.addresses.add(cidr);
        if (!l.kind.equals("loopback")) {
            int ip = Ip.address(cidr);
            // Docker derives a container's MAC address from its IPv4 address; an ipvlan child keeps its parent's.
            l.mac = l.kind.equals("ipvlan") ? l.mac : dockerMac(ip);
            ns.routes.add(new Sys.Route(Ip.network(cidr), "", ifname, cidr.substring(0, cidr.indexOf('/'))));
        }
    }

    @Override
    public void linkUp(Sandbox sandbox, String ifname) {
        NetNs ns = ns(sandbox);
        Link l = link(ns, ifname);
        kernel.event(NetEvents.linkUp(ifname, where(sandbox) + "ip link set " + ifname + " up"));
        l.up = true;
        if (l.kind.equals("loopback") && l.addresses.isEmpty()) {
            l.addresses.add("127.0.0.1/8");
        }
    }

    @Override
    public void addDefaultRoute(Sandbox sandbox, String gateway, String ifname) {
        NetNs ns = ns(sandbox);
        link(ns, ifname);
        kernel.event(NetEvents.defaultRoute(ifname, gateway, where(sandbox) + "ip route add default via " + gateway + " dev " + ifname));
        ns.routes.add(0, new Sys.Route("default", gateway, ifname, ""));
    }

    @Override
    public void deleteLink(String ifname) {
        Link l = host.links.get(ifname);
        if (l == null) {
            kernel.event(NetEvents.linkGone(ifname, "ip link del " + ifname + " → Cannot find device"));
            return;
        }
        kernel.event(NetEvents.linkDeleted(ifname, l.peer != null, l.peer != null ? l.peer.name : null, "ip link del " + ifname));
        remove(l);
        if (l.peer != null) {
            remove(l.peer);
        }
    }

    private void remove(Link l) {
        l.ns.links.remove(l.name);
        l.ns.routes.removeIf(r -> r.device().equals(l.name));
        l.up = false;
    }

    /** A namespace whose last process ended goes away with its links. */
    void destroy(NetNs ns) {
        for (Link l : new ArrayList<>(ns.links.values())) {
            if (l.peer != null) {
                remove(l.peer);
            }
            remove(l);
        }
        ns.listeners.clear();
    }

    @Override
    public boolean linkExists(String ifname) {
        return host.links.containsKey(ifname);
    }

    @Override
    public void claimParent(String parent, boolean dummy) {
        if (dummy) {
            if (!host.links.containsKey(parent)) {
                event(MacvlanEvents.dummyParent(parent), "ip link add " + parent + " type dummy && ip link set " + parent + " up");
                Link d = new Link(parent, "dummy", host, mac());
                d.up = true;
                host.links.put(parent, d);
            }
            return;
        }
        Link l = host.links.get(parent);
        if (l == null || l.kind.equals("loopback")) {
            throw new SysError(Errno.ENODEV, "Cannot find device \"" + parent + "\"");
        }
        event(MacvlanEvents.parentReady(parent), "ip link show " + parent);
    }

    @Override
    public void releaseParent(String parent, boolean dummy) {
        Link l = host.links.get(parent);
        event(MacvlanEvents.parentReleased(parent, dummy), dummy ? "ip link del " + parent : "");
        if (dummy && l != null) {
            for (NetNs ns : kernel.netNamespaces()) {
                ns.links.values().stream().filter(c -> c.lower == l).toList().forEach(this::remove);
            }
            remove(l);
        }
    }

    @Override
    public void createMacvlan(String parent, MacvlanMode mode, Sandbox sandbox, String ifname) {
        Link lower = link(host, parent);
        NetNs target = ns(sandbox);
        if (target.links.containsKey(ifname)) {
            throw new SysError(Errno.EEXIST, "RTNETLINK answers: File exists");
        }
        event(MacvlanEvents.child(parent, mode, ifname), "ip link add " + ifname + " link " + parent + " netns " + sandbox.pid()
                + " type macvlan mode " + mode.wire());
        Link c = new Link(ifname, "macvlan", target, mac());
        c.lower = lower;
        c.mode = mode;
        target.links.put(ifname, c);
    }

    @Override
    public boolean hasIpvlan() {
        return true;
    }

    @Override
    public void createIpvlan(String parent, Sandbox sandbox, String ifname) {
        NetNs target = ns(sandbox);
        Link lower = link(host, parent);
        if (target.links.containsKey(ifname)) {
            throw new SysError(Errno.EEXIST, "RTNETLINK answers: File exists");
        }
        event(MacvlanEvents.ipvlanChild(parent, ifname), "ip link add " + ifname + " link " + parent + " netns " + sandbox.pid()
                + " type ipvlan mode l2");
        Link c = new Link(ifname, "ipvlan", target, lower.mac);
        c.lower = lower;
        c.mode = MacvlanMode.BRIDGE; // l2: children of one parent switch to each other inside it
        target.links.put(ifname, c);
    }

    @Override
    public void deleteLink(Sandbox sandbox, String ifname) {
        NetNs ns = ns(sandbox);
        Link l = link(ns, ifname);
        event(MacvlanEvents.childGone(ifname), where(sandbox) + "ip link del " + ifname);
        remove(l);
    }

    private void event(MacvlanEvents.Event e, String equivalent) {
        kernel.event(e.with(equivalent));
    }

    @Override
    public void addNat(NatRule rule) {
        kernel.event(NetEvents.dnatAdded(rule, rule.iptables()));
        nat.add(rule);
    }

    @Override
    public void removeNat(NatRule rule) {
        kernel.event(NetEvents.dnatRemoved(rule, NetEvents.Commit.NOW, rule.iptables().replace(" -A ", " -D ")));
        nat.remove(rule);
    }

    @Override
    public void proxy(NatRule rule) {
        kernel.event(NetEvents.proxyStarted(rule, rule.proxyCommand()));
        proxies.add(rule);
    }

    @Override
    public void unproxy(NatRule rule) {
        kernel.event(NetEvents.proxyStopped(rule, "kill docker-proxy (" + rule.proxyCommand() + ")"));
        proxies.remove(rule);
    }

    // ---- sockets

    int ephemeralPort() {
        return ephemeral++;
    }

    Socket listen(SimProcess p, int port) {
        NetNs ns = p.ns.net();
        if (ns.listeners.containsKey(port)) {
            throw SysError.eaddrinuse();
        }
        Socket s = new Socket(ns, port, p);
        ns.listeners.put(port, s);
        return s;
    }

    /** Routes a connection from {@code p}'s namespace to ip:port, hop by hop; returns the client end. */
    Socket connect(SimProcess p, int dst, int port) {
        return connect(p.ns.net(), p, dst, port);
    }

    /** The daemon's connection from the host's namespace: no process owns its end, the daemon reads it while the kernel runs. */
    @Override
    public TcpConnection connect(String ip, int port) {
        return new HostConnection(kernel, this, connect(host, null, Ip.parse(ip), port));
    }

    private Socket connect(NetNs from, SimProcess p, int dst, int port) {
        int fromPort = ephemeralPort();
        Route route = new Route(this, kernel).tcp(fromPort);
        Route.Found r = route.find(from, dst, port);
        Socket listener = r.ns().listeners.get(r.port());
        if (listener == null || listener.closed) {
            route.wires().refused();
            r.kernel().event(NetEvents.refused(Ip.format(r.dst()), r.port()));
            throw SysError.econnrefused();
        }
        Socket client = new Socket(from, 0, p);
        Socket server = new Socket(r.ns(), r.port(), listener.owner);
        client.peer = server;
        server.peer = client;
        client.wires = route.wires();
        server.wires = route.wires();
        client.connecting = true;
        route.wires().handshake();
        client.remote = Ip.format(r.dst()) + ":" + r.port();
        server.remote = Ip.format(r.source()) + ":" + r.sourcePort();
        r.kernel().event(NetEvents.connected(Ip.format(r.dst()), r.port(), listener.owner.pid));
        listener.backlog.add(server);
        kernel.scheduler.makeRunnable(listener.owner);
        return client;
    }

    /** ICMP echo: the request travels like a packet to whichever namespace owns the address, and that kernel replies. */
    boolean echo(SimProcess p, int dst) {
        Route.Found r;
        Route route = new Route(this, kernel).icmp();
        try {
            r = route.find(p.ns.net(), dst, 0);
            route.wires().echo();
        } catch (SysError e) {
            if (e.errno() == Errno.EHOSTUNREACH) {
                return false;
            }
            throw e;
        }
        r.kernel().event(NetEvents.echoReply(Ip.format(r.dst())));
        return true;
    }

    void send(Socket s, byte[] data) {
        if (s.peer == null || s.peer.closed) {
            throw new SysError(Errno.EPIPE, "Broken pipe");
        }
        s.peer.inbox.writeBytes(data);
        s.wires.data(s.connecting, data.length);
        wake(s.peer.owner);
    }

    void close(Socket s) {
        if (!s.closed && s.peer != null) {
            s.wires.fin(s.connecting);
        }
        s.closed = true;
        if (s.peer != null) {
            s.peer.peerClosed = true;
            wake(s.peer.owner);
        } else {
            s.ns.listeners.remove(s.port, s);
        }
    }

    /** A socket's owner may read now; the daemon's own end has none, it reads when it next waits. */
    private void wake(SimProcess owner) {
        if (owner != null) {
            kernel.scheduler.makeRunnable(owner);
        }
    }

    /** ip link add NAME type dummy|bridge in a network namespace (the caller's capability is checked by the syscall). */
    void addLink(NetNs ns, String name, String kind) {
        if (!kind.equals("dummy") && !kind.equals("bridge")) {
            throw new SysError(Errno.EOPNOTSUPP, "Operation not supported");
        }
        if (ns.links.containsKey(name)) {
            throw new SysError(Errno.EEXIST, "File exists");
        }
        kernel.event(NetEvents.linkAdded(name, kind));
        ns.links.put(name, new Link(name, kind, ns, mac()));
    }

    void deleteLink(NetNs ns, String name) {
        Link l = link(ns, name);
        kernel.event(NetEvents.linkRemoved(name));
        ns.links.remove(name);
        l.up = false;
    }

    List<Sys.NetIf> interfaces(NetNs ns) {
        List<Sys.NetIf> out = new ArrayList<>();
        for (Link l : ns.links.values()) {
            Link other = l.peer != null ? l.peer : l.lower; // a macvlan child shows its parent as ifN, as a veth its peer
            out.add(new Sys.NetIf(l.index, l.name, l.mac, l.mtu, l.up, l.kind, other == null ? null : "if" + other.index,
                    List.copyOf(l.addresses)));
        }
        out.sort(java.util.Comparator.comparingInt(Sys.NetIf::index));
        return out;
    }

    @Override
    public Map<String, dev.glassbox.kernel.LinkCounters> counters(Sandbox sandbox) {
        Map<String, dev.glassbox.kernel.LinkCounters> out = new TreeMap<>();
        for (Link l : ns(sandbox).links.values()) {
            if (!l.kind.equals("loopback")) {
                out.put(l.name, new dev.glassbox.kernel.LinkCounters(l.rxBytes, l.rxPackets, l.txBytes, l.txPackets));
            }
        }
        return out;
    }

    /** The links as the traced state last showed them (the same map while none changed). */
    private final dev.glassbox.trace.SortedArrayMap.Kept<String, KernelState.Link> shown = new dev.glassbox.trace.SortedArrayMap.Kept<>();

    Map<String, KernelState.Link> state() {
        dev.glassbox.trace.SortedArrayMap.Kept<String, KernelState.Link> out = shown;
        List<NetNs> all = new ArrayList<>(StateView.containerNetNamespaces(kernel)); // keyed 4026532001:eth0: before the host's,
        all.add(host); // whose links are keyed by name alone
        for (NetNs ns : all) {
            for (Link l : ns.links.values()) {
                String master = l.master == null ? null : l.master.name;
                String peer = l.peer != null ? l.peer.name : l.lower != null ? l.lower.name : null;
                KernelState.Link v = l.view;
                if (v == null || !v.name().equals(l.name) || v.netns() != ns.inode || !v.kind().equals(l.kind) || !Objects.equals(v.master(), master)
                        || !Objects.equals(v.peer(), peer) || !Objects.equals(v.mac(), l.mac) || v.up() != l.up || !v.addresses().equals(l.addresses)) {
                    l.viewKey = (ns == host ? "" : ns.inode + ":") + l.name; // the view is kept while unchanged: shared by the trace's states
                    l.view = new KernelState.Link(l.name, ns.inode, l.kind, master, peer, l.mac, l.up, List.copyOf(l.addresses));
                }
                out.put(l.viewKey, l.view);
            }
        }
        return out.done();
    }

    /** Docker's MAC address for an IPv4 address: 02:42 and the address's four bytes in hex. */
    static String dockerMac(int ip) {
        StringBuilder sb = new StringBuilder("02:42");
        for (int shift = 24; shift >= 0; shift -= 8) {
            int b = (ip >>> shift) & 255;
            sb.append(':').append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }
}
