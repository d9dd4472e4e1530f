package dev.glassbox.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code docker port CONTAINER [PRIVATE_PORT[/PROTO]]}: the published ports as the container's
 * inspect tells them ({@code NetworkSettings.Ports}), {@code 80/tcp -> 0.0.0.0:32768} a line, sorted by
 * port; with a port, only its host addresses.
 */
final class PortCommand {
    private PortCommand() {}

    private record Mapping(int port, String proto, String host) {}

    @SuppressWarnings("unchecked")
    static int port(Session s, Parsed p) {
        String name = p.args.get(0);
        Map<String, Object> c = s.api.inspectContainer(name);
        Map<String, Object> settings = (Map<String, Object>) c.getOrDefault("NetworkSettings", Map.of());
        Object raw = settings.get("Ports");
        Map<String, Object> ports = raw instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        List<Mapping> all = new ArrayList<>();
        for (Map.Entry<String, Object> e : ports.entrySet()) {
            if (!(e.getValue() instanceof List<?> bindings)) {
                continue;
            }
            String[] pp = e.getKey().split("/", 2);
            for (Object b : bindings) {
                Map<String, Object> bm = (Map<String, Object>) b;
                String ip = String.valueOf(bm.getOrDefault("HostIp", ""));
                all.add(new Mapping(Integer.parseInt(pp[0]), pp.length > 1 ? pp[1] : "tcp",
                        (ip.isEmpty() ? "0.0.0.0" : ip) + ":" + bm.get("HostPort")));
            }
        }
        all.sort(Comparator.comparingInt(Mapping::port).thenComparing(Mapping::proto));
        if (p.args.size() == 1) {
            all.forEach(m -> s.out(m.port() + "/" + m.proto() + " -> " + m.host()));
            return 0;
        }
        String spec = p.args.get(1);
        int slash = spec.indexOf('/');
        String portText = slash < 0 ? spec : spec.substring(0, slash);
        String proto = slash < 0 ? "tcp" : spec.substring(slash + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            s.err("Error: invalid port (" + portText + "): strconv.ParseUint: parsing \"" + portText + "\": "
                    + (portText.matches("[0-9]+") ? "value out of range" : "invalid syntax"));
            return 1;
        }
        List<Mapping> one = all.stream().filter(m -> m.port() == port && m.proto().equals(proto)).toList();
        if (one.isEmpty()) {
            s.err("Error: No public port '" + spec + "' published for " + name); // as typed, as the CLI says it
            return 1;
        }
        one.forEach(m -> s.out(m.host()));
        return 0;
    }
}
