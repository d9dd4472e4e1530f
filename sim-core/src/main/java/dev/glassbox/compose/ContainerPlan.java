package dev.glassbox.compose;

import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.EndpointSettings;
import dev.glassbox.api.GoDuration;
import dev.glassbox.api.HostConfig;
import dev.glassbox.api.MountRequest;
import dev.glassbox.api.NetworkingConfig;
import dev.glassbox.api.PortBinding;
import dev.glassbox.api.RestartPolicy;
import dev.glassbox.image.Healthcheck;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A service made the create request of one of its containers: its config, its host config, its networks. */
record ContainerPlan(String name, ContainerConfig config, HostConfig hostConfig, NetworkingConfig networking,
                     Map<String, EndpointSettings> extraNetworks) {
    static String containerName(Project p, Service s, int number) {
        return s.containerName().isEmpty() ? p.name() + "-" + s.name() + "-" + number : s.containerName();
    }

    /** The engine names of the service's networks, the first one the container is created on. */
    static List<String> networks(Project p, Service s) {
        List<String> out = new ArrayList<>();
        if (!s.networkMode().isEmpty()) {
            return out;
        }
        if (s.networks().isEmpty()) {
            out.add(p.networks().get("default").name());
        }
        for (String key : s.networks().keySet()) {
            out.add(p.networks().get(key).name());
        }
        return out;
    }

    static ContainerPlan of(Project p, Service s, int number, String imageId) {
        return of(p, s, number, imageId, true, false, Map.of());
    }

    /** {@code aliases}: whether the service's name and aliases are the container's on its networks (a one-off's only with --use-aliases). */
    static ContainerPlan of(Project p, Service s, int number, String imageId, boolean aliases, boolean autoRemove,
                            Map<String, String> extraLabels) {
        List<String> env = new ArrayList<>();
        s.environment().forEach((k, v) -> env.add(k + "=" + v));
        Set<String> exposed = new LinkedHashSet<>();
        for (String e : s.expose()) {
            exposed.add(e.contains("/") ? e : e + "/tcp");
        }
        List<PortBinding> bindings = new ArrayList<>();
        for (PortSpec port : s.ports()) {
            exposed.add(port.target() + "/" + port.protocol());
            int host = port.published().isEmpty() ? 0 : parsePort(port.published());
            bindings.add(new PortBinding(port.hostIp(), host, port.target(), port.protocol()));
        }
        Map<String, String> labels = Labels.container(p, s, number, imageId);
        labels.putAll(extraLabels);
        ContainerConfig config = new ContainerConfig(s.imageFor(p.name()), s.command(), s.entrypoint(), env, s.workingDir(),
                s.hostname(), s.user(), new ArrayList<>(exposed), labels, s.tty(), s.stdinOpen(), s.stopSignal(), null)
                .withHealthcheck(healthcheck(s));
        List<String> binds = new ArrayList<>();
        List<MountRequest> mounts = new ArrayList<>();
        Map<String, String> tmpfs = new java.util.LinkedHashMap<>();
        for (MountSpec m : s.volumes()) {
            switch (m.type()) {
                case "bind" -> binds.add(m.source() + ":" + m.target() + (m.readOnly() ? ":ro" : ""));
                case "tmpfs" -> tmpfs.put(m.target(), "");
                default -> mounts.add(new MountRequest("volume", m.source().isEmpty() ? "" : p.volumes().get(m.source()).name(),
                        m.target(), m.readOnly()));
            }
        }
        List<String> nets = networks(p, s);
        String mode = !s.networkMode().isEmpty() ? s.networkMode() : nets.get(0);
        RestartPolicy restart = s.restart().isEmpty() ? RestartPolicy.NO : RestartPolicy.parse(s.restart());
        HostConfig host = new HostConfig(bindings, autoRemove, restart, mode, 0, 0, 0, binds, s.privileged(), mounts, tmpfs, null, null,
                null, null);
        Map<String, EndpointSettings> endpoints = new java.util.LinkedHashMap<>();
        for (String net : nets) {
            endpoints.put(net, new EndpointSettings(aliases ? aliases(p, s, net) : List.of(), List.of()));
        }
        NetworkingConfig first = nets.isEmpty() ? NetworkingConfig.NONE : NetworkingConfig.of(nets.get(0), endpoints.remove(nets.get(0)));
        return new ContainerPlan(containerName(p, s, number), config, host, first, endpoints);
    }

    /** The names the container answers to on a network besides its own: its service's, then the aliases the file gives there. */
    static List<String> aliases(Project p, Service s, String network) {
        List<String> out = new ArrayList<>(List.of(s.name()));
        s.networks().forEach((key, aliases) -> {
            if (p.networks().get(key).name().equals(network)) {
                out.addAll(aliases);
            }
        });
        return out;
    }

    /** The service's healthcheck in the create request's form (null: the image's); {@code disable} is Docker's {@code NONE}. */
    static Healthcheck healthcheck(Service s) {
        HealthSpec h = s.healthcheck();
        if (h == null) {
            return null;
        }
        if (h.disable()) {
            return new Healthcheck(List.of("NONE"), 0, 0, 0, 0);
        }
        String path = "services." + s.name() + ".healthcheck.";
        return new Healthcheck(h.test(), nanos(h.interval(), path + "interval"), nanos(h.timeout(), path + "timeout"),
                nanos(h.startPeriod(), path + "start_period"), h.retries() == null ? 0 : h.retries());
    }

    private static long nanos(String duration, String path) {
        if (duration.isEmpty()) {
            return 0;
        }
        try {
            return GoDuration.parse(duration);
        } catch (RuntimeException e) {
            throw new ComposeException(path + " must be a valid duration: " + e.getMessage());
        }
    }

    private static int parsePort(String published) {
        try {
            return Integer.parseInt(published);
        } catch (NumberFormatException e) {
            throw ComposeException.unsupported("a published port range or name (" + published + ")");
        }
    }
}
