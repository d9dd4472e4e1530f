package dev.glassbox.compose;

import dev.glassbox.api.Api;
import dev.glassbox.api.Api.ContainerSummary;
import dev.glassbox.client.Table;
import dev.glassbox.client.TopRows;
import dev.glassbox.client.Units;
import dev.glassbox.image.ImageRef;
import dev.glassbox.kernel.ProcessInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code docker compose top}, {@code images} and {@code port}: what the daemon says of the project's containers, in Compose's tables. */
final class Views {
    private Views() {}

    static int top(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(), true);
        List<ContainerSummary> containers = new ArrayList<>(s.containers(false, f.args, true));
        containers.sort(Comparator.comparing(Session::name));
        Table table = new Table(4, 2);
        List<String> header = new ArrayList<>(List.of("SERVICE", "#"));
        header.addAll(TopRows.TITLES);
        table.row(header);
        boolean any = false;
        for (ContainerSummary c : containers) {
            for (ProcessInfo pi : s.api.top(c.id())) {
                List<String> row = new ArrayList<>(List.of(Session.service(c), c.labels().getOrDefault(Labels.NUMBER, "")));
                row.addAll(TopRows.of(pi));
                table.row(row);
                any = true;
            }
        }
        if (any) {
            s.c.out().accept(table.toString());
        }
        return 0;
    }

    static int images(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.value("format", ""), Flags.bool("quiet", "q")), true);
        String format = f.string("format", "table");
        if (!format.equalsIgnoreCase("table") && !format.equalsIgnoreCase("pretty") && !format.isEmpty()) {
            throw ComposeException.unsupported("docker compose images --format " + format);
        }
        List<ContainerSummary> containers = new ArrayList<>(s.containers(true, f.args, true));
        if (f.bool("quiet")) {
            Set<String> ids = new LinkedHashSet<>();
            for (ContainerSummary c : containers) {
                ids.add(id(s.api.inspectImage(c.image())).replaceFirst("^sha256:", ""));
            }
            ids.forEach(s::out);
            return 0;
        }
        containers.sort(Comparator.comparing(Session::name));
        Table table = new Table(20, 3).row(List.of("CONTAINER", "REPOSITORY", "TAG", "IMAGE ID", "SIZE"));
        for (ContainerSummary c : containers) {
            Map<String, Object> image = s.api.inspectImage(c.image());
            String repo = "<none>";
            String tag = "<none>";
            try {
                ImageRef ref = ImageRef.parse(c.image());
                repo = ref.repository();
                tag = ref.tag() != null ? ref.tag() : ref.digest() == null ? "latest" : "<none>";
            } catch (RuntimeException e) {
                // an image id, not a reference: Compose shows <none>
            }
            String id = id(image).replaceFirst("^sha256:", "");
            long size = image.get("Size") instanceof Number n ? n.longValue() : 0;
            table.row(List.of(Session.name(c), repo, tag, id.substring(0, Math.min(12, id.length())), Units.humanSize(size, 3)));
        }
        s.c.out().accept(table.toString());
        return 0;
    }

    private static String id(Map<String, Object> image) {
        return String.valueOf(image.get("Id"));
    }

    static int port(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.value("protocol", ""), Flags.value("index", "")), true);
        if (f.args.size() < 2) {
            throw new ComposeException("requires at least 2 arg(s), only received " + f.args.size());
        }
        String service = f.args.get(0);
        int port = parsePort(f.args.get(1));
        String protocol = f.string("protocol", "tcp").toLowerCase(java.util.Locale.ROOT);
        int index = f.has("index") ? index(f.string("index", "")) : 0;
        List<ContainerSummary> candidates = new ArrayList<>();
        for (ContainerSummary c : s.containers(false, List.of(service), true)) {
            if (index <= 0 || String.valueOf(index).equals(c.labels().get(Labels.NUMBER))) {
                candidates.add(c);
            }
        }
        if (candidates.isEmpty()) {
            throw new ComposeException(index > 0 ? "service \"" + service + "\" is not running container #" + index
                    : "service \"" + service + "\" is not running");
        }
        candidates.sort(Comparator.comparingInt(Up::number)
                .thenComparing(c -> "True".equals(c.labels().get(Labels.ONEOFF))));
        ContainerSummary c = candidates.get(0);
        List<Api.PortView> ports = c.ports() == null ? List.of() : c.ports();
        for (Api.PortView p : ports) {
            if (p.privatePort() == port && p.type().equals(protocol)) {
                s.out((p.ip() == null ? "" : p.ip()) + ":" + (p.publicPort() == null ? 0 : p.publicPort()));
                return 0;
            }
        }
        List<String> listed = ports.stream().map(p -> (p.publicPort() == null ? 0 : p.publicPort()) + "/" + p.type()).toList();
        throw new ComposeException("no port " + port + "/" + protocol + " for container " + Session.name(c) + ": " + String.join(", ", listed));
    }

    private static int parsePort(String v) {
        try {
            int p = Integer.parseInt(v);
            if (p >= 0 && p <= 65535) {
                return p;
            }
            throw new ComposeException("strconv.ParseUint: parsing \"" + v + "\": value out of range");
        } catch (NumberFormatException e) {
            throw new ComposeException("strconv.ParseUint: parsing \"" + v + "\": invalid syntax");
        }
    }

    private static int index(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ComposeException("invalid argument \"" + v + "\" for \"--index\" flag: strconv.ParseInt: parsing \"" + v
                    + "\": invalid syntax");
        }
    }
}
