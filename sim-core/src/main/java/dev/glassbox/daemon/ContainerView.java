package dev.glassbox.daemon;

import dev.glassbox.kernel.NatRule;
import java.util.ArrayList;
import java.util.List;

/**
 * A container as the traced state shows it. Its fields are in the order of their names, as a map's keys are
 * written, so its JSON is what the map it replaces gave. A container keeps its last view and gets a new one only
 * when something shown changed: most reads of the containers find every view but one as it was, the trace's
 * comparison stops at ==, and the state before a command shares them with the state after it.
 */
record ContainerView(String cgroup, List<String> command, int exitCode, String hostname, String id, String image, String ip,
                     int logLines, List<String> lowerdirs, List<String> mounts, int pid, List<String> ports, String status,
                     String upperdir, String veth) {

    /** The view of {@code c} now: its last one if nothing in it changed. */
    static ContainerView of(Container c) {
        ContainerView v = c.view;
        List<String> ports = c.running() ? ports(c.nat, v == null ? null : v.ports) : List.of();
        if (v != null && v.pid == c.pid && v.exitCode == c.exitCode && v.logLines == c.logs.size() && v.ports == ports
                && v.status.equals(c.status.word()) && v.ip.equals(c.ip) && v.veth.equals(c.vethHost) && c.viewedMounts == c.mounts) {
            return v;
        }
        List<String> mounts = v != null && c.viewedMounts == c.mounts ? v.mounts : mounts(c.mounts);
        v = new ContainerView(v == null ? c.cgroup() : v.cgroup, c.path, c.exitCode, c.hostname, c.id, c.imageName, c.ip, c.logs.size(),
                c.lowerdirs, mounts, c.pid, ports, c.status.word(), v == null ? c.upperdir() : v.upperdir, c.vethHost);
        c.viewedMounts = c.mounts;
        c.view = v;
        return v;
    }

    /** The published ports as {@code docker port} shows them; {@code was} again when they are the same. */
    private static List<String> ports(List<NatRule> nat, List<String> was) {
        List<String> ports = new ArrayList<>(nat.size());
        for (NatRule r : nat) {
            ports.add(r.hostIp() + ":" + r.hostPort() + "->" + r.destPort() + "/" + r.proto());
        }
        return ports.equals(was) ? was : List.copyOf(ports);
    }

    private static List<String> mounts(List<MountPoint> points) {
        List<String> mounts = new ArrayList<>(points.size());
        for (MountPoint mp : points) {
            mounts.add(mp.type() + " " + (mp.type().equals("tmpfs") ? "" : mp.source() + " → ") + mp.destination() + (mp.rw() ? "" : " (ro)"));
        }
        return List.copyOf(mounts);
    }
}
