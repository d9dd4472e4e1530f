package dev.glassbox.linux;

import dev.glassbox.kernel.Links;
import dev.glassbox.kernel.Sandbox;
import java.util.ArrayList;
import java.util.List;

/** Links that write each link they make into the {@link Ledger}, for the state view. */
final class TrackedLinks implements Links {
    private final Links inner;
    private final Ledger ledger;

    TrackedLinks(Links inner, Ledger ledger) {
        this.inner = inner;
        this.ledger = ledger;
    }

    private static String key(Sandbox sb, String ifname) {
        return sb == null ? ifname : sb.id() + "/" + ifname;
    }

    private void update(Sandbox sb, String ifname, java.util.function.UnaryOperator<Ledger.LinkRecord> f) {
        Ledger.LinkRecord r = ledger.link(key(sb, ifname));
        if (r != null) {
            ledger.link(key(sb, ifname), f.apply(r));
        }
    }

    @Override
    public void createBridge(String name, String gatewayCidr) {
        inner.createBridge(name, gatewayCidr);
        ledger.link(name, new Ledger.LinkRecord(name, "bridge", "", "", null, true, List.of(gatewayCidr)));
    }

    @Override
    public void createVeth(String hostIf, Sandbox sandbox, String peerIf) {
        inner.createVeth(hostIf, sandbox, peerIf);
        ledger.link(hostIf, new Ledger.LinkRecord(hostIf, "veth", "", key(sandbox, peerIf), null, false, List.of()));
        ledger.link(key(sandbox, peerIf), new Ledger.LinkRecord(peerIf, "veth", "", hostIf, sandbox.id(), false, List.of()));
    }

    @Override
    public void setMaster(String ifname, String bridge) {
        inner.setMaster(ifname, bridge);
        update(null, ifname, r -> new Ledger.LinkRecord(r.name(), r.kind(), bridge, r.peer(), r.sandbox(), true, r.addresses()));
    }

    @Override
    public void addAddress(Sandbox sandbox, String ifname, String cidr) {
        inner.addAddress(sandbox, ifname, cidr);
        update(sandbox, ifname, r -> {
            List<String> a = new ArrayList<>(r.addresses());
            a.add(cidr);
            return new Ledger.LinkRecord(r.name(), r.kind(), r.master(), r.peer(), r.sandbox(), r.up(), a);
        });
    }

    @Override
    public void linkUp(Sandbox sandbox, String ifname) {
        inner.linkUp(sandbox, ifname);
        if (ledger.link(key(sandbox, ifname)) == null && ifname.equals("lo")) {
            ledger.link(key(sandbox, ifname), new Ledger.LinkRecord("lo", "loopback", "", "", sandbox == null ? null : sandbox.id(), true,
                    List.of("127.0.0.1/8")));
        }
        update(sandbox, ifname, r -> new Ledger.LinkRecord(r.name(), r.kind(), r.master(), r.peer(), r.sandbox(), true, r.addresses()));
    }

    @Override
    public void addDefaultRoute(Sandbox sandbox, String gateway, String ifname) {
        inner.addDefaultRoute(sandbox, gateway, ifname);
    }

    @Override
    public void deleteLink(String ifname) {
        inner.deleteLink(ifname);
        Ledger.LinkRecord r = ledger.link(ifname);
        ledger.unlink(ifname);
        if (r != null && !r.peer().isEmpty()) {
            ledger.unlink(r.peer());
        }
    }

    /** Forgets the links inside a sandbox whose namespace is gone. */
    void forget(Sandbox sb) {
        for (Ledger.LinkRecord r : ledger.links()) {
            if (sb.id().equals(r.sandbox())) {
                ledger.unlink(key(sb, r.name()));
            }
        }
    }

    @Override
    public boolean linkExists(String ifname) {
        return inner.linkExists(ifname);
    }

    @Override
    public void claimParent(String parent, boolean dummy) {
        inner.claimParent(parent, dummy);
    }

    @Override
    public void releaseParent(String parent, boolean dummy) {
        inner.releaseParent(parent, dummy);
    }

    @Override
    public void createMacvlan(String parent, dev.glassbox.kernel.MacvlanMode mode, Sandbox sandbox, String ifname) {
        inner.createMacvlan(parent, mode, sandbox, ifname);
        ledger.link(key(sandbox, ifname), new Ledger.LinkRecord(ifname, "macvlan", "", parent, sandbox.id(), false, List.of()));
    }

    @Override
    public void deleteLink(Sandbox sandbox, String ifname) {
        inner.deleteLink(sandbox, ifname);
        ledger.unlink(key(sandbox, ifname));
    }
}
