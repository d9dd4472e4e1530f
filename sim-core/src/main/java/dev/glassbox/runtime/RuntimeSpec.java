package dev.glassbox.runtime;

import dev.glassbox.kernel.Capability;
import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.Device;
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
 * {@code capabilities}: what its processes keep; {@code confinement}: the device nodes it gets beyond the
 * standard ones and the paths runc masks or makes read-only ({@code --privileged} changes both).
 */
public record RuntimeSpec(String id, List<String> argv, List<String> env, String cwd, String hostname, int uid, int gid,
                          List<String> lowerdirs, String upperdir, String workdir, String merged, List<MountSpec> mounts,
                          NetworkPlan network, String cgroup, CgroupLimits limits, ExecSpec.OutputSink output,
                          List<IdMap> uidMap, List<IdMap> gidMap, Set<NsType> hostNamespaces, StdioSpec stdio,
                          boolean readonlyRootfs, Set<Capability> capabilities, Confinement confinement) {
    /** A writable root and Docker's default capabilities. */
    public RuntimeSpec(String id, List<String> argv, List<String> env, String cwd, String hostname, int uid, int gid,
                       List<String> lowerdirs, String upperdir, String workdir, String merged, List<MountSpec> mounts,
                       NetworkPlan network, String cgroup, CgroupLimits limits, ExecSpec.OutputSink output,
                       List<IdMap> uidMap, List<IdMap> gidMap, Set<NsType> hostNamespaces, StdioSpec stdio) {
        this(id, argv, env, cwd, hostname, uid, gid, lowerdirs, upperdir, workdir, merged, mounts, network, cgroup, limits, output,
                uidMap, gidMap, hostNamespaces, stdio, false, null, null);
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
        confinement = confinement == null ? Confinement.DOCKER_DEFAULT : confinement;
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
     * What an OCI spec's {@code linux} section adds to the standard mounts: {@code devices} made in
     * the container's /dev besides runc's own (null, zero, full, random, urandom, tty), and the
     * {@code maskedPaths} and {@code readonlyPaths} runc hides or freezes after pivot_root.
     */
    public record Confinement(List<Device> devices, List<String> maskedPaths, List<String> readonlyPaths) {
        /** moby's oci.DefaultLinuxSpec: no extra device, host-revealing /proc and /sys files masked, the host-wide knobs read-only. */
        public static final Confinement DOCKER_DEFAULT = new Confinement(List.of(),
                List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
                        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap"),
                List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"));

        public Confinement {
            devices = List.copyOf(devices);
            maskedPaths = List.copyOf(maskedPaths);
            readonlyPaths = List.copyOf(readonlyPaths);
        }

        /** {@code --privileged}: every device of the host, nothing masked, nothing read-only (moby's WithDevices and WithMaskedPaths). */
        public static Confinement privileged(List<Device> hostDevices) {
            return new Confinement(hostDevices, List.of(), List.of());
        }
    }

    /** The container's network namespace: the host's, its own with only loopback, another container's, or its own with an endpoint. */
    public sealed interface NetworkPlan {
        /** {@code --network host}: the host's namespace; nothing is set up. */
        record Host() implements NetworkPlan {
        }

        /** {@code --network none}: a namespace of its own with only its loopback link. */
        record Isolated() implements NetworkPlan {
        }

        /** {@code --network container:X}: X's namespace, joined. */
        record Joined(Sandbox sandbox) implements NetworkPlan {
        }

        /** A namespace of its own with {@code endpoint}, a default route through {@code gateway}, and the published ports' rules. */
        record Attached(EndpointPlan endpoint, String gateway, List<NatRule> nat) implements NetworkPlan {
            public Attached {
                nat = nat == null ? List.of() : List.copyOf(nat);
            }
        }

        static NetworkPlan none() {
            return new Isolated();
        }

        /** Whether the container gets a network namespace of its own (not the host's, not another container's). */
        default boolean ownNamespace() {
            return !(this instanceof Host) && !(this instanceof Joined);
        }

        /** The endpoint the container starts with; null without one. */
        default EndpointPlan endpoint() {
            return null;
        }

        /** The published ports' DNAT rules and proxies. */
        default List<NatRule> nat() {
            return List.of();
        }
    }
}
