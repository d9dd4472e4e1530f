package dev.glassbox.linux;

import dev.glassbox.kernel.Links;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.Net;
import dev.glassbox.kernel.NetEvents;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.trace.Tracer;

/**
 * The Linux kernel's network: links, addresses and routes through {@link LinuxNet} (recorded by
 * {@link TrackedLinks}), and published ports as Docker's default makes them: a DNAT rule
 * ({@link LinuxNat}) for the bridge's gateway address, and docker-proxy ({@link PortProxy}) for
 * 127.0.0.1, which the nat table never sees.
 */
final class ProxiedNet implements Net {
    private final Links links;
    private final LinuxNat nat;
    private final PortProxy proxy;
    private final Tracer tracer;
    private final String chain;
    private final String gateway;
    private final EmbeddedDns dns = new EmbeddedDns();

    ProxiedNet(Links links, LinuxNat nat, PortProxy proxy, Tracer tracer, LinuxKernel.Options options) {
        this.links = links;
        this.nat = nat;
        this.proxy = proxy;
        this.tracer = tracer;
        this.chain = LinuxNat.chain(options);
        this.gateway = options.gateway();
    }

    /** The kernel's own counters of the interfaces the sandbox's init sees: /proc/PID/net/dev, loopback left out. */
    @Override
    public java.util.Map<String, dev.glassbox.kernel.LinkCounters> counters(Sandbox sandbox) {
        java.util.Map<String, dev.glassbox.kernel.LinkCounters> out = new java.util.TreeMap<>();
        String text;
        try {
            text = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + sandbox.pid() + "/net/dev"));
        } catch (java.io.IOException e) {
            return out; // the init is gone: no namespace left to count in
        }
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.contains("|")) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (!name.equals("lo") && f.length >= 10) {
                out.put(name, new dev.glassbox.kernel.LinkCounters(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[8]), Long.parseLong(f[9])));
            }
        }
        return out;
    }

    /** docker-proxy's loopback address, and for a publication on all addresses its bridge's gateway (DNAT and the proxy): nowhere else. */
    @Override
    public java.util.List<String> answersOn(NatRule rule) {
        java.net.InetAddress gateway = PortProxy.gatewayOf(rule);
        String loopback = PortProxy.listenIp(rule);
        return gateway == null ? java.util.List.of(loopback) : java.util.List.of(loopback, gateway.getHostAddress());
    }

    @Override
    public void claimParent(String parent, boolean dummy) {
        links.claimParent(parent, dummy);
    }

    @Override
    public void releaseParent(String parent, boolean dummy) {
        links.releaseParent(parent, dummy);
    }

    @Override
    public void createMacvlan(String parent, dev.glassbox.kernel.MacvlanMode mode, Sandbox sandbox, String ifname) {
        links.createMacvlan(parent, mode, sandbox, ifname);
    }

    @Override
    public void deleteLink(Sandbox sandbox, String ifname) {
        links.deleteLink(sandbox, ifname);
    }

    @Override
    public void createBridge(String name, String gatewayCidr) {
        links.createBridge(name, gatewayCidr);
    }

    @Override
    public void createVeth(String hostIf, Sandbox sandbox, String peerIf) {
        links.createVeth(hostIf, sandbox, peerIf);
    }

    @Override
    public void setMaster(String ifname, String bridge) {
        links.setMaster(ifname, bridge);
    }

    @Override
    public void addAddress(Sandbox sandbox, String ifname, String cidr) {
        links.addAddress(sandbox, ifname, cidr);
    }

    @Override
    public void linkUp(Sandbox sandbox, String ifname) {
        links.linkUp(sandbox, ifname);
    }

    @Override
    public void addDefaultRoute(Sandbox sandbox, String gateway, String ifname) {
        links.addDefaultRoute(sandbox, gateway, ifname);
    }

    @Override
    public void deleteLink(String ifname) {
        links.deleteLink(ifname);
    }

    @Override
    public boolean linkExists(String ifname) {
        return links.linkExists(ifname);
    }

    @Override
    public void addNat(NatRule rule) {
        String equivalent = nat.equivalent(rule);
        NetEvents.dnatAddedOnGateway(rule, gateway, chain, equivalent).note(tracer);
        nat.add(rule);
    }

    @Override
    public void removeNat(NatRule rule) {
        NetEvents.dnatRemoved(rule, nat.removalCommit(rule), nat.removal(rule)).note(tracer);
        nat.remove(rule);
    }

    @Override
    public void proxy(NatRule rule) {
        LinuxNet.ipv4(rule.destIp());
        // docker-proxy listens on all the host's addresses; here: loopback, and the container's own bridge
        java.net.InetAddress gateway = PortProxy.gatewayOf(rule);
        NetEvents.userlandProxyStarted(rule, PortProxy.listenIp(rule), gateway == null ? null : gateway.getHostAddress(),
                PortProxy.commandLine(rule) + (gateway == null ? "" : " ; " + new NatRule(rule.proto(), gateway.getHostAddress(), rule.hostPort(),
                        rule.destIp(), rule.destPort(), rule.bridge()).proxyCommand())).note(tracer);
        proxy.publish(rule, gateway);
    }

    @Override
    public void unproxy(NatRule rule) {
        NetEvents.userlandProxyStopped(rule, PortProxy.listenIp(rule), "kill docker-proxy (" + PortProxy.commandLine(rule) + ")").note(tracer);
        proxy.withdraw(rule);
    }

    @Override
    public void serveDns(Sandbox sandbox, java.util.Map<String, String> names) {
        if (names.isEmpty()) {
            dns.stop(sandbox);
            return;
        }
        NetEvents.embeddedDns(sandbox.id(), EmbeddedDns.ADDRESS, String.join(", ", new java.util.TreeSet<>(names.keySet())),
                "setns(/proc/" + sandbox.pid() + "/ns/net) ; bind udp " + EmbeddedDns.ADDRESS + ":53 ; listen tcp " + EmbeddedDns.ADDRESS + ":53").note(tracer);
        dns.serve(sandbox, names);
    }

    /** Closes every embedded DNS socket (the kernel is closing). */
    void closeDns() {
        dns.closeAll();
    }

    @Override
    public dev.glassbox.kernel.TcpConnection connect(String ip, int port) {
        return HostSocket.connect(ip, port);
    }
}
