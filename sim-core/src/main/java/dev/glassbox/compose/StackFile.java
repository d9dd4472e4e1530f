package dev.glassbox.compose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.client.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A compose file read for {@code docker stack deploy}: the same loader, interpolation and checks as Compose, then
 * each service as the swarm runs it ({@code STACK_SERVICE}, {@code deploy.replicas}, {@code deploy.update_config
 * .parallelism}, published ports, its networks as {@code STACK_NETWORK} overlays). What a swarm service cannot do
 * (build, restart, privileged, network_mode) is named in the CLI's warning and left out.
 */
public final class StackFile {
    /** A published port of a service: the routing mesh's {@code published} to the tasks' {@code target}. */
    public record Port(int published, int target, String proto) {}

    public record StackService(String key, String name, String image, List<String> args, int replicas, int parallelism,
                               List<Port> ports, List<String> networks) {
        public StackService {
            args = List.copyOf(args);
            ports = List.copyOf(ports);
            networks = List.copyOf(networks);
        }
    }

    public record StackNetwork(String name, boolean external, boolean attachable, Map<String, String> labels) {
        public StackNetwork {
            labels = Map.copyOf(labels);
        }
    }

    public record Stack(String name, List<StackService> services, List<StackNetwork> networks) {
        public Stack {
            services = List.copyOf(services);
            networks = List.copyOf(networks);
        }
    }

    /** The failure in the CLI's words. */
    public static final class StackFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StackFileException(String message) {
            super(message, null, false, false);
        }
    }

    private StackFile() {}

    /** Reads {@code file} (relative to the workspace's directory) as the stack {@code name}; warnings go to {@code warn}. */
    public static Stack load(Workspace files, String file, String name, Consumer<String> warn) {
        try {
            ProjectLoader loader = new ProjectLoader(files, warn, true);
            ProjectLoader.Options o = new ProjectLoader.Options(List.of(file), name, "", "");
            Project p = loader.load(o);
            JsonNode raw = YamlReader.read(loader.read(loader.file(o))).path("services");
            Set<String> unsupported = new java.util.TreeSet<>();
            List<StackService> services = new ArrayList<>();
            for (Service s : p.services().values()) {
                if (s.build() != null) {
                    unsupported.add("build");
                }
                if (!s.restart().isEmpty()) {
                    unsupported.add("restart");
                }
                if (s.privileged()) {
                    unsupported.add("privileged");
                }
                if (!s.networkMode().isEmpty()) {
                    unsupported.add("network_mode");
                }
                if (s.image().isEmpty()) {
                    throw new StackFileException("failed to create service " + name + "_" + s.name() + ": Error response from daemon: rpc error:"
                            + " code = InvalidArgument desc = ContainerSpec: image reference must be provided");
                }
                JsonNode deploy = raw.path(s.name()).path("deploy");
                deploy.fieldNames().forEachRemaining(k -> {
                    if (!Set.of("replicas", "update_config", "mode").contains(k)) {
                        throw ComposeException.unsupported("services." + s.name() + ".deploy." + k);
                    }
                });
                deploy.path("update_config").fieldNames().forEachRemaining(k -> {
                    if (!k.equals("parallelism")) {
                        throw ComposeException.unsupported("services." + s.name() + ".deploy.update_config." + k);
                    }
                });
                if (!deploy.path("mode").asText("replicated").equals("replicated")) {
                    throw ComposeException.unsupported("services." + s.name() + ".deploy.mode " + deploy.path("mode").asText());
                }
                int replicas = deploy.path("replicas").asInt(1);
                int parallelism = deploy.path("update_config").path("parallelism").asInt(1);
                List<Port> ports = new ArrayList<>();
                for (PortSpec ps : s.ports()) {
                    if (ps.published().isEmpty() || !ps.published().matches("\\d{1,5}")) {
                        throw ComposeException.unsupported("services." + s.name() + ".ports: a port without one published port in a stack");
                    }
                    ports.add(new Port(Integer.parseInt(ps.published()), ps.target(), ps.protocol().isEmpty() ? "tcp" : ps.protocol()));
                }
                List<String> nets = new ArrayList<>();
                (s.networks().isEmpty() ? List.of("default") : List.copyOf(s.networks().keySet()))
                        .forEach(k -> nets.add(p.networks().get(k).name()));
                services.add(new StackService(s.name(), name + "_" + s.name(), s.image(), s.command() == null ? List.of() : s.command(),
                        replicas, parallelism, ports, nets));
            }
            if (!unsupported.isEmpty()) {
                warn.accept("Ignoring unsupported options: " + String.join(", ", unsupported) + "\n\n");
            }
            JsonNode rawNets = YamlReader.read(loader.read(loader.file(o))).path("networks");
            List<StackNetwork> networks = new ArrayList<>();
            for (NetworkDef n : p.networks().values()) {
                networks.add(new StackNetwork(n.name(), n.external(), rawNets.path(n.key()).path("attachable").asBoolean(false), n.labels()));
            }
            return new Stack(name, services, networks);
        } catch (ComposeException e) {
            throw new StackFileException(e.getMessage());
        }
    }
}
