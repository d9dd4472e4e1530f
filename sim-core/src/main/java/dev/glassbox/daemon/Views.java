package dev.glassbox.daemon;

import dev.glassbox.api.NetworkMode;
import dev.glassbox.api.Api;
import dev.glassbox.api.PortBinding;
import dev.glassbox.kernel.NatRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Containers as the Engine API shows them: list summaries and inspect documents. */
final class Views {
    private Views() {}

    static String status(Container c, long now) {
        return switch (c.status) {
            case CREATED -> "Created";
            case RUNNING -> "Up " + dev.glassbox.api.HumanDuration.of(now - c.startedAt) + (c.health == null ? "" : " (" + c.health.label() + ")");
            case PAUSED -> "Up " + dev.glassbox.api.HumanDuration.of(now - c.startedAt) + " (Paused)";
            case RESTARTING -> "Restarting (" + c.exitCode + ") " + dev.glassbox.api.HumanDuration.of(now - c.finishedAt) + " ago";
            case REMOVING -> "Removal In Progress";
            case EXITED -> "Exited (" + c.exitCode + ") " + dev.glassbox.api.HumanDuration.of(now - c.finishedAt) + " ago";
            case DEAD -> "Dead";
        };
    }

    /** The container's published ports, one per host address where each answers ({@link dev.glassbox.kernel.Net#answersOn}). */
    static List<NatRule> answering(Container c, dev.glassbox.runtime.Libnetwork net) {
        List<NatRule> out = new ArrayList<>();
        for (NatRule r : c.nat) {
            for (String ip : net.answersOn(r)) {
                out.add(new NatRule(r.proto(), ip, r.hostPort(), r.destIp(), r.destPort(), r.bridge()));
            }
        }
        return out;
    }

    static Api.ContainerSummary summary(Container c, long now, dev.glassbox.runtime.Libnetwork net) {
        List<Api.PortView> ports = new ArrayList<>();
        List<String> published = new ArrayList<>();
        if (c.running()) {
            for (NatRule r : answering(c, net)) {
                ports.add(new Api.PortView(r.hostIp(), r.destPort(), r.hostPort(), r.proto()));
                published.add(r.destPort() + "/" + r.proto());
            }
        }
        for (String p : exposed(c)) {
            if (!published.contains(p)) {
                String[] parts = p.split("/");
                ports.add(new Api.PortView("", Integer.parseInt(parts[0]), null, parts.length > 1 ? parts[1] : "tcp"));
            }
        }
        String image = c.imageName;
        return new Api.ContainerSummary(c.id, List.of("/" + c.name), image, c.image.id().toString(), String.join(" ", quoteArgs(c.path)),
                c.created / 1000, c.status.word(), status(c, now), ports, new TreeMap<>(c.config.labels()), HealthChecks.filterValue(c), null, null);
    }

    private static List<String> quoteArgs(List<String> argv) {
        List<String> out = new ArrayList<>();
        for (String a : argv) {
            out.add(a.contains(" ") ? "'" + a + "'" : a);
        }
        return out;
    }

