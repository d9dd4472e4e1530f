package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Tool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** ip, ifconfig and route, all from what netlink (sys.interfaces/routes) tells, in busybox's formats. */
final class NetTools {
    private NetTools() {}

    static int ip(Tool t) {
        List<String> args = new ArrayList<>(t.args);
        boolean v4only = args.remove("-4");
        boolean v6only = args.remove("-6");
        boolean oneline = args.remove("-o");
        if (args.isEmpty()) {
            t.io.err("Usage: ip [OPTIONS] address|route|link|neigh|rule [ARGS]\n");
            return 1;
        }
        String object = args.get(0);
        String cmd = args.size() > 1 ? args.get(1) : "show";
        String dev = null;
        int d = args.indexOf("dev");
        if (d >= 0 && d + 1 < args.size()) {
            dev = args.get(d + 1);
        } else if (args.size() > 2 && (cmd.equals("show") || cmd.equals("list"))) {
            dev = args.get(2);
        }
        boolean show = "show".startsWith(cmd) || "list".startsWith(cmd);
        if (!show) {
            return IpChange.run(t, object, args);
        }
        if ("address".startsWith(object) || object.equals("addr")) {
            return addr(t, dev, true, !v6only, !v4only, false);
        }
        if ("link".startsWith(object)) {
            return addr(t, dev, false, false, false, oneline);
        }
        if ("route".startsWith(object)) {
            StringBuilder sb = new StringBuilder();
            for (Sys.Route r : t.sys.routes()) {
                if (dev == null || dev.equals(r.device())) {
                    sb.append(routeLine(r)).append('\n');
                }
            }
            t.out(sb.toString());
            return 0;
        }
        return t.fail("unknown object " + object);
    }

