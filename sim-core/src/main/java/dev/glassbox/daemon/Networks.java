package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.PortBinding;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.runtime.RuntimeSpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** libnetwork's part: the default bridge, its IPAM, and each container's network plan. */
final class Networks {
    final String bridge;
    final Ipam bridgeIpam;
    private final Kernel kernel;

    Networks(Kernel kernel) {
        this.kernel = kernel;
        this.bridge = kernel.layout().bridge();
        this.bridgeIpam = new Ipam(kernel.layout().subnet(), kernel.layout().gateway());
        kernel.net().createBridge(bridge, bridgeIpam.gateway + "/" + bridgeIpam.prefix);
    }

    void check(String mode, Daemon daemon) {
        switch (mode) {
            case "default", "bridge", "host", "none" -> { }
            default -> {
                if (mode.startsWith("container:")) {
                    daemon.container(mode.substring("container:".length()));
                } else {
                    throw DockerException.notFound("network " + mode + " not found");
                }
            }
        }
    }

    RuntimeSpec.NetworkPlan plan(Container c, Daemon daemon) {
        String mode = c.networkMode();
        if (mode.equals("host") || mode.equals("none")) {
            return new RuntimeSpec.NetworkPlan(mode, null, null, null, 0, null, null, List.of());
        }
        if (mode.startsWith("container:")) {
            Container other = daemon.container(mode.substring("container:".length()));
            if (!other.running()) {
                throw DockerException.conflict("cannot join network namespace of a non running container: container " + other.id + " is not running");
            }
            return new RuntimeSpec.NetworkPlan("container", other.sandbox, null, null, 0, null, null, List.of());
        }
        checkPorts(c, daemon);
        String ip = bridgeIpam.allocate();
        List<NatRule> nat = new ArrayList<>();
        for (PortBinding p : c.hostConfig.portBindings()) {
            int hostPort = p.hostPort() == 0 ? ephemeral(daemon) : p.hostPort();
            nat.add(new NatRule(p.proto(), p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp(), hostPort, ip, p.containerPort(), bridge));
        }
        String veth = "veth" + HexFormat.of().formatHex(kernel.random(4)).substring(0, 7);
        return new RuntimeSpec.NetworkPlan("bridge", null, bridge, ip, bridgeIpam.prefix, bridgeIpam.gateway, veth, nat);
    }

    private void checkPorts(Container c, Daemon daemon) {
        for (PortBinding p : c.hostConfig.portBindings()) {
            if (p.hostPort() == 0) {
                continue;
            }
            for (Container other : daemon.containers.values()) {
                if (other != c && other.running()) {
                    for (NatRule r : other.nat) {
                        if (r.hostPort() == p.hostPort() && r.proto().equals(p.proto())) {
                            String ip = p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp();
                            throw DockerException.server("driver failed programming external connectivity on endpoint " + c.name + " ("
                                    + daemon.randomHex(32) + "): Bind for " + ip + ":" + p.hostPort() + " failed: port is already allocated");
                        }
                    }
                }
            }
        }
    }

    private int ephemeral(Daemon daemon) {
        int port = 32768;
        boolean used = true;
        while (used) {
            used = false;
            for (Container other : daemon.containers.values()) {
                for (NatRule r : other.nat) {
                    if (r.hostPort() == port) {
                        used = true;
                    }
                }
            }
            port += used ? 1 : 0;
        }
        return port;
    }
}
