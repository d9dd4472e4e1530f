package dev.glassbox.engineapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.EndpointSettings;
import dev.glassbox.api.HostConfig;
import dev.glassbox.api.LogConfig;
import dev.glassbox.api.MountRequest;
import dev.glassbox.api.NetworkingConfig;
import dev.glassbox.api.PortBinding;
import dev.glassbox.api.RestartPolicy;
import dev.glassbox.image.Healthcheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /containers/create} (Config with HostConfig and NetworkingConfig) as the engine's records. */
final class CreateBody {
    private CreateBody() {}

    record Parsed(ContainerConfig config, HostConfig host, List<String> extraNetworks, NetworkingConfig networking) {
        Parsed(ContainerConfig config, HostConfig host, List<String> extraNetworks) {
            this(config, host, extraNetworks, NetworkingConfig.NONE);
        }

        /** The endpoint settings sent for one network (aliases, links), none when it has no entry. */
        EndpointSettings endpoint(String network) {
            return networking.endpoints().getOrDefault(network, EndpointSettings.NONE);
        }
    }

    static Parsed parse(byte[] bytes) {
        Body b = Body.parse(bytes, "ContainerConfigWrapper", "Config cannot be empty in order to create a container");
        String image = b.string("Image");
        if (image.isEmpty()) {
            throw DockerException.invalid("No image was specified");
        }
        List<String> exposed = new ArrayList<>(b.keys("ExposedPorts"));
        Body h = b.object("HostConfig");
        List<PortBinding> bindings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : h.entries("PortBindings").entrySet()) {
            String[] portProto = e.getKey().split("/", 2);
            int containerPort = port(portProto[0], e.getKey());
            String proto = portProto.length > 1 ? portProto[1] : "tcp";
            if (!exposed.contains(containerPort + "/" + proto)) {
                exposed.add(containerPort + "/" + proto);
            }
            JsonNode list = e.getValue();
            if (list == null || list.isNull()) {
                continue;
            }
            for (JsonNode one : list) {
                Body pb = Body.of(one, "PortBinding");
                String hp = pb.string("HostPort");
                bindings.add(new PortBinding(pb.string("HostIp"), hp.isEmpty() ? 0 : port(hp, hp), containerPort, proto));
            }
        }
        Body rp = h.object("RestartPolicy");
        RestartPolicy restart = new RestartPolicy(rp.string("Name"), (int) rp.number("MaximumRetryCount"));
        List<MountRequest> mounts = new ArrayList<>();
        for (Body m : h.objects("Mounts")) {
            mounts.add(new MountRequest(m.string("Type"), m.string("Source"), m.string("Target"), m.bool("ReadOnly")));
        }
        ContainerConfig config = new ContainerConfig(image, b.strings("Cmd"), b.strings("Entrypoint"), b.strings("Env"),
                b.string("WorkingDir"), b.string("Hostname"), b.string("User"), exposed, b.stringMap("Labels"), b.bool("Tty"),
                b.bool("OpenStdin"), b.string("StopSignal"), b.optionalInt("StopTimeout"), b.bool("StdinOnce"), healthcheck(b));
        HostConfig host = new HostConfig(bindings, h.bool("AutoRemove"), restart, h.string("NetworkMode"), h.number("Memory"),
                h.number("PidsLimit"), h.number("NanoCpus"), h.strings("Binds"), h.bool("Privileged"), mounts, h.stringMap("Tmpfs"),
                h.string("UsernsMode"), h.string("PidMode"), h.string("UTSMode"), h.string("IpcMode"), h.bool("PublishAllPorts"),
                h.strings("VolumesFrom"), h.bool("ReadonlyRootfs"), h.strings("CapAdd"), h.strings("CapDrop"), h.string("CpusetCpus"),
                h.number("CpuShares"), h.number("MemorySwap"), new LogConfig(h.object("LogConfig").string("Type"),
                        h.object("LogConfig").stringMap("Config")));
        List<String> networks = new ArrayList<>(b.object("NetworkingConfig").keys("EndpointsConfig"));
        return new Parsed(config, host, networks, networking(b.object("NetworkingConfig"), host.networkMode(), h.strings("Links")));
    }

    /**
     * NetworkingConfig.EndpointsConfig: each network's Aliases and Links; HostConfig.Links (where the CLI puts
     * {@code --link}) join the entry of the container's own network when that entry names none.
     */
    private static NetworkingConfig networking(Body nc, String networkMode, List<String> hostLinks) {
        Map<String, EndpointSettings> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : nc.entries("EndpointsConfig").entrySet()) {
            Body ep = e.getValue() == null || e.getValue().isNull() ? Body.of(Exchange.JSON.createObjectNode(), "EndpointSettings")
                    : Body.of(e.getValue(), "EndpointSettings");
            out.put(e.getKey(), new EndpointSettings(ep.strings("Aliases"), ep.strings("Links")));
        }
        if (hostLinks != null && !hostLinks.isEmpty()) {
            EndpointSettings own = out.getOrDefault(networkMode, EndpointSettings.NONE);
            if (own.links().isEmpty()) {
                out.put(networkMode, new EndpointSettings(own.aliases(), hostLinks));
            }
        }
        return new NetworkingConfig(out);
    }

    /** Config.Healthcheck: null when absent (the image's applies); durations in nanoseconds, as the daemon checks them. */
    static Healthcheck healthcheck(Body b) {
        if (!b.has("Healthcheck")) {
            return null;
        }
        Body h = b.object("Healthcheck");
        long interval = h.number("Interval");
        long timeout = h.number("Timeout");
        long startPeriod = h.number("StartPeriod");
        long retries = h.number("Retries");
        long startInterval = h.number("StartInterval");
        for (Object[] d : new Object[][] {{"Interval", interval}, {"Timeout", timeout}, {"StartPeriod", startPeriod},
                {"StartInterval", startInterval}}) {
            long v = (Long) d[1];
            if (v != 0 && v < 1_000_000) {
                throw DockerException.invalid(d[0] + " in Healthcheck cannot be less than 1ms");
            }
        }
        if (retries < 0) {
            throw DockerException.invalid("Retries in Healthcheck cannot be negative");
        }
        List<String> test = h.strings("Test");
        return new Healthcheck(test, interval, timeout, startPeriod, (int) Math.min(retries, Integer.MAX_VALUE), startInterval);
    }

    private static int port(String s, String spec) {
        try {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw DockerException.invalid("invalid port specification: \"" + spec + "\"");
        }
    }
}
