package dev.glassbox.client;

import dev.glassbox.api.Api.ContainerSummary;
import dev.glassbox.api.Api.PortView;
import dev.glassbox.api.DockerException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code docker ps}: the container list, its columns and the PORTS column's grouping. */
final class PsCommand {
    static final String TABLE = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
    static final Map<String, String> HEADERS = Map.ofEntries(Map.entry("ID", "CONTAINER ID"), Map.entry("Image", "IMAGE"),
            Map.entry("Command", "COMMAND"), Map.entry("CreatedAt", "CREATED AT"), Map.entry("RunningFor", "CREATED"),
            Map.entry("Ports", "PORTS"), Map.entry("State", "STATE"), Map.entry("Status", "STATUS"),
            Map.entry("Size", "SIZE"), Map.entry("Names", "NAMES"), Map.entry("Labels", "LABELS"),
            Map.entry("Mounts", "MOUNTS"), Map.entry("Networks", "NETWORKS"), Map.entry("ImageID", "IMAGE ID"));

    private PsCommand() {}

    static int run(Session s, Parsed p) {
        long last = p.bool("latest") ? 1 : p.integer("last") == null ? -1 : p.integer("last");
        boolean all = p.bool("all") || last > 0 || p.list("filter").stream().anyMatch(f -> f.startsWith("status=")); // the daemon's: a status filter lists all
        String format = p.bool("quiet") ? "{{.ID}}" : p.string("format", "");
        boolean size = p.bool("size") || (!p.bool("quiet") && !p.changed("size") && format.contains(".Size"));
        List<ContainerSummary> list = new ArrayList<>(s.api.containers(all, size));
        list.removeIf(c -> !matches(c, p.list("filter")));
        if (last > 0) {
            list.sort(Comparator.comparingLong(ContainerSummary::created).reversed());
            list = list.subList(0, (int) Math.min(last, list.size()));
        }
        boolean trunc = !p.bool("no-trunc");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ContainerSummary c : list) {
            rows.add(row(c, trunc, s.nowMillis()));
        }
        String table = size && p.bool("size") && (format.isEmpty() || format.equals("table")) ? TABLE + "\t{{.Size}}" : TABLE;
        s.out.append(Formatter.render(format, table, HEADERS, rows));
        return 0;
    }

    static Map<String, Object> row(ContainerSummary c, boolean trunc, long now) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Command", GoText.quote(trunc ? GoText.ellipsis(nz(c.command()), 20) : nz(c.command())));
        r.put("CreatedAt", Dates.goTime(c.created() * 1000));
        r.put("ID", trunc ? GoText.shortId(c.id()) : nz(c.id()));
        r.put("Image", image(c, trunc));
        r.put("Labels", labels(c.labels()));
        r.put("LocalVolumes", "0");
        r.put("Mounts", "");
        r.put("Names", names(c.names()));
        r.put("Networks", "");
        r.put("Ports", displayPorts(c.ports()));
        r.put("RunningFor", Units.humanDuration(now - c.created() * 1000) + " ago");
        r.put("Size", size(c));
        r.put("State", nz(c.state()));
        r.put("Status", nz(c.status()));
        return r;
    }

    /** The SIZE column: the writable layer's size, and all the container sees when that is known: {@code 2B (virtual 7.8MB)}. */
    static String size(ContainerSummary c) {
        long rw = c.sizeRw() == null ? 0 : c.sizeRw();
        long root = c.sizeRootFs() == null ? 0 : c.sizeRootFs();
        String srw = Units.humanSize(rw, 3);
        return root > 0 ? srw + " (virtual " + Units.humanSize(root, 3) + ")" : srw;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String image(ContainerSummary c, boolean trunc) {
        String image = nz(c.image());
        if (trunc && image.startsWith("sha256:")) {
            return GoText.shortId(image);
        }
        int at = image.indexOf("@sha256:");
        return trunc && at > 0 ? image.substring(0, at) : image;
    }

    private static String names(List<String> names) {
        List<String> out = new ArrayList<>();
        if (names != null) {
            for (String n : names) {
                String plain = GoText.stripSlash(n);
                if (!plain.contains("/")) {
                    out.add(plain);
                }
            }
        }
        return String.join(",", out);
    }

    private static String labels(Map<String, String> labels) {
        List<String> out = new ArrayList<>();
        if (labels != null) {
            new java.util.TreeMap<>(labels).forEach((k, v) -> out.add(k + "=" + v));
        }
        return String.join(",", out);
    }

    /** docker's DisplayablePorts: sorted, consecutive ports grouped into ranges, host mappings last. */
    static String displayPorts(List<PortView> ports) {
        if (ports == null || ports.isEmpty()) {
            return "";
        }
        List<PortView> sorted = new ArrayList<>(ports);
        sorted.sort(Comparator.comparingInt(PortView::privatePort).thenComparing(pv -> nz(pv.ip()))
                .thenComparingInt(pv -> pv.publicPort() == null ? 0 : pv.publicPort()).thenComparing(pv -> nz(pv.type())));
        Map<String, int[]> groups = new LinkedHashMap<>();
        List<String> result = new ArrayList<>();
        List<String> hostMappings = new ArrayList<>();
        for (PortView pv : sorted) {
            int current = pv.privatePort();
            String type = pv.type() == null || pv.type().isEmpty() ? "tcp" : pv.type();
            String key = type;
            String ip = nz(pv.ip());
            int pub = pv.publicPort() == null ? 0 : pv.publicPort();
            if (!ip.isEmpty() && pv.publicPort() != null) {
                if (pub != current) {
                    String host = ip.contains(":") ? "[" + ip + "]:" + pub : ip + ":" + pub;
                    hostMappings.add(host + "->" + current + "/" + type);
                    continue;
                }
                key = ip + "/" + type;
            }
            int[] g = groups.get(key);
            if (g == null) {
                groups.put(key, new int[] {current, current});
            } else if (current == g[1] + 1) {
                g[1] = current;
            } else {
                result.add(group(key, g[0], g[1]));
                groups.put(key, new int[] {current, current});
            }
        }
        groups.forEach((key, g) -> result.add(group(key, g[0], g[1])));
        result.addAll(hostMappings);
        return String.join(", ", result);
    }

    private static String group(String key, int first, int last) {
        int slash = key.lastIndexOf('/');
        String ip = slash >= 0 ? key.substring(0, slash) : "";
        String type = slash >= 0 ? key.substring(slash + 1) : key;
        String range = first == last ? "" + first : first + "-" + last;
        return (ip.isEmpty() ? range : ip + ":" + range + "->" + range) + "/" + type;
    }

    /** Filters with the same key are alternatives; different keys must all match. */
    private static boolean matches(ContainerSummary c, List<String> filters) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq < 0) {
                throw DockerException.invalid("invalid filter '" + f + "'");
            }
            byKey.computeIfAbsent(f.substring(0, eq), k -> new ArrayList<>()).add(f.substring(eq + 1));
        }
        for (Map.Entry<String, List<String>> e : byKey.entrySet()) {
            boolean any = false;
            for (String value : e.getValue()) {
                any |= matches(c, e.getKey(), value);
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(ContainerSummary c, String key, String value) {
        return switch (key) {
            case "name" -> names(c.names()).contains(value);
            case "id" -> nz(c.id()).startsWith(value);
            case "status" -> {
                if (!java.util.Set.of("created", "restarting", "running", "removing", "paused", "exited", "dead").contains(value)) {
                    throw DockerException.invalid("invalid filter 'status=" + value + "'");
                }
                yield nz(c.state()).equals(value);
            }
            case "exited" -> {
                try {
                    Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw DockerException.invalid("strconv.Atoi: parsing " + GoText.quote(value) + ": invalid syntax");
                }
                yield nz(c.state()).equals("exited") && nz(c.status()).startsWith("Exited (" + Integer.parseInt(value) + ")");
            }
            case "health" -> {
                if (!java.util.Set.of("starting", "healthy", "unhealthy", "none").contains(value)) {
                    throw DockerException.invalid("Unrecognised filter value for health: " + value);
                }
                yield c.health().equals(value);
            }
            case "ancestor" -> nz(c.image()).equals(value) || nz(c.image()).startsWith(value + ":");
            case "label" -> {
                int eq = value.indexOf('=');
                Map<String, String> labels = c.labels() == null ? Map.of() : c.labels();
                yield eq < 0 ? labels.containsKey(value) : value.substring(eq + 1).equals(labels.get(value.substring(0, eq)));
            }
            default -> throw DockerException.invalid("invalid filter '" + key + "'");
        };
    }
}
