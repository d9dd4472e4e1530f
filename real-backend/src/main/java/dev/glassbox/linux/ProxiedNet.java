package dev.glassbox.linux;

import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.Net;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Subsystem;
import dev.glassbox.trace.Tracer;
import java.util.List;

/**
 * The Linux kernel's network: links, addresses and routes through {@link LinuxNet} (iproute2), and
 * published ports through the {@link PortProxy} instead of DNAT rules (the proxy says why).
 */
final class ProxiedNet implements Net {
    private final LinuxNet links;
    private final PortProxy proxy;
    private final Tracer tracer;

    ProxiedNet(LinuxNet links, PortProxy proxy, Tracer tracer) {
        this.links = links;
        this.proxy = proxy;
        this.tracer = tracer;
    }

    List<NatRule> published() {
        return proxy.rules();
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
        LinuxNet.ipv4(rule.destIp());
        tracer.note(Layer.KERNEL, Subsystem.NETWORK, "publish port", PortProxy.listenIp(rule) + ":" + rule.hostPort(),
                "A userland proxy listens on " + PortProxy.listenIp(rule) + ":" + rule.hostPort() + " and copies each connection to "
                        + rule.destIp() + ":" + rule.destPort() + " in the container, as docker-proxy does for loopback traffic that DNAT never sees.",
                PortProxy.commandLine(rule));
        proxy.publish(rule);
    }

    @Override
    public void removeNat(NatRule rule) {
        tracer.note(Layer.KERNEL, Subsystem.NETWORK, "unpublish port", PortProxy.listenIp(rule) + ":" + rule.hostPort(),
                "The proxy for port " + rule.hostPort() + " stops listening.", "kill docker-proxy (" + PortProxy.commandLine(rule) + ")");
        proxy.withdraw(rule);
    }
}
