package dev.glassbox;

import dev.glassbox.client.Cli;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Subsystem;
import dev.glassbox.trace.TraceEvent;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code packet trace SOURCE DEST[:PORT]}: sends one packet from inside container SOURCE (an ICMP echo,
 * or a TCP connection to PORT) with the container's own busybox, and lists the hops the kernel
 * reported on its way: route lookups, veth crossings, bridge forwarding, DNAT or docker-proxy, the answer. On a
 * kernel that reports no hops (the real one does not narrate its packets) the list says so; on one that does, an
 * empty list means no packet was sent (the source is not running, or the name did not resolve).
 */
final class PacketTrace {
    static final Set<String> HOPS = Set.of("route", "MASQUERADE", "LAN", "veth", "bridge forward", "macvlan bridge", "ipvlan l2", "DNAT", "proxy", "connected",
            "refused", "echo reply", "no route", "blocked", "IPVS", "SNAT", "VXLAN encap", "VXLAN decap", "unreachable");
    private static final String USAGE = "usage: packet trace SOURCE DEST[:PORT]   (SOURCE a container; DEST an address, or a name SOURCE can resolve)\n";

    private PacketTrace() {}

    static Result run(List<String> args, Cli cli, boolean narrated, Tracer tracer, Progress progress) {
        if (args.size() != 4 || !args.get(1).equals("trace")) {
            return new Result("", USAGE, 2);
        }
        String source = args.get(2);
        String dest = args.get(3);
        int colon = dest.lastIndexOf(':');
        String host = colon > 0 ? dest.substring(0, colon) : dest;
        String port = colon > 0 ? dest.substring(colon + 1) : "";
        if (host.isEmpty() || !port.matches("\\d{0,5}")) {
            return new Result("", "glassbox: bad destination '" + dest + "'\n" + USAGE, 2);
        }
        List<String> exec = new ArrayList<>(List.of("exec", source));
        exec.addAll(port.isEmpty() ? List.of("ping", "-c", "1", "-W", "1", host) : List.of("nc", "-z", "-w", "2", host, port));
        return follow(tracer, narrated, source, dest, port.isEmpty(), "from inside " + source, "docker " + String.join(" ", exec), () -> cli.execute(exec, progress));
    }

    /**
     * {@code packet trace HOST DEST:PORT} in a world: a TCP connection from the network namespace of the host named
     * {@code source} itself (as {@code nc} typed on that host would open), to {@code ip:port}.
     */
    static Result fromHost(String source, String dest, String ip, String port, dev.glassbox.kernel.Kernel kernel, Tracer tracer) {
        if (port.isEmpty() || !port.matches("\\d{1,5}")) {
            return new Result("", "glassbox: a packet from a host needs a port: packet trace " + source + " " + dest + ":PORT\n" + USAGE, 2);
        }
        return follow(tracer, kernel.reportsPacketHops(), source, dest, false, "from the host " + source, "nc -z -w 2 " + ip + " " + port, () -> {
            try {
                kernel.net().connect(ip, Integer.parseInt(port)).close();
                return new Result("", "", 0);
            } catch (dev.glassbox.kernel.SysError e) {
                return new Result("", "nc: " + ip + " (" + ip + ":" + port + "): " + e.getMessage() + "\n", 1);
            }
        });
    }

    private static Result follow(Tracer tracer, boolean narrated, String source, String dest, boolean icmp, String from, String equivalent,
            java.util.function.Supplier<Result> send) {
        List<TraceEvent> hops = new ArrayList<>();
        java.util.function.Consumer<TraceEvent> listener = e -> {
            if (e.layer() == Layer.KERNEL && e.subsystem() == Subsystem.NETWORK && HOPS.contains(e.action())) {
                hops.add(e);
            }
        };
        tracer.onEvent(listener);
        Result r;
        try (Tracer.Span s = tracer.open(Layer.CLIENT, null, "packet trace", source + " → " + dest, "glassbox sends one "
                + (icmp ? "ICMP echo request" : "TCP connection to port " + dest.substring(dest.lastIndexOf(':') + 1)) + " " + from
                + " and follows it hop by hop.", equivalent)) {
            r = send.get();
            tracer.note(Layer.CLIENT, null, "answer", source + " → " + dest, r.exitStatus() == 0 ? "The packet was answered."
                    : "No answer came back: " + r.err().strip(), ""); // the last hop is complete once the next step begins
        } finally {
            tracer.removeListener(listener);
        }
        StringBuilder out = new StringBuilder("packet " + source + " → " + dest + (icmp ? " (ICMP echo)" : " (TCP)") + "\n");
        if (hops.isEmpty()) {
            out.append(narrated ? "  no packet was sent: only the answer below\n" : "  this kernel reports no hops: only the answer below\n");
        }
        int i = 1;
        int hostWidth = hops.stream().mapToInt(h -> h.host().length()).max().orElse(0); // a world's hops say which host they were on
        for (TraceEvent h : hops) {
            String on = hostWidth == 0 ? "" : String.format("%-" + (hostWidth + 2) + "s", h.host());
            out.append(String.format("  %2d  %s%-15s %s%n      %s%n", i++, on, h.action(), h.object(), h.sentence()));
            int open = h.equivalent().lastIndexOf("   [") + 3; // the headers follow the command, and hold brackets of their own (Flags [S])
            if (open >= 3 && h.action().equals("VXLAN encap")) { // the outer packet the LAN carries, around the inner one below
                out.append("      outer:   ").append(h.equivalent(), 0, open - 3).append('\n');
            }
            if (open >= 3 && h.equivalent().endsWith("]")) {
                out.append("      headers: ").append(h.equivalent(), open + 1, h.equivalent().length() - 1).append('\n');
            }
        }
        out.append(r.exitStatus() == 0 ? "  answered\n" : "  no answer (exit " + r.exitStatus() + ")\n");
        return new Result(out.toString(), r.err(), r.exitStatus());
    }
}
