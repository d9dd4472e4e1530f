package dev.glassbox.sim;

/**
 * A change to a network namespace that {@code ip} asks the kernel for: over netlink for addresses
 * and routes (RTM_NEWADDR, RTM_DELROUTE, ...), by ioctl for a link's settings as busybox does it
 * (SIOCSIFMTU, SIOCSIFHWADDR, SIOCSIFNAME, SIOCSIFFLAGS). Each needs CAP_NET_ADMIN.
 */
public sealed interface NetRequest {
    /** The command line that asks for it, for the trace. */
    String command();

    /** {@code cidr} with its prefix length ({@code 10.0.0.2/24}). */
    record AddrAdd(String dev, String cidr) implements NetRequest {
        public String command() {
            return "ip addr add " + cidr + " dev " + dev;
        }
    }

    record AddrDel(String dev, String cidr) implements NetRequest {
        public String command() {
            return "ip addr del " + cidr + " dev " + dev;
        }
    }

    record LinkMtu(String dev, int mtu) implements NetRequest {
        public String command() {
            return "ip link set dev " + dev + " mtu " + mtu;
        }
    }

    record LinkAddress(String dev, String mac) implements NetRequest {
        public String command() {
            return "ip link set dev " + dev + " address " + mac;
        }
    }

    record LinkName(String dev, String name) implements NetRequest {
        public String command() {
            return "ip link set dev " + dev + " name " + name;
        }
    }

    record LinkUp(String dev, boolean up) implements NetRequest {
        public String command() {
            return "ip link set dev " + dev + (up ? " up" : " down");
        }
    }

    /** {@code destination}: {@code default} or a network in CIDR form; {@code via} or {@code dev} may be null. */
    record RouteAdd(String destination, String via, String dev) implements NetRequest {
        public String command() {
            return "ip route add " + destination + (via == null ? "" : " via " + via) + (dev == null ? "" : " dev " + dev);
        }
    }

    record RouteDel(String destination, String via, String dev) implements NetRequest {
        public String command() {
            return "ip route del " + destination + (via == null ? "" : " via " + via) + (dev == null ? "" : " dev " + dev);
        }
    }
}