    static List<String> exposed(Container c) {
        List<String> out = new ArrayList<>(c.image.config().exposedPorts());
        for (String p : c.config.exposedPorts()) {
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        for (PortBinding b : c.hostConfig.portBindings()) {
            if (!out.contains(b.portKey())) {
                out.add(b.portKey());
            }
        }
        return out;
    }

    /**
     * The ports the container publishes: its {@code -p} bindings, and with {@code -P} every other exposed
     * port on a free port of the host, on all addresses, as dockerd adds them at start.
     */
    static List<PortBinding> published(Container c) {
        List<PortBinding> out = new ArrayList<>(c.hostConfig.portBindings());
        if (c.hostConfig.publishAllPorts()) {
            for (String key : exposed(c)) {
                if (out.stream().noneMatch(b -> b.portKey().equals(key))) {
                    String[] pp = key.split("/", 2);
                    out.add(new PortBinding("", 0, Integer.parseInt(pp[0]), pp.length > 1 ? pp[1] : "tcp"));
                }
            }
        }
        return out;
    }

    static List<Api.LogLine> lastLines(List<Api.LogLine> all, int n) {
        List<Api.LogLine> lines = new ArrayList<>();
        for (Api.LogLine l : all) {
            for (String part : l.text().split("(?<=\n)")) {
                lines.add(new Api.LogLine(l.stream(), l.timeMillis(), part));
            }
        }
        return n >= lines.size() ? lines : new ArrayList<>(lines.subList(lines.size() - Math.max(0, n), lines.size()));
    }

    static String time(long millis) {
        return millis == 0 ? "0001-01-01T00:00:00Z" : Instant.ofEpochMilli(millis).toString();
    }

    static Map<String, Object> inspect(Container c, Daemon d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", c.id);
        m.put("Created", time(c.created));
        m.put("Path", c.path.get(0));
        m.put("Args", c.path.subList(1, c.path.size()));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("Status", c.status.word());
        state.put("Running", c.running());
        state.put("Paused", c.status == Container.Status.PAUSED);
        state.put("Restarting", c.status == Container.Status.RESTARTING);
        state.put("OOMKilled", c.oomKilled);
        state.put("Dead", c.status == Container.Status.DEAD);
        state.put("Pid", c.pid);
        state.put("ExitCode", c.exitCode);
        state.put("Error", c.error);
        state.put("StartedAt", time(c.startedAt));
        state.put("FinishedAt", time(c.finishedAt));
        if (c.health != null) {
            state.put("Health", HealthChecks.view(c.health));
        }
        m.put("State", state);
        m.put("Image", c.image.id().toString());
        m.put("ResolvConfPath", c.dir() + "/resolv.conf");
        m.put("HostnamePath", c.dir() + "/hostname");
        m.put("HostsPath", c.dir() + "/hosts");
        m.put("LogPath", c.dir() + "/" + c.id + "-json.log");
        m.put("Name", "/" + c.name);
        m.put("RestartCount", c.restartCount);
        m.put("Driver", d.images.storage.driver.kind().id());
        m.put("Platform", "linux");
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("NetworkMode", c.mode() instanceof NetworkMode.Default ? "bridge" : c.mode().wire());
        Map<String, Object> bindings = new TreeMap<>();
        for (PortBinding b : c.hostConfig.portBindings()) {
            bindings.put(b.portKey(), List.of(ordered("HostIp", b.hostIp(), "HostPort", b.hostPort() == 0 ? "" : String.valueOf(b.hostPort()))));
        }
        host.put("PortBindings", bindings);
        List<String> links = d.links.inspect(c);
        host.put("Links", links.isEmpty() ? null : links);
        host.put("RestartPolicy", ordered("Name", c.hostConfig.restartPolicy().name(), "MaximumRetryCount", c.hostConfig.restartPolicy().maximumRetryCount()));
        host.put("AutoRemove", c.hostConfig.autoRemove());
        host.put("Binds", c.hostConfig.binds().isEmpty() ? null : c.hostConfig.binds());
        if (!c.hostConfig.tmpfs().isEmpty()) {
            host.put("Tmpfs", new TreeMap<>(c.hostConfig.tmpfs()));
        }
        if (!c.hostConfig.mounts().isEmpty()) {
            List<Object> mounts = new ArrayList<>();
            for (var mr : c.hostConfig.mounts()) {
                Map<String, Object> one = ordered("Type", mr.type(), "Source", mr.source(), "Target", mr.target());
                if (mr.readOnly()) {
                    one.put("ReadOnly", true);
                }
                mounts.add(one);
            }
            host.put("Mounts", mounts);
        }
        host.put("Memory", c.hostConfig.memory());
        host.put("NanoCpus", c.hostConfig.nanoCpus());
        host.put("PidsLimit", c.hostConfig.pidsLimit() == 0 ? null : c.hostConfig.pidsLimit());
        host.put("Privileged", c.hostConfig.privileged());
        host.put("CgroupnsMode", "private");
        host.put("PublishAllPorts", c.hostConfig.publishAllPorts());
        host.put("IpcMode", c.hostConfig.ipcMode().isEmpty() ? "private" : c.hostConfig.ipcMode());
        host.put("PidMode", c.hostConfig.pidMode());
        host.put("UTSMode", c.hostConfig.utsMode());
        host.put("UsernsMode", c.hostConfig.usernsMode());
        HostConfigView.addTo(host, c.hostConfig);
        m.put("HostConfig", host);
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("Name", d.images.storage.driver.kind().id());
        driver.put("Data", d.images.storage.driver.containerData(c.rootfs));
        m.put("GraphDriver", driver);
        List<Object> mounts = new ArrayList<>();
        for (MountPoint mp : c.mounts) {
            if (mp.listed()) {
                mounts.add(mp.view());
            }
        }
        m.put("Mounts", mounts);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Hostname", c.hostname);
        config.put("Domainname", "");
        config.put("User", c.config.user());
        config.put("AttachStdin", false);
        config.put("AttachStdout", true);
        config.put("AttachStderr", true);
        Map<String, Object> exposed = new TreeMap<>();
        for (String p : exposed(c)) {
            exposed.put(p, Map.of());
        }
        config.put("ExposedPorts", exposed.isEmpty() ? null : exposed);
        config.put("Tty", c.config.tty());
        config.put("OpenStdin", c.config.openStdin());
        config.put("StdinOnce", c.config.stdinOnce());
        config.put("Env", Lifecycle.env(c).stream().filter(e -> !e.startsWith("HOSTNAME=")).toList());
        config.put("Cmd", c.config.cmd() != null ? c.config.cmd() : c.config.entrypoint() != null ? null : c.image.config().cmd());
        dev.glassbox.image.Healthcheck check = HealthChecks.effective(c);
        if (check != null) {
            config.put("Healthcheck", HealthChecks.view(check));
        }
        config.put("Image", c.imageName);
        config.put("WorkingDir", c.config.workingDir().isEmpty() ? c.image.config().workingDir() : c.config.workingDir());
        config.put("Entrypoint", c.config.entrypoint() != null ? (c.config.entrypoint().isEmpty() ? null : c.config.entrypoint()) : c.image.config().entrypoint());
        Map<String, String> labels = new TreeMap<>(c.image.config().labels());
        labels.putAll(c.config.labels());
        config.put("Labels", labels);
        String stop = !c.config.stopSignal().isEmpty() ? c.config.stopSignal() : c.image.config().stopSignal();
        if (!stop.isEmpty()) {
            config.put("StopSignal", stop);
        }
        m.put("Config", config);
        m.put("NetworkSettings", network(c, d.networks.of(c), d));
        return m;
    }

    private static Map<String, Object> network(Container c, Network net, Daemon d) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("SandboxID", c.sandbox == null ? "" : c.sandbox.id());
        n.put("SandboxKey", c.sandbox == null ? "" : "/var/run/docker/netns/" + c.id.substring(0, 12));
        Map<String, Object> ports = new TreeMap<>();
        if (c.running()) {
            Map<String, List<Object>> bound = new TreeMap<>();
            for (NatRule r : answering(c, d.libnetwork)) {
                bound.computeIfAbsent(r.destPort() + "/" + r.proto(), k -> new ArrayList<>())
                        .add(ordered("HostIp", r.hostIp(), "HostPort", String.valueOf(r.hostPort())));
            }
            ports.putAll(bound);
            for (String p : exposed(c)) {
                ports.putIfAbsent(p, null);
            }
        }
        n.put("Ports", ports);
        boolean bridge = c.mode().defaultBridge();
        boolean up = net != null && net.bridged() && c.running();
        n.put("Gateway", bridge && up ? net.ipam().gateway : "");
        n.put("IPAddress", bridge && up ? c.ip : "");
        n.put("IPPrefixLen", bridge && up ? net.ipam().prefix : 0);
        n.put("MacAddress", bridge && up ? mac(c.ip) : "");
        Map<String, Object> nets = new LinkedHashMap<>();
        Map<String, Object> ep = new LinkedHashMap<>();
        names(ep, c, net, true);
        ep.put("NetworkID", net == null ? "" : net.id());
        ep.put("Gateway", up ? net.ipam().gateway : "");
        ep.put("IPAddress", up ? c.ip : "");
        ep.put("IPPrefixLen", up ? net.ipam().prefix : 0);
        ep.put("MacAddress", up ? mac(c.ip) : "");
        ep.put("EndpointID", c.running() ? c.endpointId : "");
        names(ep, c, net, false);
        nets.put(c.mode() instanceof NetworkMode.Joined ? "container" : c.mode().hasEndpoint() ? c.mode().network() : c.mode().wire(), ep);
        for (Endpoint e : c.endpoints) {
            Network other = d.networks.byName.get(e.network);
            boolean on = other != null && c.running() && !e.ip.isEmpty();
            Map<String, Object> one = new LinkedHashMap<>();
            names(one, c, other, true);
            one.putAll(ordered("NetworkID", other == null ? "" : other.id(), "Gateway", on ? other.ipam().gateway : "",
                    "IPAddress", on ? e.ip : "", "IPPrefixLen", on ? other.ipam().prefix : 0, "MacAddress", on ? mac(e.ip) : "",
                    "EndpointID", on ? e.endpointId : ""));
            names(one, c, other, false);
            nets.put(e.network, one);
        }
        n.put("Networks", nets);
        return n;
    }

