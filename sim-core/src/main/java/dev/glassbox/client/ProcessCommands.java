package dev.glassbox.client;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.kernel.ProcessInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code docker top} (ps -ef columns) and {@code docker stats}: one reading, or followed at a console ({@link StatsFollow}). */
final class ProcessCommands {
    static final String STATS_TABLE =
            "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";
    static final Map<String, String> STATS_HEADERS = Map.of("ID", "CONTAINER ID", "Container", "CONTAINER", "Name", "NAME",
            "CPUPerc", "CPU %", "MemUsage", "MEM USAGE / LIMIT", "MemPerc", "MEM %", "NetIO", "NET I/O", "BlockIO",
            "BLOCK I/O", "PIDs", "PIDS");

    private ProcessCommands() {}

    static int top(Session s, Parsed p) {
        List<ProcessInfo> procs = s.api.top(p.args.get(0));
        Table t = new Table(20, 3).row(TopRows.TITLES);
        for (ProcessInfo pi : procs) {
            t.row(TopRows.of(pi));
        }
        s.out.append(t);
        return 0;
    }

    static int stats(Session s, Parsed p) {
        List<String> errors = new ArrayList<>();
        String table = statsTable(s, p, errors);
        if (!errors.isEmpty()) {
            errors.forEach(s::err);
            return 1;
        }
        if (p.bool("no-stream")) {
            s.out.append(table);
            return 0;
        }
        if (s.console == null) {
            s.out.append(table);
            s.err("glassbox: docker stats stops here: the containers run on and their usage later is not followed");
            return 0;
        }
        return new StatsFollow(s, () -> statsTable(s, p, new ArrayList<>())).run();
    }

    /** The table of one reading: the containers named, or those running (all with -a); what failed goes to {@code errors}. */
    static String statsTable(Session s, Parsed p, List<String> errors) {
        List<String> targets = new ArrayList<>(p.args);
        if (targets.isEmpty()) {
            for (Api.ContainerSummary c : s.api.containers(p.bool("all"))) {
                targets.add(c.id());
            }
        }
        boolean trunc = !p.bool("no-trunc");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String target : targets) {
            try {
                rows.add(row(target, s.api.stats(target), trunc));
            } catch (DockerException e) {
                errors.add(Session.daemonError(e));
            }
        }
        return Formatter.render(p.string("format", ""), STATS_TABLE, STATS_HEADERS, rows);
    }

    private static Map<String, Object> row(String target, Api.Stats st, boolean trunc) {
        Map<String, Object> r = new LinkedHashMap<>();
        String id = st.id() == null ? target : st.id();
        r.put("BlockIO", "0B / 0B");
        r.put("CPUPerc", percent(st.cpuPercent()));
        r.put("Container", target);
        r.put("ID", trunc ? GoText.shortId(id) : id);
        r.put("MemPerc", percent(st.memoryLimit() > 0 ? st.memoryUsage() * 100.0 / st.memoryLimit() : 0));
        r.put("MemUsage", Units.bytesSize(st.memoryUsage()) + " / " + Units.bytesSize(st.memoryLimit()));
        r.put("Name", GoText.stripSlash(st.name()));
        r.put("NetIO", Units.humanSize(st.rxBytes(), 3) + " / " + Units.humanSize(st.txBytes(), 3));
        r.put("PIDs", String.valueOf(st.pids()));
        return r;
    }

    /** Go's "%.2f%%": round half to even on the exact binary value. */
    static String percent(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "0.00%";
        }
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }
}
