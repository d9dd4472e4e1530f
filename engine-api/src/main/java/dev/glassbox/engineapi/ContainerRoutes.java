package dev.glassbox.engineapi;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.kernel.ProcessInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /containers/…}: create, list, inspect, the lifecycle, top, changes, rename, resize, prune, commit. */
final class ContainerRoutes {
    private ContainerRoutes() {}

    static List<Route> routes() {
        return List.of(
                Route.of("POST", "/containers/create", ContainerRoutes::create),
                Route.of("GET", "/containers/json", ContainerRoutes::list),
                Route.of("POST", "/containers/prune", c -> {
                    Api.Pruned p = c.api(Api::pruneContainers);
                    c.exchange.json(200, Map.of("ContainersDeleted", p.deleted(), "SpaceReclaimed", p.spaceReclaimed()));
                }),
                Route.of("GET", "/containers/{id}/json", c -> c.exchange.json(200, withLogConfig(c.api(a -> a.inspectContainer(c.path("id"), c.request.flag("size")))))),
                Route.of("POST", "/containers/{id}/start", c -> c.apiRun(a -> a.start(c.path("id")))),
                Route.of("POST", "/containers/{id}/stop", c -> {
                    Integer t = c.intParam("t");
                    String signal = c.request.param("signal", "");
                    c.apiRun(a -> a.stop(c.path("id"), t, signal));
                }),
                Route.of("POST", "/containers/{id}/restart", c -> {
                    Integer t = c.intParam("t");
                    c.apiRun(a -> a.restart(c.path("id"), t));
                }),
                Route.of("POST", "/containers/{id}/kill", c -> c.apiRun(a -> a.kill(c.path("id"), c.request.param("signal", "KILL")))),
                Route.of("POST", "/containers/{id}/pause", c -> c.apiRun(a -> a.pause(c.path("id")))),
                Route.of("POST", "/containers/{id}/unpause", c -> c.apiRun(a -> a.unpause(c.path("id")))),
                Route.of("POST", "/containers/{id}/update", ContainerRoutes::update),
                Route.of("POST", "/containers/{id}/rename", c -> c.apiRun(a -> a.rename(c.path("id"), c.request.param("name", "")))),
                Route.of("POST", "/containers/{id}/resize", c -> {
                    int h = size(c, "h");
                    int w = size(c, "w");
                    c.apiRun(a -> a.resize(c.path("id"), h, w));
                    c.exchange.send(200, "text/plain; charset=utf-8", new byte[0]);
                }),
                Route.of("DELETE", "/containers/{id}", c -> c.apiRun(a -> a.remove(c.path("id"), c.request.flag("force"), c.request.flag("v")))),
                Route.of("GET", "/containers/{id}/top", ContainerRoutes::top),
                Route.of("GET", "/containers/{id}/changes", c -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (Api.Change ch : c.api(a -> a.changes(c.path("id")))) {
                        out.add(ordered("Path", ch.path(), "Kind", ch.kind()));
                    }
                    c.exchange.json(200, out);
                }),
                Route.of("POST", "/commit", ContainerRoutes::commit));
    }

    /**
     * dockerd always answers HostConfig.LogConfig ({@code {"Type":"json-file","Config":{}}}): the
     * docker SDK for Python's {@code containers.run} reads its Type to decide whether it can read the
     * logs, and fails with a KeyError without it.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withLogConfig(Map<String, Object> inspect) {
        if (inspect.get("HostConfig") instanceof Map<?, ?> host && !host.containsKey("LogConfig")) {
            Map<String, Object> h = new LinkedHashMap<>((Map<String, Object>) host);
            h.put("LogConfig", ordered("Type", "json-file", "Config", Map.of()));
            Map<String, Object> out = new LinkedHashMap<>(inspect);
            out.put("HostConfig", h);
            return out;
        }
        return inspect;
    }

    private static int size(Call c, String name) {
        Integer v = c.intParam(name);
        if (v == null || v < 0) {
            throw DockerException.invalid("invalid value for " + name + ": " + c.request.param(name, ""));
        }
        return v;
    }

    private static void create(Call c) throws java.io.IOException {
        CreateBody.Parsed p = CreateBody.parse(c.request.body());
        String name = c.request.param("name", "");
        Api.CreateResult r = c.api(a -> {
            Api.CreateResult created = a.create(name, p.config(), p.host(), p.networking());
            for (String net : p.extraNetworks()) {
                String mode = p.host().networkMode();
                if (!net.equals(mode) && !(mode.equals("default") && net.equals("bridge"))) {
                    a.connectNetwork(net, created.id(), p.endpoint(net));
                }
            }
            return created;
        });
        c.exchange.json(201, ordered("Id", r.id(), "Warnings", r.warnings() == null ? List.of() : r.warnings()));
    }

    /** docker update's body: the resources to change (0 or null when unchanged) and the restart policy. */
    private static void update(Call c) throws java.io.IOException {
        Body b = Body.parse(c.request.body(), "UpdateConfig", "empty update body");
        Body rp = b.object("RestartPolicy");
        dev.glassbox.api.RestartPolicy restart = rp.string("Name").isEmpty() ? null
                : new dev.glassbox.api.RestartPolicy(rp.string("Name"), (int) rp.number("MaximumRetryCount"));
        Long pids = b.optionalInt("PidsLimit") == null ? null : (long) b.optionalInt("PidsLimit");
        dev.glassbox.api.UpdateRequest r = new dev.glassbox.api.UpdateRequest(b.number("Memory"), b.number("MemorySwap"),
                b.number("NanoCpus"), b.number("CpuShares"), pids, restart, b.string("CpusetCpus"));
        List<String> warnings = c.api(a -> a.update(c.path("id"), r));
        c.exchange.json(200, Map.of("Warnings", warnings));
    }

    private static void list(Call c) throws java.io.IOException {
        Filters f = Filters.parse(c.request.param("filters"));
        f.allow("id", "name", "status", "label", "ancestor", "exited", "network", "volume", "before", "since", "health", "is-task",
                "publish", "expose");
        boolean all = c.request.flag("all") || f.has("status"); // moby: a status filter lists all; exited= alone does not
        Integer limit = c.intParam("limit");
        boolean size = c.request.flag("size");
        for (String h : f.get("health")) {
            if (!List.of("starting", "healthy", "unhealthy", "none").contains(h)) {
                throw DockerException.invalid("Unrecognised filter value for health: " + h);
            }
        }
        List<Api.ContainerSummary> list = c.api(a -> a.containers(all || (limit != null && limit > 0), size));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Api.ContainerSummary s : list) {
            if (containerMatches(f, s)) {
                out.add(summary(s));
            }
        }
        if (limit != null && limit > 0 && out.size() > limit) {
            out = out.subList(0, limit);
        }
        c.exchange.json(200, out);
    }

    private static boolean containerMatches(Filters f, Api.ContainerSummary s) {
        List<String> names = new ArrayList<>();
        s.names().forEach(n -> names.add(n.startsWith("/") ? n.substring(1) : n));
        return f.any("id", v -> s.id().startsWith(v))
                && f.any("name", v -> names.stream().anyMatch(n -> Filters.find(v, n)))
                && f.any("status", v -> s.state().equals(v))
                && f.any("label", v -> Filters.label(v, s.labels()))
                && f.any("ancestor", v -> s.image().equals(v) || s.image().startsWith(v + ":") || s.imageId().startsWith(v)
                        || s.imageId().startsWith("sha256:" + v))
                && f.any("exited", v -> s.state().equals("exited") && s.status().startsWith("Exited (" + v + ")"))
                && f.any("health", v -> s.health().equals(v));
    }

    static Map<String, Object> summary(Api.ContainerSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", s.id());
        m.put("Names", s.names());
        m.put("Image", s.image());
        m.put("ImageID", s.imageId());
        m.put("Command", s.command());
        m.put("Created", s.created());
        List<Map<String, Object>> ports = new ArrayList<>();
        for (Api.PortView p : s.ports()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            if (p.publicPort() != null) {
                pm.put("IP", p.ip() == null || p.ip().isEmpty() ? "0.0.0.0" : p.ip());
            }
            pm.put("PrivatePort", p.privatePort());
            if (p.publicPort() != null) {
                pm.put("PublicPort", p.publicPort());
            }
            pm.put("Type", p.type());
            ports.add(pm);
        }
        m.put("Ports", ports);
        if (s.sizeRw() != null) {
            m.put("SizeRw", s.sizeRw());
            m.put("SizeRootFs", s.sizeRootFs());
        }
        m.put("Labels", s.labels() == null ? Map.of() : s.labels());
        m.put("State", s.state());
        m.put("Status", s.status());
        m.put("HostConfig", Map.of("NetworkMode", "bridge"));
        m.put("NetworkSettings", Map.of("Networks", Map.of()));
        m.put("Mounts", List.of());
        return m;
    }

    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private static void top(Call c) throws java.io.IOException {
        List<ProcessInfo> procs = c.api(a -> a.top(c.path("id")));
        List<List<String>> rows = new ArrayList<>();
        for (ProcessInfo pi : procs) {
            int hostPid = pi.nsPids().isEmpty() ? pi.pid() : pi.nsPids().get(0);
            rows.add(List.of(pi.uid() == 0 ? "root" : String.valueOf(pi.uid()), String.valueOf(hostPid), String.valueOf(pi.ppid()), "0",
                    HM.format(Instant.ofEpochMilli(pi.startMillis())), "?", "00:00:00", pi.command() == null ? "" : pi.command()));
        }
        c.exchange.json(200, ordered("Titles", List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"), "Processes", rows));
    }

    private static void commit(Call c) throws java.io.IOException {
        Body.parse(c.request.body(), "Config", null); // a malformed config is a 400; its fields are not simulated (-c comes as changes)
        String repo = c.request.param("repo", "");
        String tag = c.request.param("tag", "");
        String reference = repo.isEmpty() ? "" : tag.isEmpty() ? repo : repo + ":" + tag;
        List<String> changes = c.request.query().getOrDefault("changes", List.of());
        Api.CommitOptions o = new Api.CommitOptions(reference, c.request.param("comment", ""), c.request.param("author", ""),
                changes, !c.request.param("pause", "true").equals("false") && !c.request.param("pause", "1").equals("0"));
        String id = c.api(a -> a.commit(c.request.param("container", ""), o));
        c.exchange.json(201, Map.of("Id", id));
    }

    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
