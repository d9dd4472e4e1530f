package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.NetRequest;
import dev.glassbox.sim.programs.Tool;
import java.util.ArrayList;
import java.util.List;

/**
 * busybox ip's changes: {@code link add|del} and {@code addr add|del}, {@code route add|del} over
 * netlink, {@code link set} by ioctl (mtu, address, name, then up/down, in busybox's order), each
 * refused by the kernel without CAP_NET_ADMIN. The messages and exit statuses are busybox's.
 */
final class IpChange {
    private IpChange() {}

    static int run(Tool t, String object, List<String> args) {
        String cmd = args.get(1);
        List<String> rest = args.subList(2, args.size());
        try {
            if ("link".startsWith(object)) {
                return link(t, cmd, rest);
            }
            if ("address".startsWith(object) || object.equals("addr")) {
                return addr(t, cmd, rest);
            }
            if ("route".startsWith(object)) {
                return route(t, cmd, rest);
            }
            return t.fail("unknown object " + object);
        } catch (SysError e) {
            t.err("RTNETLINK answers: " + e.getMessage());
            return 2;
        }
    }

    private static int link(Tool t, String cmd, List<String> rest) {
        if (cmd.equals("add") && !rest.isEmpty()) {
            int type = rest.indexOf("type");
            if (type < 0 || type + 1 >= rest.size()) {
                t.err("RTNETLINK answers: Operation not supported");
                return 2;
            }
            t.sys.linkAdd(rest.get(0).equals("name") && rest.size() > 1 ? rest.get(1) : rest.get(0), rest.get(type + 1));
            return 0;
        }
        if ("delete".startsWith(cmd) && cmd.length() >= 3 && !rest.isEmpty()) {
            String dev = rest.get(rest.size() - 1);
            if (!exists(t, dev)) {
                t.err("can't find device '" + dev + "'");
                return 2;
            }
            t.sys.linkDelete(dev);
            return 0;
        }
        if (cmd.equals("set")) {
            return linkSet(t, rest);
        }
        return t.fail("command line is not complete, try \"help\"");
    }

    /** ip link set [dev] NAME [up|down] [mtu N] [address MAC] [name NEW]. */
    private static int linkSet(Tool t, List<String> rest) {
        String dev = null;
        Boolean up = null;
        Integer mtu = null;
        String mac = null;
        String name = null;
        for (int i = 0; i < rest.size(); i++) {
            String w = rest.get(i);
            String next = i + 1 < rest.size() ? rest.get(i + 1) : null;
            switch (w) {
                case "up", "down" -> up = w.equals("up");
                case "mtu", "address", "name", "dev" -> {
                    if (next == null) {
                        return t.fail("command line is not complete, try \"help\"");
                    }
                    i++;
                    if (w.equals("mtu")) {
                        try {
                            mtu = Integer.parseInt(next);
                        } catch (NumberFormatException e) {
                            t.err("invalid argument '" + next + "' to 'mtu'");
                            return 2;
                        }
                    } else if (w.equals("address")) {
                        if (!next.matches("(?i)[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}")) {
                            return t.fail("\"" + next + "\" is invalid lladdr");
                        }
                        mac = next.toLowerCase(java.util.Locale.ROOT);
                    } else if (w.equals("name")) {
                        name = next;
                    } else if (dev == null) {
                        dev = next;
                    } else {
                        t.err("either \"dev\" is duplicate, or \"" + next + "\" is garbage");
                        return 2;
                    }
                }
                default -> {
                    if (dev != null) {
                        t.err("either \"dev\" is duplicate, or \"" + w + "\" is garbage");
                        return 2;
                    }
                    dev = w;
                }
            }
        }
        if (dev == null) {
            return t.fail("not enough information: \"dev\" argument is required");
        }
        List<NetRequest> steps = new ArrayList<>();
        if (mtu != null) {
            steps.add(new NetRequest.LinkMtu(dev, mtu));
        }
        if (mac != null) {
            steps.add(new NetRequest.LinkAddress(dev, mac));
        }
        if (name != null) {
            steps.add(new NetRequest.LinkName(dev, name));
            dev = name;
        }
        if (up != null) {
            steps.add(new NetRequest.LinkUp(dev, up));
        }
        for (NetRequest step : steps) {
            try {
                t.sys.netChange(step);
            } catch (SysError e) {
                t.err(ioctl(step, e.errno() == Errno.ENODEV) + ": " + e.getMessage());
                return 2;
            }
        }
        return 0;
    }

