package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.EndpointSettings;
import dev.glassbox.api.NetworkMode;
import dev.glassbox.api.NetworkingConfig;
import dev.glassbox.api.HostConfig;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * docker create: the name checked, settings glassbox cannot carry out refused, the container's
 * layers made and its record kept, nothing running yet.
 */
final class Creations {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    private final Daemon d;

    Creations(Daemon d) {
        this.d = d;
    }

    Api.CreateResult create(String name, ContainerConfig config, HostConfig hostConfig) {
        return create(name, config, hostConfig, NetworkingConfig.NONE);
    }

    Api.CreateResult create(String name, ContainerConfig config, HostConfig hostConfig, NetworkingConfig networking) {
        if (name != null && !name.isEmpty()) {
            String n = name.startsWith("/") ? name.substring(1) : name;
            if (!NAME.matcher(n).matches()) {
                throw DockerException.invalid("Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
            }
            Container existing = d.containers.get(n);
            if (existing != null) {
                throw DockerException.conflict("Conflict. The container name \"/" + n + "\" is already in use by container \"" + existing.id
                        + "\". You have to remove (or rename) that container to be able to reuse that name.");
            }
        }
        if (d.containers.size() >= Daemon.MAX_CONTAINERS) {
            throw DockerException.limit("glassbox holds at most " + Daemon.MAX_CONTAINERS + " containers; remove some first");
        }
        List<String> warnings = new ArrayList<>();
        HostConfig hc = HostSettings.forCreate(hostConfig == null ? HostConfig.defaults() : hostConfig, d.kernel.info().cpus(),
                d.tasks.features(), warnings);
        refuseUnsupported(config, hc);
        d.mountPlanner.validate(hc);
        EndpointSettings own = ownEndpoint(hc, networking == null ? NetworkingConfig.NONE : networking);
        Images.Stored stored = d.images.find(config.image()).orElseThrow(() -> DockerException.noSuchImage(Images.familiar(config.image())));
        try (Tracer.Span s = d.tracer.open(Layer.DAEMON, null, "create container", name == null ? "" : name,
                "The daemon records a new container: its configuration, a name, and a writable layer on top of the image's layers.", "")) {
            d.networks.check(hc.mode(), d, config.labels() != null && config.labels().containsKey("com.docker.swarm.task.id"));
            List<String> path = Lifecycle.command(config, stored.image());
            if (path.isEmpty()) {
                throw DockerException.invalid("no command specified");
            }
            String id = d.randomHex(32);
            String n = name == null || name.isEmpty() ? uniqueName() : (name.startsWith("/") ? name.substring(1) : name);
            List<MountPoint> mounts = d.mountPlanner.plan(hc);
            dev.glassbox.daemon.storage.Rootfs rootfs = d.images.storage.createContainerLayers(stored.chain());
            // --network host: the host's name, copied into the container's own UTS namespace (--uts host shares the namespace itself)
            String hostname = config.hostname().isEmpty() ? (hc.mode() instanceof NetworkMode.Host ? d.kernel.info().hostname() : id.substring(0, 12))
                    : config.hostname();
            Container c = new Container(id, n, d.now(), config, hc, stored.image(), config.image(), path, rootfs, hostname);
            c.layout = d.layout;
            c.mounts = List.copyOf(mounts);
            Network net = d.networks.of(c);
            if (net != null && !own.isEmpty()) {
                c.endpointSettings.put(net.name(), own);
            }
            d.containers.put(n, c);
            d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
            d.events.container(c, "create");
            d.kernel.fs().mkdirs(c.dir());
            d.tracer.did(Layer.DAEMON, null, "container created", n, "Container " + id.substring(0, 12) + " is stored as created: nothing runs yet.",
                    "mkdir " + c.dir());
            return new Api.CreateResult(id, List.copyOf(warnings));
        }
    }

    /**
     * The endpoint settings for the container's own network (the CLI keys them by what {@code --network}
     * said, {@code default} when nothing): aliases only where the embedded DNS serves them, on a
     * user-defined network, as the daemon's validateEndpointSettings says.
     */
    private EndpointSettings ownEndpoint(HostConfig hc, NetworkingConfig networking) {
        EndpointSettings own = EndpointSettings.NONE;
        for (var e : networking.endpoints().entrySet()) {
            String key = e.getKey();
            NetworkMode keyMode = NetworkMode.parse(key);
            boolean mine = key.equals(hc.networkMode()) || (keyMode.defaultBridge() && hc.mode().defaultBridge());
            if (!mine) {
                continue; // another network: the API's client connects it after create
            }
            d.links.validate(hc.mode(), e.getValue());
            if (!e.getValue().aliases().isEmpty() && (!keyMode.hasEndpoint() || keyMode.defaultBridge())) {
                throw DockerException.invalid("invalid config for network " + key + ": invalid endpoint settings:\n"
                        + "network-scoped alias is supported only for containers in user defined networks");
            }
            own = e.getValue();
        }
        return own;
    }

    /** Settings the engine cannot carry out yet are refused in one line rather than ignored. */
    private static void refuseUnsupported(ContainerConfig config, HostConfig hc) {
        if (hc.pidMode().startsWith("container:") || hc.ipcMode().startsWith("container:")) {
            throw DockerException.unsupported("glassbox: joining another container's PID or IPC namespace (--pid/--ipc container:NAME) is not supported yet");
        }
        if (hc.sharesHost("uts") && !config.hostname().isEmpty()) {
            throw DockerException.invalid("conflicting options: hostname and the UTS mode");
        }
        dev.glassbox.image.Healthcheck h = config.healthcheck();
        if (h != null) {
            for (Object[] d : new Object[][] {{"Interval", h.intervalNanos()}, {"Timeout", h.timeoutNanos()}, {"StartPeriod", h.startPeriodNanos()},
                    {"StartInterval", h.startIntervalNanos()}}) {
                long v = (Long) d[0 + 1];
                if (v != 0 && v < 1_000_000) {
                    throw DockerException.invalid(d[0] + " in Healthcheck cannot be less than 1ms");
                }
            }
        }
    }

    private String uniqueName() {
        for (int i = 0; i < 100; i++) {
            String n = Names.generate(d::randomInt);
            if (!d.containers.containsKey(n)) {
                return n;
            }
        }
        return Names.generate(d::randomInt) + "_" + d.randomHex(2);
    }
}
