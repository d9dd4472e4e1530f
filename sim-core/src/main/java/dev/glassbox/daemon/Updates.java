package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.HostConfig;
import dev.glassbox.api.RestartPolicy;
import dev.glassbox.api.UpdateRequest;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.util.List;

/**
 * docker update: dockerd checks the new resources as at create, merges them into the container's
 * HostConfig (moby's UpdateContainer, in its words when they conflict), and, when the container runs,
 * has the runtime write them to its cgroup at once; a stopped container gets them at its next start.
 */
final class Updates {
    private Updates() {}

    static List<String> update(Daemon d, String ref, UpdateRequest asked) {
        Discarded dropped = Discarded.check(asked.memory(), asked.memorySwap(), asked.cpusetCpus(), d.tasks.features());
        UpdateRequest r = new UpdateRequest(asked.memory(), dropped.memorySwap(), asked.nanoCpus(), asked.cpuShares(), asked.pidsLimit(),
                asked.restartPolicy(), dropped.cpusetCpus());
        HostSettings.resources(r.memory(), r.memorySwap(), r.nanoCpus(), r.cpusetCpus(), d.kernel.info().cpus(), true);
        Container c = d.container(ref);
        if (c.removed || c.status == Container.Status.REMOVING || c.status == Container.Status.DEAD) {
            throw cannot(c, "container is marked for removal and cannot be \"update\"");
        }
        try (Tracer.Span s = d.tracer.open(Layer.DAEMON, null, "update container", c.name,
                "The daemon merges the new limits into the container's HostConfig" + (c.running()
                        ? " and has the runtime write them to its cgroup: they apply at once, without a restart." : "; they apply at its next start."),
                "")) {
            HostConfig hc = merged(c, r);
            if (c.running()) {
                d.tracer.did(Layer.RUNTIME, null, "runc update", c.id.substring(0, 12), "containerd asks runc to write the new limits to the container's cgroup.",
                        dev.glassbox.runtime.Runtime.runc(d.kernel, "runc update --memory " + hc.memory() + (hc.memorySwap() != 0 ? " --memory-swap " + hc.memorySwap() : "")
                                + " --pids-limit " + hc.pidsLimit() + (hc.cpusetCpus().isEmpty() ? "" : " --cpuset-cpus " + hc.cpusetCpus()) + " " + c.id));
                try {
                    d.tasks.update(c.cgroup(), HostSettings.limits(hc));
                } catch (RuntimeException e) { // the old settings stay, as dockerd restores them when the runtime refuses
                    throw DockerException.server("Cannot update container " + c.id + ": " + e.getMessage());
                }
            }
            c.hostConfig = hc;
            d.events.container(c, "update");
            return dropped.warnings();
        }
    }

    private static HostConfig merged(Container c, UpdateRequest r) {
        HostConfig h = c.hostConfig;
        long memory = h.memory();
        long swap = h.memorySwap();
        if (r.memory() != 0) {
            if (r.memory() > swap && r.memorySwap() == 0) {
                throw cannot(c, "Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time");
            }
            memory = r.memory();
        }
        if (r.memorySwap() != 0) {
            swap = r.memorySwap();
        }
        if (memory > 0 && swap > 0 && swap < memory) {
            throw cannot(c, "Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        RestartPolicy restart = h.restartPolicy();
        if (r.restartPolicy() != null && !r.restartPolicy().name().isEmpty()) {
            if (h.autoRemove() && !r.restartPolicy().name().equals("no")) {
                throw cannot(c, "Restart policy cannot be updated because AutoRemove is enabled for the container");
            }
            restart = r.restartPolicy();
        }
        long pids = r.pidsLimit() == null ? h.pidsLimit() : Math.max(0, r.pidsLimit());
        return new HostConfig(h.portBindings(), h.autoRemove(), restart, h.networkMode(), memory, pids,
                r.nanoCpus() != 0 ? r.nanoCpus() : h.nanoCpus(), h.binds(), h.privileged(), h.mounts(), h.tmpfs(), h.usernsMode(),
                h.pidMode(), h.utsMode(), h.ipcMode(), h.publishAllPorts(), h.volumesFrom(), h.readonlyRootfs(), h.capAdd(), h.capDrop(),
                r.cpusetCpus().isEmpty() ? h.cpusetCpus() : r.cpusetCpus(), r.cpuShares() != 0 ? r.cpuShares() : h.cpuShares(), swap,
                h.logConfig());
    }

    private static DockerException cannot(Container c, String why) {
        return DockerException.conflict("Cannot update container " + c.id + ": " + why);
    }
}