    /** The ioctl busybox makes for a step, as its error message names it: a lookup first where it needs the link's index or flags. */
    private static String ioctl(NetRequest step, boolean noDevice) {
        if (step instanceof NetRequest.LinkMtu) {
            return "SIOCSIFMTU";
        }
        if (step instanceof NetRequest.LinkAddress) {
            return noDevice ? "SIOCGIFINDEX" : "SIOCSIFHWADDR";
        }
        if (step instanceof NetRequest.LinkName) {
            return "SIOCSIFNAME";
        }
        return noDevice ? "SIOCGIFFLAGS" : "SIOCSIFFLAGS";
    }

    /** A dotted quad, with an optional /0../32. */
    private static boolean inet(String s) {
        if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?")) {
            return false;
        }
        String[] parts = s.split("[./]");
        for (int i = 0; i < 4; i++) {
            if (Integer.parseInt(parts[i]) > 255) {
                return false;
            }
        }
        return parts.length == 4 || Integer.parseInt(parts[4]) <= 32;
    }

    private static boolean exists(Tool t, String dev) {
        return t.sys.interfaces().stream().anyMatch(i -> i.name().equals(dev));
    }

    /** ip addr add|del ADDR[/PREFIX] dev NAME: a missing prefix is /32. */
    private static int addr(Tool t, String cmd, List<String> rest) {
        int d = rest.indexOf("dev");
        if (rest.isEmpty() || d < 0 || d + 1 >= rest.size()) {
            return t.fail("command line is not complete, try \"help\"");
        }
        String dev = rest.get(d + 1);
        String cidr = rest.get(d == 0 ? 2 : 0);
        if (!exists(t, dev)) {
            return t.fail("can't find device '" + dev + "'");
        }
        if (!inet(cidr)) {
            return t.fail("an inet prefix is expected rather than \"" + cidr + "\"");
        }
        String full = cidr.contains("/") ? cidr : cidr + "/32";
        if (cmd.equals("add")) {
            t.sys.netChange(new NetRequest.AddrAdd(dev, full));
        } else if ("delete".startsWith(cmd) && cmd.length() >= 3) {
            t.sys.netChange(new NetRequest.AddrDel(dev, cidr));
        } else {
            return t.fail("command line is not complete, try \"help\"");
        }
        return 0;
    }

    /** ip route add|del default|NET[/PREFIX] [via GW] [dev NAME]. */
    private static int route(Tool t, String cmd, List<String> rest) {
        if (rest.isEmpty()) {
            return t.fail("command line is not complete, try \"help\"");
        }
        String dest = rest.get(0);
        int v = rest.indexOf("via");
        int d = rest.indexOf("dev");
        String via = v >= 0 && v + 1 < rest.size() ? rest.get(v + 1) : null;
        String dev = d >= 0 && d + 1 < rest.size() ? rest.get(d + 1) : null;
        if (!dest.equals("default") && !inet(dest)) {
            return t.fail("an inet prefix is expected rather than \"" + dest + "\"");
        }
        if (via != null && (!inet(via) || via.contains("/"))) {
            return t.fail("an inet address is expected rather than \"" + via + "\"");
        }
        if (dev != null && !exists(t, dev)) {
            return t.fail("can't find device '" + dev + "'");
        }
        if (cmd.equals("add")) {
            t.sys.netChange(new NetRequest.RouteAdd(dest, via, dev));
        } else if ("delete".startsWith(cmd) && cmd.length() >= 3) {
            t.sys.netChange(new NetRequest.RouteDel(dest, via, dev));
        } else {
            return t.fail("command line is not complete, try \"help\"");
        }
        return 0;
    }
}
