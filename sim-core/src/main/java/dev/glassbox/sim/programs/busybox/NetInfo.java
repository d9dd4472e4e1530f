package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Tool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** netstat (from /proc/net/tcp) and nslookup (the embedded DNS's names from /etc/hosts: the simulator has no DNS query call). */
final class NetInfo {
    private static final Map<String, String> STATES = Map.ofEntries(Map.entry("01", "ESTABLISHED"),
            Map.entry("02", "SYN_SENT"), Map.entry("03", "SYN_RECV"), Map.entry("04", "FIN_WAIT1"),
            Map.entry("05", "FIN_WAIT2"), Map.entry("06", "TIME_WAIT"), Map.entry("07", "CLOSE"),
            Map.entry("08", "CLOSE_WAIT"), Map.entry("09", "LAST_ACK"), Map.entry("0A", "LISTEN"),
            Map.entry("0B", "CLOSING"));

    private NetInfo() {}

    /** /proc/net/dev counters per interface: 8 receive fields then 8 transmit fields. */
    static Map<String, long[]> devStats(Sys sys) {
        Map<String, long[]> m = new HashMap<>();
        try {
            for (String line : sys.readText("/proc/net/dev").split("\n")) {
                int colon = line.indexOf(':');
                if (colon < 0 || line.contains("|")) {
                    continue;
                }
                String[] f = line.substring(colon + 1).trim().split("\\s+");
                if (f.length >= 16) {
                    long[] v = new long[16];
                    for (int i = 0; i < 16; i++) {
                        v[i] = Long.parseLong(f[i]);
                    }
                    m.put(line.substring(0, colon).trim(), v);
                }
            }
        } catch (SysError | NumberFormatException e) {
            // no counters to show
        }
        return m;
    }

    static int netstat(Tool t) {
        Opts o = Opts.parse("tulnpaeWrx", t.args);
        if (o.has('r')) {
            t.out(NetTools.table(t.sys, o.has('n')));
            return 0;
        }
        boolean listen = o.has('l');
        boolean all = o.has('a');
        boolean tcp = o.has('t') || !o.has('u');
        boolean udp = o.has('u') || !o.has('t');
        Map<String, String> services = o.has('n') ? Map.of() : services(t.sys);
        StringBuilder sb = new StringBuilder("Active Internet connections ")
                .append(listen ? "(only servers)" : all ? "(servers and established)" : "(w/o servers)").append('\n');
        sb.append(String.format("%-5s %6s %6s %-23s %-23s %-12s%n", "Proto", "Recv-Q", "Send-Q", "Local Address",
                "Foreign Address", "State"));
        int st = 0;
        for (String proto : List.of("tcp", "tcp6", "udp", "udp6")) {
            if (proto.startsWith("tcp") ? !tcp : !udp) {
                continue;
            }
            String text;
            try {
                text = t.sys.readText("/proc/net/" + proto);
            } catch (SysError e) {
                if (!proto.endsWith("6")) {
                    t.err("can't open '/proc/net/" + proto + "': " + e.getMessage());
                    st = 1;
                }
                continue;
            }
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4 || !f[1].contains(":")) {
                    continue;
                }
                String state = proto.startsWith("udp") ? (f[3].equals("07") ? "" : "ESTABLISHED")
                        : STATES.getOrDefault(f[3], f[3]);
                boolean server = f[3].equals("0A") || (proto.startsWith("udp") && f[3].equals("07"));
                if (listen ? !server : !all && server) {
                    continue;
                }
                String[] q = f.length > 4 ? f[4].split(":") : new String[] {"0", "0"};
                sb.append(String.format("%-5s %6d %6d %-23s %-23s %-12s%n", proto, Long.parseLong(q[1], 16),
                        Long.parseLong(q[0], 16), address(f[1], services), address(f[2], services), state));
            }
        }
        t.out(sb.toString());
        return st;
    }

    /** "0100007F:1F90" as /proc/net/tcp writes it: a little-endian IPv4 address and a hex port. */
    static String address(String hex, Map<String, String> services) {
        String[] p = hex.split(":");
        String ip;
        if (p[0].length() == 8) {
            long v = Long.parseLong(p[0], 16);
            ip = (v & 255) + "." + (v >> 8 & 255) + "." + (v >> 16 & 255) + "." + (v >> 24 & 255);
        } else {
            ip = p[0].matches("0+") ? "::" : p[0];
        }
        int port = Integer.parseInt(p[1], 16);
        String portText = port == 0 ? "*" : services.getOrDefault(Integer.toString(port), Integer.toString(port));
        return ip + ":" + portText;
    }

    private static Map<String, String> services(Sys sys) {
        Map<String, String> m = new HashMap<>();
        try {
            for (String line : sys.readText("/etc/services").split("\n")) {
                String[] f = line.replaceAll("#.*", "").trim().split("\\s+");
                if (f.length >= 2 && f[1].endsWith("/tcp")) {
                    m.putIfAbsent(f[1].substring(0, f[1].indexOf('/')), f[0]);
                }
            }
        } catch (SysError e) {
            // numbers only
        }
        return m;
    }

    /**
     * busybox nslookup: an A and an AAAA query to the first nameserver of /etc/resolv.conf, each answer
     * printed as it comes. A server on loopback is Docker's embedded DNS (127.0.0.11), whose names the
     * simulator keeps in the container's /etc/hosts; any other server is outside the simulated machine and
     * never answers.
     */
    static int nslookup(Tool t) {
        List<String> ops = Opts.parse("", t.args.stream().filter(a -> !a.startsWith("-")).toList()).operands;
        if (ops.isEmpty()) {
            t.io.err("Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n");
            return 1;
        }
        String name = ops.get(0);
        List<String> servers = ops.size() > 1 ? List.of(ops.get(1)) : Hosts.nameservers(t.sys);
        String server = servers.isEmpty() ? "127.0.0.1" : servers.get(0);
        if (!server.startsWith("127.")) {
            t.outln(";; connection timed out; no servers could be reached");
            t.outln("");
            return 1;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Server:\t\t").append(server).append('\n');
        sb.append("Address:\t").append(server).append(":53\n\n");
        List<String> addrs = Hosts.isAddress(name) ? List.of() : Hosts.lookup(t.sys, name);
        String query = Hosts.isAddress(name) ? ptrName(name) : name;
        if (addrs.isEmpty()) {
            sb.append("** server can't find ").append(query).append(": NXDOMAIN\n\n");
            if (!Hosts.isAddress(name)) {
                sb.append("** server can't find ").append(query).append(": NXDOMAIN\n\n");
            }
        } else {
            sb.append("Non-authoritative answer:\n");
            addrs.stream().filter(a -> !a.contains(":")).forEach(a -> sb.append("Name:\t").append(name).append("\nAddress: ").append(a).append('\n'));
            sb.append("\nNon-authoritative answer:\n");
            addrs.stream().filter(a -> a.contains(":")).forEach(a -> sb.append("Name:\t").append(name).append("\nAddress: ").append(a).append('\n'));
            sb.append('\n');
        }
        t.out(sb.toString());
        return addrs.isEmpty() ? 1 : 0; // busybox exits 1 when a query found nothing (seen on the Linux kernel)
    }

    /** The PTR name busybox asks for an IPv4 address: its octets reversed under in-addr.arpa. */
    private static String ptrName(String ip) {
        String[] o = ip.split("\\.");
        return o.length == 4 ? o[3] + "." + o[2] + "." + o[1] + "." + o[0] + ".in-addr.arpa" : ip;
    }
}
