package dev.glassbox.runtime;

import dev.glassbox.kernel.Capability;
import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.IdMap;
import dev.glassbox.kernel.MountSpec;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.StdioSpec;
import java.util.List;
import java.util.Set;

/**
 * What the daemon hands the runtime to run a container: an OCI runtime spec in spirit. The rootfs
 * is an overlay of {@code lowerdirs} under {@code upperdir}, mounted at {@code merged}; with no lowerdirs,
 * {@code merged} is a plain directory that holds the whole root (the vfs storage driver). Non-empty
 * {@code uidMap} and {@code gidMap}: the container gets a user namespace of its own with these maps.
 * {@code hostNamespaces}: the PID, UTS or IPC namespaces it shares with the host ({@code --pid host}, ...)
 * instead of getting new ones. {@code stdio}: an open stdin ({@code OpenStdin}) and a terminal ({@code Tty}) for its process.
 * {@code readonlyRootfs}: runc remounts '/' read-only once the root is in place ({@code --read-only});
 * {@code capabilities}: what its processes keep.
 */
public record RuntimeSpec(String id, List<String> argv, List<String> env, String cwd, String hostname, int uid, int gid,
                          List<String> lowerdirs, String upperdir, String workdir, String merged, List<MountSpec> mounts,
                          NetworkPlan network, String cgroup, CgroupLimits limits, ExecSpec.OutputSink output,
                          List<IdMap> uidMap, List<IdMap> gidMap, Set<NsType> hostNamespaces, StdioSpec stdio,
                          boolean readonlyRootfs, Set<Capability> capabilities) {
    /** A writable root and Docker's default capabilities. */
    public RuntimeSpec(String id, List<String> argv, List<String> env, String cwd, String hostname, int uid, int gid,
                       List<String> lowerdirs, String upperdir, String workdir, String merged, List<MountSpec> mounts,
                       NetworkPlan network, String cgroup, CgroupLimits limits, ExecSpec.OutputSink output,
                       List<IdMap> uidMap, List<IdMap> gidMap, Set<NsType> hostNamespaces, StdioSpec stdio) {
        this(id, argv, env, cwd, hostname, uid, gid, lowerdirs, upperdir, workdir, merged, mounts, network, cgroup, limits, output,
                uidMap, gidMap, hostNamespaces, stdio, false, null);
    }

    public RuntimeSpec(String id, List<String> argv, List<String> env, String cwd, String hostname, int uid, int gid,
                       List<String> lowerdirs, String upperdir, String workdir, String merged, List<MountSpec> mounts,
                       NetworkPlan network, String cgroup, CgroupLimits limits, ExecSpec.OutputSink output,
                       List<IdMap> uidMap, List<IdMap> gidMap, Set<NsType> hostNamespaces) {
        this(id, argv, env, cwd, hostname, uid, gid, lowerdirs, upperdir, workdir, merged, mounts, network, cgroup, limits, output,
                uidMap, gidMap, hostNamespaces, StdioSpec.NONE);
    }

    public RuntimeSpec {
        stdio = stdio == null ? StdioSpec.NONE : stdio;
        capabilities = capabilities == null ? Capability.DOCKER_DEFAULT : Set.copyOf(capabilities);
        hostNamespaces = hostNamespaces == null ? Set.of() : Set.copyOf(hostNamespaces);
        uidMap = uidMap == null ? List.of() : List.copyOf(uidMap);
        gidMap = gidMap == null ? List.of() : List.copyOf(gidMap);
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        lowerdirs = List.copyOf(lowerdirs);
        mounts = List.copyOf(mounts);
    }

    public boolean userNamespace() {
        return !uidMap.isEmpty();
    }

    /**
     * The container's network: {@code bridge} (a veth into {@code bridge} with {@code ip}), {@code host}
     * (the host's namespace), {@code none} (only loopback) or {@code container} (joins {@code join}'s).
     */
    public record NetworkPlan(String mode, Sandbox join, String bridge, String ip, int prefix, String gateway, String vethHost,
                              List<NatRule> nat) {
        public NetworkPlan {
            nat = nat == null ? List.of() : List.copyOf(nat);
        }

        public static NetworkPlan none() {
            return new NetworkPlan("none", null, null, null, 0, null, null, List.of());
        }
    }
}
