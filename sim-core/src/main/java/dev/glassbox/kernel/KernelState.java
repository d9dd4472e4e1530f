package dev.glassbox.kernel;

import java.util.List;
import java.util.Map;

/**
 * The kernel objects the engine made, keyed so that a diff of two states names the object that
 * changed: namespaces by inode, processes by host pid, cgroups and mounts by path, links by name.
 * {@code nat} holds the published ports' DNAT rules, {@code proxies} the docker-proxy instances
 * running for them.
 */
public record KernelState(
        Map<String, Namespace> namespaces,
        Map<String, ProcessInfo> processes,
        Map<String, Cgroup> cgroups,
        Map<String, Mount> mounts,
        Map<String, Link> links,
        Map<String, String> routes,
        List<NatRule> nat,
        List<NatRule> proxies) {

    public record Namespace(String type, long inode, int creatorPid, int members) {}

    public record Cgroup(String path, CgroupLimits limits, CgroupStats stats, List<Integer> procs, boolean frozen) {}

    /** {@code namespace} is the mount namespace's inode; {@code target} as seen inside it. */
    public record Mount(long namespace, String type, String source, String target, String options) {}

    public record Link(String name, long netns, String kind, String master, String peer, String mac, boolean up,
                       List<String> addresses) {}
}
