package dev.glassbox.engineapi;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /volumes/…}: list, create, inspect, remove, prune. */
final class VolumeRoutes {
    private VolumeRoutes() {}

    static List<Route> routes() {
        return List.of(
                Route.of("GET", "/volumes", VolumeRoutes::list),
                Route.of("POST", "/volumes/create", VolumeRoutes::create),
                Route.of("POST", "/volumes/prune", c -> {
                    Filters f = Filters.parse(c.request.param("filters"));
                    f.allow("all", "label");
                    boolean all = f.get("all").contains("true") || f.get("all").contains("1");
                    Api.Pruned p = c.api(a -> a.pruneVolumes(all));
                    c.exchange.json(200, ContainerRoutes.ordered("VolumesDeleted", p.deleted(), "SpaceReclaimed", p.spaceReclaimed()));
                }),
                Route.of("GET", "/volumes/{name}", c -> c.exchange.json(200, c.api(a -> a.inspectVolume(c.path("name"))))),
                Route.of("DELETE", "/volumes/{name}", c -> c.apiRun(a -> a.removeVolume(c.path("name"), c.request.flag("force")))));
    }

    static Map<String, Object> shape(Api.Volume v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("CreatedAt", java.time.Instant.ofEpochMilli(v.createdAt()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        m.put("Driver", v.driver());
        m.put("Labels", v.labels() == null ? Map.of() : v.labels());
        m.put("Mountpoint", v.mountpoint());
        m.put("Name", v.name());
        m.put("Options", Map.of());
        m.put("Scope", v.scope());
        return m;
    }

    private static void list(Call c) throws IOException {
        Filters f = Filters.parse(c.request.param("filters"));
        f.allow("dangling", "driver", "label", "name");
        List<Object> out = new ArrayList<>();
        for (Api.Volume v : c.api(Api::volumes)) {
            if (f.any("name", n -> Filters.find(n, v.name())) && f.any("driver", d -> d.equals(v.driver()))
                    && f.any("label", l -> Filters.label(l, v.labels()))) {
                out.add(shape(v));
            }
        }
        c.exchange.json(200, ContainerRoutes.ordered("Volumes", out, "Warnings", List.of()));
    }

    private static void create(Call c) throws IOException {
        Body b = Body.parse(c.request.body(), "VolumeCreateBody", null);
        String driver = b.string("Driver");
        String name = b.string("Name");
        Api.Volume v = c.api(a -> a.createVolume(name, driver, b.stringMap("Labels")));
        c.exchange.json(201, shape(v));
    }
}
