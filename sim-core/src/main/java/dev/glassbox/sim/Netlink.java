package dev.glassbox.sim;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.NetEvents;
import dev.glassbox.kernel.SysError;
import java.util.Comparator;

/**
 * The sim kernel carrying out a {@link NetRequest} in one network namespace, with the errors Linux
 * gives: an address or route that is already there (EEXIST), one that is not (EADDRNOTAVAIL, ESRCH),
 * a gateway no connected network reaches (ENETUNREACH), a rename to a taken name or of a link that
 * is up. As in Linux, a link that goes down loses its routes and one that comes up gets its
 * addresses' networks back.
 */
final class Netlink {
    private final SimKernel kernel;

    Netlink(SimKernel kernel) {
        this.kernel = kernel;
    }

    void apply(SimNet.NetNs ns, NetRequest r) {
        if (r instanceof NetRequest.AddrAdd a) {
            addrAdd(ns, link(ns, a.dev()), a);
        } else if (r instanceof NetRequest.AddrDel a) {
            addrDel(ns, link(ns, a.dev()), a);
        } else if (r instanceof NetRequest.LinkMtu m) {
            SimNet.Link l = link(ns, m.dev());
            if (m.mtu() < 68 || m.mtu() > 65535) {
                throw SysError.einval();
            }
            kernel.event(NetEvents.mtu(r.command(), l.name, m.mtu()));
            l.mtu = m.mtu();
        } else if (r instanceof NetRequest.LinkAddress m) {
            SimNet.Link l = link(ns, m.dev());
            kernel.event(NetEvents.mac(r.command(), l.name, m.mac()));
            l.mac = m.mac();
        } else if (r instanceof NetRequest.LinkName m) {
            rename(ns, link(ns, m.dev()), m);
        } else if (r instanceof NetRequest.LinkUp u) {
            setUp(ns, link(ns, u.dev()), u);
        } else if (r instanceof NetRequest.RouteAdd a) {
            routeAdd(ns, a);
        } else if (r instanceof NetRequest.RouteDel d) {
            routeDel(ns, d);
        }
    }

    private static SimNet.Link link(SimNet.NetNs ns, String name) {
        SimNet.Link l = ns.links.get(name);
        if (l == null) {
            throw new SysError(Errno.ENODEV, "No such device");
        }
        return l;
    }

    private void addrAdd(SimNet.NetNs ns, SimNet.Link l, NetRequest.AddrAdd a) {
        if (l.addresses.contains(a.cidr())) {
            throw new SysError(Errno.EEXIST, "File exists");
        }
        kernel.event(NetEvents.addressAdded(a.command(), l.name, a.cidr(), l.up && Ip.prefix(a.cidr()) < 32, Ip.network(a.cidr())));
        l.addresses.add(a.cidr());
        if (l.up) {
            connect(ns, l, a.cidr());
        }
    }

    private void addrDel(SimNet.NetNs ns, SimNet.Link l, NetRequest.AddrDel a) {
        String match = l.addresses.stream().filter(c -> c.equals(a.cidr())
                || !a.cidr().contains("/") && Ip.address(c) == Ip.parse(a.cidr())).findFirst()
                .orElseThrow(() -> new SysError(Errno.EADDRNOTAVAIL, "Cannot assign requested address"));
        kernel.event(NetEvents.addressRemoved(a.command(), l.name, match));
        l.addresses.remove(match);
        ns.routes.removeIf(r -> r.device().equals(l.name) && match.substring(0, match.indexOf('/')).equals(r.source()));
    }

    private void rename(SimNet.NetNs ns, SimNet.Link l, NetRequest.LinkName m) {
        if (ns.links.containsKey(m.name())) {
            throw new SysError(Errno.EEXIST, "File exists");
        }
        if (l.up) {
            throw new SysError(Errno.EBUSY, "Device or resource busy");
        }
        kernel.event(NetEvents.renamed(m.command(), l.name, m.name()));
        ns.links.remove(l.name);
        ns.routes.replaceAll(r -> r.device().equals(l.name) ? new Sys.Route(r.destination(), r.gateway(), m.name(), r.source()) : r);
        l.name = m.name();
        ns.links.put(l.name, l);
    }

    private void setUp(SimNet.NetNs ns, SimNet.Link l, NetRequest.LinkUp u) {
        if (l.up == u.up()) {
            return;
        }
        kernel.event(NetEvents.upOrDown(u.command(), l.name, u.up()));
        l.up = u.up();
        if (!u.up()) {
            ns.routes.removeIf(r -> r.device().equals(l.name));
            return;
        }
        if (l.kind.equals("loopback") && l.addresses.isEmpty()) {
            l.addresses.add("127.0.0.1/8");
        }
        for (String cidr : l.addresses) {
            connect(ns, l, cidr);
        }
    }

    /** The kernel's prefix route for an address on a link that is up. */
    private static void connect(SimNet.NetNs ns, SimNet.Link l, String cidr) {
        if (l.kind.equals("loopback") || Ip.prefix(cidr) == 32) {
            return;
        }
        insert(ns, new Sys.Route(Ip.network(cidr), "", l.name, cidr.substring(0, cidr.indexOf('/'))));
    }

    /** Routes in the table's order, as ip route lists them: the default first, then by network address. */
    private static void insert(SimNet.NetNs ns, Sys.Route r) {
        ns.routes.add(r);
        ns.routes.sort(Comparator.comparing((Sys.Route x) -> !x.destination().equals("default"))
                .thenComparingLong(x -> x.destination().equals("default") ? 0 : Integer.toUnsignedLong(Ip.address(x.destination()))));
    }

    private void routeAdd(SimNet.NetNs ns, NetRequest.RouteAdd a) {
        String dest = normal(a.destination());
        String dev = a.dev();
        if (a.via() != null) {
            int gw = Ip.parse(a.via());
            SimNet.Link through = ns.links.values().stream().filter(l -> l.up && (a.dev() == null || l.name.equals(a.dev()))
                    && l.addresses.stream().anyMatch(c -> Ip.contains(c, gw))).findFirst()
                    .orElseThrow(() -> new SysError(Errno.ENETUNREACH, "Network is unreachable"));
            dev = through.name;
        } else if (dev == null) {
            throw new SysError(Errno.ENODEV, "No such device");
        } else if (!link(ns, dev).up) {
            throw new SysError(Errno.ENETDOWN, "Network is down");
        }
        String device = dev;
        if (ns.routes.stream().anyMatch(r -> normal(r.destination()).equals(dest))) {
            throw new SysError(Errno.EEXIST, "File exists");
        }
        kernel.event(NetEvents.routeAdded(a.command(), dest, a.via(), device));
        insert(ns, new Sys.Route(dest, a.via() == null ? "" : a.via(), device, ""));
    }

    private void routeDel(SimNet.NetNs ns, NetRequest.RouteDel d) {
        String dest = normal(d.destination());
        Sys.Route found = ns.routes.stream().filter(r -> normal(r.destination()).equals(dest)
                && (d.via() == null || d.via().equals(r.gateway())) && (d.dev() == null || d.dev().equals(r.device()))).findFirst()
                .orElseThrow(() -> new SysError(Errno.ESRCH, "No such process"));
        kernel.event(NetEvents.routeRemoved(d.command(), dest, found.device()));
        ns.routes.remove(found);
    }

    private static String normal(String destination) {
        if (destination == null || destination.equals("default") || destination.equals("0.0.0.0/0")) {
            return "default";
        }
        return destination.contains("/") ? Ip.network(destination) : destination + "/32";
    }
}