    /** {@code oneline} (ip -o): each record on one line, continuation lines joined with a backslash. */
    private static int addr(Tool t, String dev, boolean withAddrs, boolean v4, boolean v6, boolean oneline) {
        List<Sys.NetIf> ifs = t.sys.interfaces();
        Map<String, Sys.NetIf> byName = new HashMap<>();
        ifs.forEach(i -> byName.put(i.name(), i));
        if (dev != null && !byName.containsKey(dev)) {
            return t.fail("can't find device '" + dev + "'");
        }
        StringBuilder sb = new StringBuilder();
        for (Sys.NetIf i : ifs) {
            if (dev != null && !dev.equals(i.name())) {
                continue;
            }
            boolean loop = isLoopback(i);
            String peer = i.peerName();
            String suffix = "";
            boolean mdown = false;
            if (peer != null && !peer.isEmpty()) {
                suffix = "@" + peer;
                mdown = !byName.containsKey(peer) || !byName.get(peer).up();
            }
            List<String> flags = new ArrayList<>();
            flags.add(loop ? "LOOPBACK" : "BROADCAST");
            if (!loop) {
                flags.add("MULTICAST");
            }
            if (i.up()) {
                flags.add("UP");
                flags.add("LOWER_UP");
            }
            if (mdown) {
                flags.add("M-DOWN");
            }
            sb.append(i.index()).append(": ").append(i.name()).append(suffix).append(": <").append(String.join(",", flags))
                    .append("> mtu ").append(i.mtu()).append(" qdisc ").append(i.up() ? "noqueue " : "noop ")
                    .append(loop ? "qlen 1000" : "").append('\n');
            String mac = i.mac() == null ? "00:00:00:00:00:00" : i.mac();
            sb.append("    link/").append(loop ? "loopback " : "ether ").append(mac).append(" brd ")
                    .append(loop ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff").append('\n');
            if (!withAddrs) {
                continue;
            }
            for (String cidr : i.cidrs()) {
                boolean six = cidr.contains(":");
                if (six ? !v6 : !v4) {
                    continue;
                }
                String addr = cidr.split("/")[0];
                if (six) {
                    String scope = addr.equals("::1") ? "host" : addr.toLowerCase(Locale.ROOT).startsWith("fe80") ? "link" : "global";
                    sb.append("    inet6 ").append(cidr).append(" scope ").append(scope).append(" \n");
                } else {
                    String scope = addr.startsWith("127.") ? "host" : "global";
                    sb.append("    inet ").append(cidr);
                    if (!scope.equals("host")) {
                        sb.append(" brd ").append(Ipv4.broadcast(cidr));
                    }
                    sb.append(" scope ").append(scope).append(' ').append(i.name()).append('\n');
                }
                sb.append("       valid_lft forever preferred_lft forever\n");
            }
        }
        t.out(oneline && !withAddrs ? sb.toString().replaceAll("\n(?=\\s)", "\\\\") : sb.toString());
        return 0;
    }

    static boolean isLoopback(Sys.NetIf i) {
        return "loopback".equals(i.kind()) || i.name().equals("lo");
    }

    private static boolean isDefault(Sys.Route r) {
        return r.destination() == null || r.destination().equals("default") || r.destination().equals("0.0.0.0/0");
    }

    private static boolean hasGateway(Sys.Route r) {
        return r.gateway() != null && !r.gateway().isEmpty() && !r.gateway().equals("0.0.0.0");
    }

    static String routeLine(Sys.Route r) {
        StringBuilder sb = new StringBuilder(isDefault(r) ? "default" : r.destination());
        if (hasGateway(r)) {
            sb.append(" via ").append(r.gateway());
        }
        sb.append(" dev ").append(r.device()).append(' ');
        if (!hasGateway(r)) {
            sb.append("scope link ");
        }
        if (r.source() != null && !r.source().isEmpty()) {
            sb.append(" src ").append(r.source()).append(' ');
        }
        return sb.toString();
    }

    static int ifconfig(Tool t) {
        boolean all = t.args.contains("-a");
        List<String> ops = t.args.stream().filter(a -> !a.startsWith("-")).toList();
        if (ops.size() > 1) {
            return t.fail("SIOCSIFFLAGS: Function not implemented");
        }
        Map<String, long[]> stats = NetInfo.devStats(t.sys);
        List<Sys.NetIf> ifs = new ArrayList<>(t.sys.interfaces());
        ifs.sort(Comparator.comparing(Sys.NetIf::name));
        StringBuilder sb = new StringBuilder();
        for (Sys.NetIf i : ifs) {
            if (!ops.isEmpty() ? !ops.get(0).equals(i.name()) : !(i.up() || all)) {
                continue;
            }
            boolean loop = isLoopback(i);
            sb.append(String.format("%-10s", i.name())).append("Link encap:")
                    .append(loop ? "Local Loopback  " : "Ethernet  HWaddr " + (i.mac() == null ? "" : i.mac().toUpperCase(Locale.ROOT)) + "  ")
                    .append('\n');
            for (String cidr : i.cidrs()) {
                if (cidr.contains(":")) {
                    String scope = cidr.startsWith("::1") ? "Host" : cidr.toLowerCase(Locale.ROOT).startsWith("fe80") ? "Link" : "Global";
                    sb.append("          inet6 addr: ").append(cidr).append(" Scope:").append(scope).append('\n');
                    continue;
                }
                sb.append("          inet addr:").append(cidr.split("/")[0]);
                if (!loop) {
                    sb.append("  Bcast:").append(Ipv4.broadcast(cidr));
                }
                sb.append("  Mask:").append(Ipv4.mask(Ipv4.prefix(cidr))).append('\n');
            }
            List<String> flags = new ArrayList<>();
            if (i.up()) {
                flags.add("UP");
            }
            flags.add(loop ? "LOOPBACK" : "BROADCAST");
            if (i.up()) {
                flags.add("RUNNING");
            }
            if (!loop) {
                flags.add("MULTICAST");
            }
            sb.append("          ").append(String.join(" ", flags)).append("  MTU:").append(i.mtu()).append("  Metric:1\n");
            long[] s = stats.get(i.name());
            if (s != null) {
                sb.append(String.format("          RX packets:%d errors:%d dropped:%d overruns:%d frame:%d%n", s[1], s[2], s[3], s[4], s[5]));
                sb.append(String.format("          TX packets:%d errors:%d dropped:%d overruns:%d carrier:%d%n", s[9], s[10], s[11], s[12], s[14]));
                sb.append(String.format("          collisions:%d txqueuelen:%d %n", s[13], loop ? 1000 : 0));
                sb.append(String.format("          RX bytes:%d (%s)  TX bytes:%d (%s)%n", s[0], bytes(s[0]), s[8], bytes(s[8])));
            }
            sb.append('\n');
        }
        t.out(sb.toString());
        return 0;
    }

    private static String bytes(long b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }

    static int route(Tool t) {
        boolean numeric = t.args.contains("-n") || t.args.contains("-e") && t.args.contains("-n");
        if (t.args.stream().anyMatch(a -> a.equals("add") || a.equals("del"))) {
            return t.fail("SIOCADDRT: Function not implemented");
        }
        t.out(table(t.sys, numeric));
        return 0;
    }

    static String table(Sys sys, boolean numeric) {
        StringBuilder sb = new StringBuilder("Kernel IP routing table\n");
        sb.append("Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n");
        for (Sys.Route r : sys.routes()) {
            if (r.destination() != null && r.destination().contains(":")) {
                continue;
            }
            boolean def = isDefault(r);
            String dest = def ? "0.0.0.0" : r.destination().split("/")[0];
            int prefix = def ? 0 : Ipv4.prefix(r.destination());
            String gw = hasGateway(r) ? r.gateway() : "0.0.0.0";
            String flags = "U" + (hasGateway(r) ? "G" : "") + (prefix == 32 ? "H" : "");
            if (!numeric) {
                dest = def ? "default" : dest;
                gw = gw.equals("0.0.0.0") ? "*" : gw;
            }
            sb.append(String.format("%-15.15s %-15.15s %-16s%-6s%-6d %-2d %7d %s%n", dest, gw, Ipv4.mask(prefix), flags, 0, 0, 0,
                    r.device()));
        }
        return sb.toString();
    }
}
