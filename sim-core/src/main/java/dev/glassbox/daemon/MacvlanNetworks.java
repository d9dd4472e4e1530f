package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.NetworkCreate;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.kernel.MacvlanMode;
import dev.glassbox.kernel.SysError;
import dev.glassbox.runtime.Libnetwork;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;

/**
 * libnetwork's macvlan driver: a network is a subnet on a parent link ({@code -o parent=eth0}, or a dummy
 * the driver makes when none is given); its containers become children of that parent, each with a MAC of
 * its own, stations on the parent's segment beside the host. Several networks may share a parent, except
 * in passthru mode; their subnets may not overlap any other network's.
 */
final class MacvlanNetworks {
    private final Networks networks;
    private final Kernel kernel;
    private final Libnetwork libnetwork;
    private final Tracer tracer;

    MacvlanNetworks(Networks networks, Kernel kernel, Libnetwork libnetwork, Tracer tracer) {
        this.networks = networks;
        this.kernel = kernel;
        this.libnetwork = libnetwork;
        this.tracer = tracer;
    }

    Network create(NetworkCreate request, String id, NetworkDriver driver) {
        Ipam ipam = networks.ipam(request);
        if (driver == NetworkDriver.IPVLAN) {
            ipvlanMode(request.options().getOrDefault("ipvlan_mode", ""));
            if (!libnetwork.hasIpvlan()) {
                throw DockerException.unsupported("glassbox: ipvlan networks run on the sim kernel only; this kernel does not offer the ipvlan"
                        + " driver");
            }
        }
        MacvlanMode mode = driver == NetworkDriver.IPVLAN ? MacvlanMode.BRIDGE : mode(request.options().getOrDefault("macvlan_mode", ""));
        Network n = new Network(id, request.name(), driver, null, ipam, kernel.currentTimeMillis(), request.labels(), false,
                request.options());
        String parent = n.parent();
        if (parent.equals("lo")) {
            throw DockerException.server("loopback interface is not a valid " + driver + " parent link");
        }
        for (Network other : driver == NetworkDriver.IPVLAN ? java.util.List.<Network>of() : networks.byName.values()) {
            if (other.driver() == NetworkDriver.MACVLAN && other.parent().equals(parent)) {
                if (mode == MacvlanMode.PASSTHRU) {
                    throw DockerException.server("cannot use mode passthru, macvlan network " + other.id() + " is already using parent interface " + parent);
                }
                if (mode(other.options().getOrDefault("macvlan_mode", "")) == MacvlanMode.PASSTHRU) {
                    throw DockerException.server("macvlan network " + other.id() + " is already using parent interface " + parent + " in mode passthru");
                }
            }
        }
        try (Tracer.Span s = tracer.open(Layer.DAEMON, null, "create network", request.name(), "libnetwork's " + driver + " driver gives the"
                + " network " + request.name() + " the subnet " + ipam.subnet + " on the parent link " + parent + ": its containers will be"
                + " stations of their own on " + parent + "'s segment" + (driver == NetworkDriver.IPVLAN ? " (sharing its MAC address)" : "")
                + ", with no bridge and no NAT.", "")) {
            claim(n);
            return n;
        }
    }

    /** Readies the parent, in Docker's words when it is not there. */
    void claim(Network n) {
        String parent = n.parent();
        if (parent.contains(".")) {
            throw DockerException.unsupported("glassbox: 802.1Q VLAN sub-interfaces (-o parent=" + parent + ") are not simulated; use a parent link itself");
        }
        try {
            libnetwork.claimParent(parent, n.dummyParent());
        } catch (SysError e) {
            if (e.errno() == Errno.ENODEV) {
                throw DockerException.server("invalid subinterface vlan name " + parent + ", example formatting is eth0.10");
            }
            throw e;
        }
    }

    /** The network is gone: its parent is released when no other macvlan network hangs off it. */
    void removed(Network n) {
        for (Network other : networks.byName.values()) {
            if (other != n && other.driver().onParent() && other.parent().equals(n.parent())) {
                return;
            }
        }
        libnetwork.releaseParent(n.parent(), n.dummyParent());
    }

    /** ipvlan's mode: l2, the driver's default, is the one glassbox simulates. */
    static void ipvlanMode(String name) {
        if (name.isEmpty() || name.equals("l2")) {
            return;
        }
        if (name.equals("l3") || name.equals("l3s")) {
            throw DockerException.unsupported("glassbox: ipvlan mode " + name + " is not simulated; l2 is");
        }
        throw DockerException.server("requested ipvlan mode '" + name + "' is not valid, 'l2' mode is the ipvlan driver default");
    }

    static MacvlanMode mode(String name) {
        if (name.isEmpty()) {
            return MacvlanMode.BRIDGE;
        }
        MacvlanMode m = MacvlanMode.named(name);
        if (m == null) {
            throw DockerException.server("requested macvlan mode '" + name + "' is not valid, 'bridge' mode is the macvlan driver default");
        }
        return m;
    }
}