    /** An endpoint's Links and Aliases (before its addresses) or its DNSNames (after them); null where Docker has none. */
    private static void names(Map<String, Object> ep, Container c, Network net, boolean before) {
        var settings = net == null ? null : c.endpointSettings.get(net.name());
        if (before) {
            ep.put("Links", settings == null || settings.links().isEmpty() || net.predefined() ? null : settings.links());
            ep.put("Aliases", settings == null || settings.aliases().isEmpty() ? null : settings.aliases());
        } else {
            List<String> dns = DnsNames.of(c, net);
            ep.put("DNSNames", dns.isEmpty() ? null : dns);
        }
    }

    /** A map that keeps the order its keys are given in, as Docker's JSON documents do. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static String mac(String ip) {
        if (ip == null || ip.isEmpty()) {
            return "";
        }
        int v = Ipam.parse(ip);
        return String.format("02:42:%02x:%02x:%02x:%02x", v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
    }

    /** docker logs: the kept lines of the chosen streams, the last {@code tail} of them ("all" or empty for every one). */
    static List<Api.LogLine> logs(Container c, boolean stdout, boolean stderr, String tail) {
        List<Api.LogLine> out = new ArrayList<>();
        for (Api.LogLine l : c.logs) {
            if ((l.stream() == 1 && stdout) || (l.stream() == 2 && stderr)) {
                out.add(l);
            }
        }
        if (tail != null && !tail.isEmpty() && !tail.equals("all")) {
            int n;
            try {
                n = Integer.parseInt(tail);
            } catch (NumberFormatException e) {
                throw dev.glassbox.api.DockerException.invalid("invalid value for \"tail\": " + tail);
            }
            out = lastLines(out, n);
        }
        return out;
    }
}
