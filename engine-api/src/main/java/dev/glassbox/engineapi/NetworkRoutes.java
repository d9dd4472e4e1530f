package dev.glassbox.engineapi;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.NetworkCreate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /networks/…}: list, inspect, create, connect, disconnect, remove, prune. */
final class NetworkRoutes {
    private NetworkRoutes() {}

    static List<Route> routes() {
        return List.of(
                Route.of("GET", "/networks", NetworkRoutes::list),
                Route.of("POST", "/networks/create", NetworkRoutes::create),
                Route.of("POST", "/networks/prune", c -> {
                    List<String> deleted = c.api(Api::pruneNetworks);
                    c.exchange.json(200, Map.of("NetworksDeleted", deleted));
                }),
                Route.of("GET", "/networks/{id}", c -> c.exchange.json(200, c.api(a -> a.inspectNetwork(c.path("id"))))),
                Route.of("DELETE", "/networks/{id}", c -> c.apiRun(a -> a.removeNetwork(c.path("id")))),
                Route.of("POST", "/networks/{id}/connect", c -> {
                    Body body = Body.parse(c.request.body(), "NetworkConnect", null);
                    Body ep = body.object("EndpointConfig");
                    dev.glassbox.api.EndpointSettings settings = new dev.glassbox.api.EndpointSettings(ep.strings("Aliases"), ep.strings("Links"));
                    c.apiRun(a -> a.connectNetwork(c.path("id"), body.string("Container"), settings));
                    c.exchange.send(200, null, new byte[0]);
                }),
                Route.of("POST", "/networks/{id}/disconnect", c -> {
                    String container = Body.parse(c.request.body(), "NetworkDisconnect", null).string("Container");
                    c.apiRun(a -> a.disconnectNetwork(c.path("id"), container));
                    c.exchange.send(200, null, new byte[0]);
                }));
    }

    private static void list(Call c) throws IOException {
        Filters f = Filters.parse(c.request.param("filters"));
        f.allow("driver", "id", "label", "name", "scope", "type", "dangling");
        List<Object> out = c.api(a -> {
            List<Object> nets = new ArrayList<>();
            for (Api.NetworkSummary n : a.networks()) {
                boolean builtin = List.of("bridge", "host", "none").contains(n.name());
                if (f.any("name", v -> Filters.find(v, n.name())) && f.any("id", v -> n.id().startsWith(v))
                        && f.any("driver", v -> v.equals(n.driver())) && f.any("label", v -> Filters.label(v, n.labels()))
                        && f.any("type", v -> v.equals(builtin ? "builtin" : "custom"))) {
                    nets.add(a.inspectNetwork(n.id()));
                }
            }
            return nets;
        });
        c.exchange.json(200, out);
    }

    private static void create(Call c) throws IOException {
        Body b = Body.parse(c.request.body(), "NetworkCreateRequest", "invalid JSON: EOF");
        String name = b.string("Name");
        if (name.isEmpty()) {
            throw DockerException.invalid("network name must not be empty");
        }
        String driver = b.string("Driver");
        List<Body> configs = b.object("IPAM").objects("Config");
        Body config = configs.isEmpty() ? null : configs.get(0);
        String subnet = config == null ? "" : config.string("Subnet");
        String gateway = config == null ? "" : config.string("Gateway");
        String range = config == null ? "" : config.string("IPRange");
        String id = c.api(a -> a.createNetwork(new NetworkCreate(name, driver, subnet, gateway, range, b.stringMap("Labels"), b.stringMap("Options"),
                b.bool("Attachable"))));
        c.exchange.json(201, ContainerRoutes.ordered("Id", id, "Warning", ""));
    }
}
