package dev.glassbox.compose;

import dev.glassbox.api.Api;
import dev.glassbox.api.Api.ContainerSummary;
import dev.glassbox.client.ListFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code docker compose ps} (the project's containers) and {@code docker compose ls} (the projects that have containers). */
final class Listing {
    static final String PS_TABLE = "table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}";
    static final Map<String, String> PS_HEADERS = Map.ofEntries(Map.entry("ID", "CONTAINER ID"), Map.entry("Name", "NAME"),
            Map.entry("Project", "PROJECT"), Map.entry("Service", "SERVICE"), Map.entry("Image", "IMAGE"),
            Map.entry("Command", "COMMAND"), Map.entry("CreatedAt", "CREATED AT"), Map.entry("RunningFor", "CREATED"),
            Map.entry("Ports", "PORTS"), Map.entry("State", "STATE"), Map.entry("Status", "STATUS"), Map.entry("Size", "SIZE"),
            Map.entry("Labels", "LABELS"));
    static final String LS_TABLE = "table {{.Name}}\t{{.Status}}\t{{.ConfigFiles}}";
    static final Map<String, String> LS_HEADERS = Map.of("Name", "NAME", "Status", "STATUS", "ConfigFiles", "CONFIG FILES");

    private Listing() {}

    static int ps(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.bool("all", "a"), Flags.bool("quiet", "q"), Flags.value("format", ""),
                Flags.bool("services", ""), Flags.value("filter", ""), Flags.value("status", ""), Flags.bool("no-trunc", ""),
                Flags.bool("orphans", "")), true);
        if (!f.args.isEmpty()) {
            s.project().select(f.args);
        }
        List<ContainerSummary> list = s.containers(f.bool("all"), f.args);
        List<String> statuses = f.list("status");
        list.removeIf(c -> !statuses.isEmpty() && !statuses.contains(c.state()));
        if (f.bool("quiet")) {
            list.forEach(c -> s.out(c.id()));
            return 0;
        }
        if (f.bool("services")) {
            list.stream().map(Session::service).distinct().forEach(s::out);
            return 0;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ContainerSummary c : list) {
            Map<String, Object> r = new TreeMap<>(ListFormat.containerRow(c, !f.bool("no-trunc"), s.c.clock().getAsLong()));
            r.put("Name", Session.name(c));
            r.put("Project", c.labels().getOrDefault(Labels.PROJECT, ""));
            r.put("Service", Session.service(c));
            r.put("Health", "");
            r.put("ExitCode", exitCode(s, c));
            r.put("Publishers", publishers(c));
            rows.add(r);
        }
        s.c.out().accept(ListFormat.render(f.string("format", ""), PS_TABLE, PS_HEADERS, rows));
        return 0;
    }

    /** What the container exited with (0 while it runs), as Compose's summary carries it. */
    private static int exitCode(Session s, ContainerSummary c) {
        if ("running".equals(c.state())) {
            return 0;
        }
        Object state = s.api.inspectContainer(c.id()).get("State");
        return state instanceof Map<?, ?> m && m.get("ExitCode") instanceof Number n ? n.intValue() : 0;
    }

    /** Compose's PortPublishers: each port of the container, published or not. */
    private static List<Map<String, Object>> publishers(ContainerSummary c) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Api.PortView p : c.ports() == null ? List.<Api.PortView>of() : c.ports()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("URL", p.ip() == null ? "" : p.ip());
            m.put("TargetPort", p.privatePort());
            m.put("PublishedPort", p.publicPort() == null ? 0 : p.publicPort());
            m.put("Protocol", p.type());
            out.add(m);
        }
        return out;
    }

    static int ls(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.bool("all", "a"), Flags.bool("quiet", "q"), Flags.value("format", ""),
                Flags.value("filter", "")), true);
        Map<String, Map<String, Integer>> states = new TreeMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        for (ContainerSummary c : s.api.containers(true)) {
            String project = c.labels() == null ? null : c.labels().get(Labels.PROJECT);
            if (project == null) {
                continue;
            }
            states.computeIfAbsent(project, k -> new TreeMap<>()).merge(c.state(), 1, Integer::sum);
            files.putIfAbsent(project, c.labels().getOrDefault(Labels.PREFIX + "project.config_files", ""));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Integer>> e : states.entrySet()) {
            if (!f.bool("all") && !e.getValue().containsKey("running")) {
                continue;
            }
            if (f.bool("quiet")) {
                s.out(e.getKey());
                continue;
            }
            List<String> parts = new ArrayList<>();
            e.getValue().forEach((state, n) -> parts.add(state + "(" + n + ")"));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("Name", e.getKey());
            r.put("Status", String.join(", ", parts));
            r.put("ConfigFiles", files.get(e.getKey()));
            rows.add(r);
        }
        if (!f.bool("quiet")) {
            s.c.out().accept(ListFormat.render(f.string("format", ""), LS_TABLE, LS_HEADERS, rows));
        }
        return 0;
    }
}
