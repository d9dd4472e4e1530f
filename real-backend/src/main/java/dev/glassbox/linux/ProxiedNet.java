package dev.glassbox.linux;

import dev.glassbox.kernel.Links;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.Net;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Subsystem;
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
        tracer.note(Layer.KERNEL, Subsystem.NETWORK, "add DNAT rule", rule.hostIp() + ":" + rule.hostPort(), "Connections from this host to "
                + gateway + ":" + rule.hostPort() + " are rewritten to " + rule.destIp() + ":" + rule.destPort()
                + " in the container; the chain " + chain + " sees packets for that address only.", equivalent);
        nat.add(rule);
    }

    @Override
    public void removeNat(NatRule rule) {
        tracer.note(Layer.KERNEL, Subsystem.NETWORK, "delete DNAT rule", rule.hostIp() + ":" + rule.hostPort(), "The published port "
                + rule.hostPort() + " is withdrawn. (The kernel takes 10 to 30 ms to commit a deletion here, so it finishes in the background.)",
                nat.command(rule).replace(" -A ", " -D "));
        nat.remove(rule);
    }

    @Override
    public void proxy(NatRule rule) {
        LinuxNet.ipv4(rule.destIp());
        // docker-proxy listens on all the host's addresses; here: loopback, and the container's own bridge
        java.net.InetAddress gateway = PortProxy.gatewayOf(rule);
        String also = gateway == null ? "" : " and on " + gateway.getHostAddress() + ":" + rule.hostPort() + ", " + rule.bridge() + "'s own address,";
        tracer.note(Layer.KERNEL, Subsystem.NETWORK, "start docker-proxy", PortProxy.listenIp(rule) + ":" + rule.hostPort(),
                "A userland proxy listens on " + PortProxy.listenIp(rule) + ":" + rule.hostPort() + also + " and copies each connection to "
                        + rule.destIp() + ":" + rule.destPort() + " in the container: connections to 127.0.0.1 never pass the nat table"
                        + (gateway == null ? "." : ", and the DNAT rule skips those that containers make to their gateway."),
                PortProxy.commandLine(rule) + (gateway == null ? "" : " ; " + new NatRule(rule.proto(), gateway.getHostAddress(), rule.hostPort(),
                        rule.destIp(), rule.destPort(), rule.bridge()).proxyCommand()));
        proxy.publish(rule, gateway);
    }

    @Override
    public void unproxy(NatRule rule) {
        tracer.note(Layer.KERNEL, Subsystem.NETWORK, "stop docker-proxy", PortProxy.listenIp(rule) + ":" + rule.hostPort(),
                "The proxy for port " + rule.hostPort() + " stops listening.", "kill docker-proxy (" + PortProxy.commandLine(rule) + ")");
        proxy.withdraw(rule);
    }

    @Override
    public void serveDns(Sandbox sandbox, java.util.Map<String, String> names) {
        if (names.isEmpty()) {
            dns.stop(sandbox);
            return;
        }
        tracer.note(Layer.KERNEL, Subsystem.NETWORK, "embedded DNS", sandbox.id(),
                "The container's resolver asks " + EmbeddedDns.ADDRESS + ":53 in its own network namespace; sockets the daemon bound there (UDP, and TCP for long answers) answer "
                        + String.join(", ", new java.util.TreeSet<>(names.keySet())) + " and say NXDOMAIN for any other name.",
                "setns(/proc/" + sandbox.pid() + "/ns/net) ; bind udp " + EmbeddedDns.ADDRESS + ":53 ; listen tcp " + EmbeddedDns.ADDRESS + ":53");
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
