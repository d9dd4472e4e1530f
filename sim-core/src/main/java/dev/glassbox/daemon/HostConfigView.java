package dev.glassbox.daemon;

import dev.glassbox.api.HostConfig;
import java.util.Map;

/** The HostConfig fields of {@code docker inspect} for the run flags of security, CPU, swap and logging, as dockerd shows them. */
final class HostConfigView {
    private HostConfigView() {}

    static void addTo(Map<String, Object> host, HostConfig hc) {
        Map<String, Object> log = new java.util.TreeMap<>(); // the CLI 28 templates print it as a Go map: keys sorted
        log.put("Type", hc.logConfig().driver());
        log.put("Config", new java.util.TreeMap<>(hc.logConfig().config()));
        host.put("LogConfig", log);
        host.put("VolumesFrom", hc.volumesFrom().isEmpty() ? null : hc.volumesFrom());
        host.put("CapAdd", hc.capAdd().isEmpty() ? null : hc.capAdd());
        host.put("CapDrop", hc.capDrop().isEmpty() ? null : hc.capDrop());
        host.put("ReadonlyRootfs", hc.readonlyRootfs());
        host.put("CpuShares", hc.cpuShares());
        host.put("CpusetCpus", hc.cpusetCpus());
        host.put("MemorySwap", hc.memorySwap());
    }
}
