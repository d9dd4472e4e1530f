package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.HostConfig;
import dev.glassbox.api.LogConfig;
import dev.glassbox.kernel.Capability;
import dev.glassbox.kernel.CgroupFeature;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What dockerd checks and fills in on a container's HostConfig at create (and, for the resources, at
 * update): memory and swap, the CPU count and cpuset against the host's CPUs, capability names, the
 * logging driver and its options; and the capability set its processes get (moby's TweakCapabilities).
 */
final class HostSettings {
    /** The drivers glassbox writes and reads: json-file (Docker's default), local, and none. */
    private static final Map<String, Set<String>> DRIVER_OPTS = Map.of(
            "json-file", Set.of("max-file", "max-size", "compress", "labels", "labels-regex", "env", "env-regex", "tag"),
            "local", Set.of("max-file", "max-size", "compress"),
            "none", Set.of());
    /** Drivers Docker has that need a service glassbox does not run. */
    private static final Set<String> OTHER_DRIVERS = Set.of("syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "etwlogs",
            "gcplogs", "logentries");

    private HostSettings() {}

    /**
     * The create-time checks (settings the host's cgroups cannot carry out discarded, with their
     * warnings added to {@code warnings}), then Docker's defaults: json-file logging, swap twice the memory limit.
     */
    static HostConfig forCreate(HostConfig hc, int cpus, Set<CgroupFeature> host, List<String> warnings) {
        Discarded d = Discarded.check(hc.memory(), hc.memorySwap(), hc.cpusetCpus(), host);
        warnings.addAll(d.warnings());
        resources(hc.memory(), d.memorySwap(), hc.nanoCpus(), d.cpusetCpus(), cpus, false);
        names("CapAdd", hc.capAdd());
        names("CapDrop", hc.capDrop());
        LogConfig log = logConfig(hc.logConfig());
        long swap = hc.memory() > 0 && d.memorySwap() == 0 ? hc.memory() * 2 : d.memorySwap();
        return new HostConfig(hc.portBindings(), hc.autoRemove(), hc.restartPolicy(), hc.networkMode(), hc.memory(), hc.pidsLimit(),
                hc.nanoCpus(), hc.binds(), hc.privileged(), hc.mounts(), hc.tmpfs(), hc.usernsMode(), hc.pidMode(), hc.utsMode(),
                hc.ipcMode(), hc.publishAllPorts(), hc.volumesFrom(), hc.readonlyRootfs(), hc.capAdd(), hc.capDrop(), d.cpusetCpus(),
                hc.cpuShares(), swap, log);
    }

    /** verifyPlatformContainerResources, in dockerd's order and words. */
    static void resources(long memory, long memorySwap, long nanoCpus, String cpuset, int cpus, boolean update) {
        if (memory > 0 && memorySwap > 0 && memorySwap < memory) {
            throw DockerException.invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if (memory == 0 && memorySwap > 0 && !update) {
            throw DockerException.invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
        }
        if (nanoCpus < 0 || nanoCpus > cpus * 1_000_000_000L) {
            throw DockerException.invalid("Range of CPUs is from 0.01 to " + cpus + ".00, as there are only " + cpus + " CPUs available");
        }
        Set<Integer> wanted = cpuset(cpuset);
        for (int c : wanted) {
            if (c >= cpus) {
                throw DockerException.invalid("Requested CPUs are not available - requested " + cpuset + ", available: "
                        + (cpus == 1 ? "0" : "0-" + (cpus - 1)));
            }
        }
    }

    /** A cpuset list ({@code 0-2,4}) as the CPUs it names; moby's parsers.ParseUintList. */
    static Set<Integer> cpuset(String spec) {
        Set<Integer> out = new TreeSet<>();
        if (spec.isEmpty()) {
            return out;
        }
        DockerException bad = DockerException.invalid("Invalid value " + spec + " for cpuset cpus: invalid format: " + spec);
        for (String r : spec.split(",", -1)) {
            String[] ends = r.split("-", -1);
            try {
                if (ends.length > 2) {
                    throw bad;
                }
                int lo = Integer.parseInt(ends[0]);
                int hi = ends.length == 2 ? Integer.parseInt(ends[1]) : lo;
                if (lo < 0 || hi < lo || hi - lo > 4096) {
                    throw bad;
                }
                for (int c = lo; c <= hi; c++) {
                    out.add(c);
                }
            } catch (NumberFormatException e) {
                throw bad;
            }
        }
        return out;
    }

    private static void names(String field, List<String> caps) {
        for (String c : caps) {
            if (!c.equalsIgnoreCase("ALL") && Capability.parse(c).isEmpty()) {
                String n = c.toUpperCase(java.util.Locale.ROOT);
                throw DockerException.invalid("invalid " + field + ": unknown capability: \"" + (n.startsWith("CAP_") ? n : "CAP_" + n) + "\"");
            }
        }
    }

    private static LogConfig logConfig(LogConfig given) {
        String driver = given.driver();
        if (OTHER_DRIVERS.contains(driver)) {
            throw DockerException.unsupported("glassbox: the " + driver + " logging driver is not supported; use json-file, local or none");
        }
        Set<String> known = DRIVER_OPTS.get(driver);
        if (known == null) {
            throw DockerException.invalid("logger: no log driver named '" + driver + "' is registered");
        }
        for (String k : given.config().keySet()) {
            if (!known.contains(k)) {
                throw DockerException.invalid("unknown log opt '" + k + "' for " + driver + " log driver");
            }
        }
        return new LogConfig(driver, given.config());
    }

    /** The cgroup limits the HostConfig asks for: {@code --cpus} as a quota per 100 ms period, as runc sets it; MemorySwap -1 as no swap limit. */
    static dev.glassbox.kernel.CgroupLimits limits(HostConfig hc) {
        long cpuQuota = hc.nanoCpus() > 0 ? hc.nanoCpus() / 10_000 : 0;
        return new dev.glassbox.kernel.CgroupLimits(hc.memory(), hc.pidsLimit(), cpuQuota, 100_000, hc.cpuShares(), hc.cpusetCpus(),
                hc.memory() > 0 ? Math.max(0, hc.memorySwap()) : 0);
    }

    /** The capabilities a container's processes keep: moby's TweakCapabilities over Docker's default set. */
    static Set<Capability> capabilities(HostConfig hc) {
        if (hc.privileged()) {
            return Capability.ALL;
        }
        if (hc.capAdd().isEmpty() && hc.capDrop().isEmpty()) {
            return Capability.DOCKER_DEFAULT;
        }
        Set<Capability> add = parsed(hc.capAdd());
        Set<Capability> drop = parsed(hc.capDrop());
        Set<Capability> out = EnumSet.noneOf(Capability.class);
        if (all(hc.capAdd())) {
            out.addAll(Capability.ALL);
            out.removeAll(drop);
        } else if (all(hc.capDrop())) {
            out.addAll(add);
        } else {
            out.addAll(Capability.DOCKER_DEFAULT);
            out.removeAll(drop);
            out.addAll(add);
        }
        return out;
    }

    private static boolean all(List<String> caps) {
        return caps.stream().anyMatch(c -> c.equalsIgnoreCase("ALL"));
    }

    private static Set<Capability> parsed(List<String> caps) {
        Set<Capability> out = EnumSet.noneOf(Capability.class);
        for (String c : caps) {
            Optional<Capability> p = Capability.parse(c);
            p.ifPresent(out::add);
        }
        return out;
    }
}
