package dev.glassbox.client;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code docker volume create|ls|inspect|rm|prune}. */
final class VolumeCommands {
    static final String TABLE = "table {{.Driver}}\t{{.Name}}";
    static final Map<String, String> HEADERS = Map.of("Driver", "DRIVER", "Name", "VOLUME NAME", "Scope", "SCOPE",
            "Mountpoint", "MOUNTPOINT", "Labels", "LABELS", "CreatedAt", "CREATED AT");

    private VolumeCommands() {}

    static int create(Session s, Parsed p) {
        String name = p.args.isEmpty() ? "" : p.args.get(0);
        Api.Volume v = s.api.createVolume(name, p.string("driver", "local"), RunOptions.labels(p.list("label")));
        s.out(v.name());
        return 0;
    }

    static int ls(Session s, Parsed p) {
        if (!p.list("filter").isEmpty()) {
            throw new UsageException("glassbox: 'docker volume ls --filter' is not supported yet", 1);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Api.Volume v : s.api.volumes()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("CreatedAt", Dates.goTime(v.createdAt()));
            r.put("Driver", v.driver());
            List<String> labels = new ArrayList<>();
            v.labels().forEach((k, val) -> labels.add(k + "=" + val));
            r.put("Labels", String.join(",", labels));
            r.put("Mountpoint", v.mountpoint());
            r.put("Name", v.name());
            r.put("Scope", v.scope());
            rows.add(r);
        }
        String format = p.bool("quiet") ? "{{.Name}}" : p.string("format", "");
        s.out.append(Formatter.render(format, TABLE, HEADERS, rows));
        return 0;
    }

    static int inspect(Session s, Parsed p) {
        return InspectCommand.print(s, p, s.api::inspectVolume);
    }

    static int rm(Session s, Parsed p) {
        int status = 0;
        for (String name : p.args) {
            try {
                s.api.removeVolume(name, p.bool("force"));
                s.out(name);
            } catch (DockerException e) {
                s.err(Session.daemonError(e));
                status = 1;
            }
        }
        return status;
    }

    static int prune(Session s, Parsed p) {
        if (!p.list("filter").isEmpty()) {
            throw new UsageException("glassbox: 'docker volume prune --filter' is not supported yet", 1);
        }
        boolean all = p.bool("all");
        if (!p.bool("force") && !Prompt.confirm(s, "WARNING! This will remove " + (all ? "all" : "anonymous")
                + " local volumes not used by at least one container.\nAre you sure you want to continue?")) {
            return 0;
        }
        Api.Pruned r = s.api.pruneVolumes(all);
        if (!r.deleted().isEmpty()) {
            s.out("Deleted Volumes:");
            r.deleted().forEach(s::out);
            s.out("");
        }
        s.out("Total reclaimed space: " + Units.humanSize(r.spaceReclaimed(), 3));
        return 0;
    }
}
