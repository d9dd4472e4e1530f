package dev.glassbox.lab;

import java.util.List;
import java.util.Map;

/**
 * Host port {@code host} reaches port {@code port} of container {@code container}: the container runs
 * and the port is published there (inspect's NetworkSettings.Ports lists the DNAT rules the daemon made
 * for a running container, and only those).
 */
public record PortGoal(String id, String text, int host, String container, int port, String proto) implements Goal {
    public PortGoal {
        Goal.require(container, "the container's name", "port");
        if (host < 1 || host > 65535 || port < 1 || port > 65535) {
            throw new IllegalArgumentException("a 'port' goal needs host and port from 1 to 65535");
        }
        proto = proto == null ? "tcp" : proto;
        id = id != null ? id : "port-" + host;
    }

    @Override
    public String describe() {
        return Goal.or(text, "host port " + host + " reaches port " + port + " of " + container);
    }

    @Override
    public Verdict check(Probe p) {
        Map<String, Object> c = p.container(container);
        if (c == null) {
            return Verdict.unmet("no container is named " + container + "; " + p.psList());
        }
        if (!Boolean.TRUE.equals(Probe.field(c, "State.Running"))) {
            return Verdict.unmet(container + " is " + Probe.field(c, "State.Status") + ": a port reaches only a running container");
        }
        Object bindings = Probe.field(c, "NetworkSettings.Ports." + port + "/" + proto);
        if (!(bindings instanceof List<?> list) || list.isEmpty()) {
            return Verdict.unmet(container + " does not publish its port " + port + "/" + proto + " (docker run -p HOST:" + port + " publishes it)");
        }
        for (Object b : list) {
            if (b instanceof Map<?, ?> m && String.valueOf(host).equals(m.get("HostPort"))) {
                return Verdict.MET;
            }
        }
        Object first = ((Map<?, ?>) list.get(0)).get("HostPort");
        return Verdict.unmet(container + " publishes its port " + port + " on host port " + first + ", not " + host);
    }
}
