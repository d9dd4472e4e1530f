package dev.glassbox.runtime;

import dev.glassbox.kernel.CgroupFeature;
import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.CgroupStats;
import dev.glassbox.kernel.Device;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.kernel.ProcessInfo;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.Stdio;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * containerd's task service, for containers {@link Runtime} has started: what dockerd asks of a
 * running container goes through here to the shim and runc, and from them to the kernel. Each method
 * names the runc command (or the shim's duty) it plays.
 */
public final class Tasks {
    private final Kernel kernel;

    public Tasks(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * runc exec: a new process joins the sandbox's namespaces and cgroup. Throws
     * {@link dev.glassbox.kernel.Processes.ExecFailure} when the program cannot be executed.
     */
    public int exec(Sandbox sandbox, ExecSpec spec) {
        return kernel.processes().spawn(sandbox, spec);
    }

    /** runc kill: a signal to one of the container's processes; one already gone is ignored. */
    public void kill(int pid, int signal) {
        kernel.processes().kill(pid, signal);
    }

    /** The shim's wait: up to {@code timeoutMillis} for the process to end (0: don't wait); empty while it runs. */
    public Optional<ExitStatus> waitExit(int pid, long timeoutMillis) {
        return kernel.processes().waitFor(pid, timeoutMillis);
    }

    /** The shim's exit event: called once when the process ends (at once if it has ended). */
    public void onExit(int pid, Consumer<ExitStatus> listener) {
        kernel.processes().onExit(pid, listener);
    }

    /**
     * The shim's end of the stdin pipe (or pty master) of a process started interactively. Throws
     * {@link IllegalStateException} for any other process, or where the kernel keeps none.
     */
    public Stdio stdin(int pid) {
        return kernel.processes().stdio(pid);
    }

    /** runc ps: the processes in the container's PID namespace, with their PIDs as the host sees them. */
    public List<ProcessInfo> ps(Sandbox sandbox) {
        return kernel.processes().list(sandbox);
    }

    /** runc pause: the freezer stops every process of the container's cgroup. */
    public void pause(String cgroup) {
        kernel.cgroups().freeze(cgroup, true);
    }

    /** runc resume: the freezer lets the container's processes run again. */
    public void resume(String cgroup) {
        kernel.cgroups().freeze(cgroup, false);
    }

    /** runc events --stats: the container's cgroup counters (memory, CPU, pids, OOM kills). */
    public CgroupStats stats(String cgroup) {
        return kernel.cgroups().stats(cgroup);
    }

    /** runc update: new limits written to the running container's cgroup, applying at once. */
    public void update(String cgroup, CgroupLimits limits) {
        kernel.cgroups().update(cgroup, limits);
    }

    /** runc features: the optional cgroup controls this host has (dockerd discards a setting that needs a missing one). */
    public Set<CgroupFeature> features() {
        return kernel.cgroups().features();
    }

    /** The host's devices, which {@code --privileged} gives the container (moby's oci.DevicesFromPath over /dev). */
    public List<Device> hostDevices() {
        return kernel.mounts().hostDevices();
    }
}
