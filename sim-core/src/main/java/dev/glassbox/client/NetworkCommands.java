package dev.glassbox.client;

import dev.glassbox.api.NetworkCreate;
import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code docker network create|ls|inspect|rm}. */
final class NetworkCommands {
    static final String TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";
    static final Map<String, String> HEADERS = Map.of("ID", "NETWORK ID", "Name", "NAME", "Driver", "DRIVER", "Scope", "SCOPE",
            "CreatedAt", "CREATED AT", "Labels", "LABELS");

    private NetworkCommands() {}

    static int create(Session s, Parsed p) {
        String driver = p.string("driver", "bridge");
        List<String> subnets = new ArrayList<>();
        p.list("subnet").forEach(v -> subnets.addAll(List.of(v.split(","))));
        if (subnets.size() > 1) {
            throw new UsageException("glassbox: one --subnet per network is supported", 1);
        }
        List<String> gateways = p.list("gateway");
        List<String> ranges = p.list("ip-range");
        if (subnets.isEmpty() && (!gateways.isEmpty() || !ranges.isEmpty())) {
            throw new UsageException("every ip-range or gateway must have a corresponding subnet", 1);
        }
        if (gateways.size() > 1 || ranges.size() > 1) {
            throw new UsageException(gateways.size() > 1 ? "cannot configure multiple gateways (" + String.join(", ", gateways.subList(0, 2))
                    + ") for the same subnet (" + subnets.get(0) + ")" : "cannot configure multiple ranges (" + String.join(", ", ranges.subList(0, 2))
                    + ") on the same subnet (" + subnets.get(0) + ")", 1);
        }
        String id = s.api.createNetwork(new NetworkCreate(p.args.get(0), driver, subnets.isEmpty() ? "" : subnets.get(0),
                gateways.isEmpty() ? "" : gateways.get(0), ranges.isEmpty() ? "" : ranges.get(0),
                RunOptions.labels(p.list("label")), RunOptions.labels(p.list("opt")), p.bool("attachable")));
        s.out(id);
        return 0;
    }

    static int ls(Session s, Parsed p) {
        if (!p.list("filter").isEmpty()) {
            throw new UsageException("glassbox: 'docker network ls --filter' is not supported yet", 1);
        }
        boolean trunc = !p.bool("no-trunc");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Api.NetworkSummary n : s.api.networks()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("CreatedAt", Dates.goTime(n.created()));
            r.put("Driver", n.driver());
            r.put("ID", trunc ? GoText.shortId(n.id()) : n.id());
            List<String> labels = new ArrayList<>();
            n.labels().forEach((k, v) -> labels.add(k + "=" + v));
            r.put("Labels", String.join(",", labels));
            r.put("Name", n.name());
            r.put("Scope", n.scope());
            rows.add(r);
        }
        rows.sort((a, b) -> String.valueOf(a.get("Name")).compareTo(String.valueOf(b.get("Name"))));
        String format = p.bool("quiet") ? "{{.ID}}" : p.string("format", "");
        s.out.append(Formatter.render(format, TABLE, HEADERS, rows));
        return 0;
    }

    static int inspect(Session s, Parsed p) {
        return InspectCommand.print(s, p, s.api::inspectNetwork);
    }

    static int rm(Session s, Parsed p) {
        int status = 0;
        for (String name : p.args) {
            try {
                s.api.removeNetwork(name);
                s.out(name);
            } catch (DockerException e) {
                if (p.bool("force") && Session.notFound(e)) {
                    continue;
                }
                s.err(Session.daemonError(e));
                status = 1;
            }
        }
        return status;
    }

    static int prune(Session s, Parsed p) {
        if (!p.list("filter").isEmpty()) {
            throw new UsageException("glassbox: 'docker network prune --filter' is not supported yet", 1);
        }
        if (!p.bool("force") && !Prompt.confirm(s, "WARNING! This will remove all custom networks not used by at least one container.\n"
                + "Are you sure you want to continue?")) {
            return 0;
        }
        List<String> deleted = s.api.pruneNetworks();
        if (!deleted.isEmpty()) {
            s.out("Deleted Networks:");
            deleted.forEach(s::out);
            s.out("");
        }
        return 0;
    }
}
