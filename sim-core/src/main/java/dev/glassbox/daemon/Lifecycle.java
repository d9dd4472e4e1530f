package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import dev.glassbox.image.Image;
import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.Processes;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.StdioSpec;
import dev.glassbox.runtime.Runtime;
import dev.glassbox.runtime.EndpointPlan;
import dev.glassbox.runtime.RuntimeSpec;
import dev.glassbox.kernel.Signals;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The container state machine: created → running ⇄ paused → exited → removed, with restart policies. */
final class Lifecycle {
    private final Daemon d;
    private final Map<String, RuntimeSpec.NetworkPlan> plans = new LinkedHashMap<>();
    /** Containers waiting for their restart policy's delay to pass: id → when. */
    private final Map<String, Long> restarts = new LinkedHashMap<>();

    Lifecycle(Daemon d) {
        this.d = d;
    }

    /** The argv a container runs: entrypoint then cmd, each from the container or else the image. */
    static List<String> command(ContainerConfig config, Image image) {
        List<String> entry = config.entrypoint() != null ? config.entrypoint() : image.config().entrypoint();
        List<String> cmd = config.cmd() != null && !config.cmd().isEmpty() ? config.cmd()
                : config.entrypoint() != null ? null : image.config().cmd();
        List<String> out = new ArrayList<>();
        if (entry != null) {
            out.addAll(entry);
        }
        if (cmd != null) {
            out.addAll(cmd);
        }
        return out;
    }

    static List<String> env(Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : c.image.config().env()) {
            put(env, e);
        }
        env.put("HOSTNAME", c.hostname);
        for (String e : c.config.env()) {
            put(env, e);
        }
        env.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add((k + "=" + v).intern())); // one copy of the image's variables for every container
        return out;
    }

    private static void put(Map<String, String> env, String e) {
        int eq = e.indexOf('=');
        if (eq > 0) {
            env.put(e.substring(0, eq), e.substring(eq + 1));
        }
    }

    void start(Container c) {
        if (c.status == Container.Status.PAUSED) {
            throw DockerException.conflict("cannot start a paused container, try unpause instead");
        }
        if (c.running()) {
            throw new DockerException(ErrorKind.NOT_MODIFIED, "container already started");
        }
        restarts.remove(c.id);
        try (Tracer.Span s = d.tracer.open(Layer.DAEMON, null, "start container", c.name,
                "The daemon prepares the container's files and network address, then hands it to containerd to run.", "")) {
            c.linkEnv = d.links.env(c);
            UserLookup.ExecUser user = new UserLookup(d.kernel.fs()).lookup(c, c.config.user());
            writeFiles(c);
            VolumeCopy.seed(d, c);
            RuntimeSpec.NetworkPlan plan = d.networks.plan(c, d);
            EndpointPlan own = plan.endpoint();
            c.ip = own == null ? "" : own.ip();
            d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
            c.vethHost = own instanceof EndpointPlan.Veth v ? v.hostIf() : own instanceof EndpointPlan.Overlay o ? o.hostIf() : "";
            d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
            c.nat.clear();
            c.nat.addAll(plan.nat());
            d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
            c.endpointId = d.randomHex(32);
            if (!c.ip.isEmpty()) {
                Network n = d.networks.of(c);
                d.tracer.did(Layer.DAEMON, null, "allocate IP", c.ip, "IPAM hands out " + c.ip + ", the lowest free address of the "
                        + (n.predefined() ? "bridge network " : "network " + n.name() + " ") + n.ipam().subnet + ".", "");
                d.hostsFiles.write(c);
            }
            plans.put(c.id, plan);
            RuntimeSpec spec = spec(c, plan, user);
            Sandbox sb = null;
            try {
                sb = d.runtime.create(spec);
                c.sandbox = sb;
                d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
                d.hostsFiles.write(c); // the embedded DNS answers in the new namespace before PID 1 can ask it
                c.pid = d.runtime.start(sb, spec);
                d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
            } catch (Processes.ExecFailure f) {
                if (sb != null) {
                    d.tasks.kill(sb.pid(), Signals.SIGKILL);
                }
                cleanup(c, sb);
                c.exitCode = f.exitCode();
                d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
                c.error = f.getMessage();
                c.status = Container.Status.CREATED;
                d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
                throw DockerException.server("failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: "
                        + f.getMessage() + ": unknown");
            } catch (DockerException e) {
                cleanup(c, sb);
                throw e;
            } catch (RuntimeException e) {
                cleanup(c, sb);
                throw DockerException.server("failed to create task for container: " + e.getMessage().toLowerCase(java.util.Locale.ROOT));
            }
            c.status = Container.Status.RUNNING;
            d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
            c.startedAt = d.now();
            c.error = "";
            c.exitCode = 0;
            d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
            c.oomKilled = false;
            c.manuallyStopped = false;
            d.tracer.did(Layer.DAEMON, null, "running", c.name, "The container runs: its PID 1 is process " + c.pid + " on the host.", "");
            d.events.started(d, c);
            d.health.started(c);
            for (Endpoint ep : c.endpoints) {
                d.connections.attach(c, ep);
            }
            if (!c.endpoints.isEmpty()) {
                d.hostsFiles.write(c);
            }
            d.hostsFiles.refreshPeers(c);
            int pid = c.pid;
            if (c.config.openStdin() || c.config.tty()) {
                c.stdin.connect(ContainerStdin.of(d.tasks, pid));
            }
            d.tasks.onExit(pid, status -> exited(c, pid, status));
        } catch (DockerException e) {
            throw removedIfAuto(c, e);
        }
    }

    /** moby's containerStart: a start that fails removes an AutoRemove (--rm) container and its anonymous volumes, as its exit would. */
    private DockerException removedIfAuto(Container c, DockerException failure) {
        if (c.hostConfig.autoRemove()) {
            remove(c);
            VolumeUsers.removeAnonymous(d, c);
        }
        return failure;
    }

    private RuntimeSpec spec(Container c, RuntimeSpec.NetworkPlan plan, UserLookup.ExecUser user) {
        CgroupLimits limits = HostSettings.limits(c.hostConfig);
        String cwd = c.config.workingDir().isEmpty() ? (c.image.config().workingDir().isEmpty() ? "/" : c.image.config().workingDir())
                : c.config.workingDir();
        UsernsRemap remap = c.hostConfig.usernsMode().equals("host") ? null : d.options.usernsRemap();
        boolean ownNet = plan.ownNamespace();
        java.util.Set<NsType> shared = java.util.EnumSet.noneOf(NsType.class);
        for (NsType t : List.of(NsType.PID, NsType.UTS, NsType.IPC)) {
            if (c.hostConfig.sharesHost(t.procName())) {
                shared.add(t);
            }
        }
        List<String> env = new ArrayList<>(env(c));
        env.addAll(c.linkEnv);
        if (env.stream().noneMatch(e -> e.startsWith("HOME="))) {
            env.add("HOME=" + user.home()); // runc's setupUser: HOME from the user's passwd entry unless the config sets it
        }
        return new RuntimeSpec(c.id, c.path, env, cwd, c.hostname, user.uid(), user.gid(), c.lowerdirs, c.upperdir(), c.workdir(), c.merged(),
                Runtime.standardMounts(c.dir(), MountPoint.specs(c.mounts), remap != null && !ownNet, c.hostConfig.privileged()), plan, c.cgroup(), limits,
                (stream, text) -> {
                    c.log(stream, d.now(), text);
                    d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
                }, remap == null ? null : remap.uidMap(), remap == null ? null : remap.gidMap(),
                shared, new StdioSpec(c.config.openStdin(), c.config.tty(), c.ttyRows, c.ttyCols), c.hostConfig.readonlyRootfs(),
                HostSettings.capabilities(c.hostConfig), c.hostConfig.privileged()
                        ? RuntimeSpec.Confinement.privileged(d.tasks.hostDevices()) : RuntimeSpec.Confinement.DOCKER_DEFAULT);
    }

    private void writeFiles(Container c) {
        d.kernel.fs().writeFile(c.dir() + "/hostname", (c.hostname + "\n").getBytes(StandardCharsets.UTF_8));
        d.kernel.fs().writeFile(c.dir() + "/resolv.conf", resolvConf(c).getBytes(StandardCharsets.UTF_8));
        d.hostsFiles.write(c);
    }

    /** From the host's resolv.conf: the embedded DNS server on a user-defined network, the host's servers elsewhere. */
    private String resolvConf(Container c) {
        Network n = d.networks.of(c);
        boolean internal = n != null && !n.predefined();
        String host = d.kernel.hostResolvConf();
        d.tracer.note(Layer.DAEMON, null, "resolv.conf", c.name, internal
                ? "On a user-defined network the container's resolver asks Docker's embedded DNS server at 127.0.0.11, which knows the"
                        + " network's container names and aliases and forwards other names to the host's servers."
                : "On the default bridge the container gets the host's DNS servers: names of other containers do not resolve there.",
                "cp /etc/resolv.conf " + c.dir() + "/resolv.conf");
        return new ResolvConf(host).render(internal);
    }

    private void cleanup(Container c, Sandbox sb) {
        d.health.stopped(c);
        d.hostsFiles.stopDns(c, sb);
        RuntimeSpec.NetworkPlan plan = plans.remove(c.id);
        if (plan == null) {
            plan = RuntimeSpec.NetworkPlan.none();
        }
        d.runtime.teardown(c.id, sb, plan, c.rootfs.union() ? c.merged() : null, c.cgroup());
        d.networks.release(c);
        for (Endpoint ep : c.endpoints) {
            d.connections.detach(ep, null);
        }
        c.sandbox = null;
        d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
    }

    /** containerd's OOM watch: any process of the container killed by the OOM killer marks it OOMKilled, not only PID 1. */
    private long oomKillsIn(Container c) {
        try {
            return d.tasks.stats(c.cgroup()).oomKills();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The shim saw PID 1 exit: record it, take the container apart, apply --rm and the restart policy. */
    private void exited(Container c, int pid, ExitStatus status) {
        if (c.pid != pid || !c.running()) {
            return;
        }
        try (Tracer.Span s = d.tracer.open(Layer.DAEMON, null, "container exited", c.name, "PID 1 of " + c.name + " ended with status "
                + status.code() + (status.oomKilled() ? " (killed by the OOM killer)" : "") + "; the container stops with it.", "")) {
            boolean oom = status.oomKilled() || oomKillsIn(c) > 0;
            c.stdin.disconnect();
            cleanup(c, c.sandbox);
            c.status = Container.Status.EXITED;
            d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
            c.exitCode = status.code();
            d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
            c.oomKilled = oom;
            c.finishedAt = status.atMillis() > 0 ? status.atMillis() : d.now();
            c.stops++;
            c.pid = 0;
            d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
            d.tracer.did(Layer.DAEMON, null, "exited", c.name, c.name + " is recorded as exited with status " + c.exitCode + ".", "");
            d.events.died(d, oom, c);
            d.hostsFiles.refreshPeers(c);
            if (c.hostConfig.autoRemove()) {
                remove(c);
                VolumeUsers.removeAnonymous(d, c);
                return;
            }
            if (shouldRestart(c)) {
                long delay = 100L << Math.min(c.restartCount, 10);
                c.status = Container.Status.RESTARTING;
                d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
                restarts.put(c.id, d.now() + delay);
                d.tracer.note(Layer.DAEMON, null, "restart scheduled", c.name, "The restart policy " + c.hostConfig.restartPolicy().name()
                        + " brings the container back in " + delay + " ms.", "");
            }
        }
    }

    private boolean shouldRestart(Container c) {
        var p = c.hostConfig.restartPolicy();
        if (c.manuallyStopped) {
            return false;
        }
        return switch (p.name()) {
            case "always", "unless-stopped" -> true;
            case "on-failure" -> c.exitCode != 0 && (p.maximumRetryCount() == 0 || c.restartCount < p.maximumRetryCount());
            default -> false;
        };
    }

    /** The earliest restart due, Long.MAX_VALUE when none is. */
    long nextDue() {
        return restarts.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    /** Restarts whose delay has passed. */
    void tick() {
        for (Map.Entry<String, Long> e : new ArrayList<>(restarts.entrySet())) {
            if (e.getValue() <= d.now()) {
                restarts.remove(e.getKey());
                for (Container c : d.all()) {
                    if (c.id.equals(e.getKey()) && c.status == Container.Status.RESTARTING) {
                        c.restartCount++;
                        c.status = Container.Status.EXITED;
                        d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
                        try {
                            start(c);
                        } catch (DockerException ex) {
                            c.error = ex.getMessage();
                        }
                    }
                }
            }
        }
    }

    void stop(Container c, Integer timeoutSeconds, String signal) {
        if (c.status == Container.Status.RESTARTING) {
            restarts.remove(c.id);
            c.status = Container.Status.EXITED;
            d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
            c.manuallyStopped = true;
            return;
        }
        if (!c.running()) {
            throw new DockerException(ErrorKind.NOT_MODIFIED, "container already stopped");
        }
        String sigName = signal != null && !signal.isEmpty() ? signal
                : !c.config.stopSignal().isEmpty() ? c.config.stopSignal()
                : !c.image.config().stopSignal().isEmpty() ? c.image.config().stopSignal() : "SIGTERM";
        int sig = Signals.parse(sigName);
        if (sig < 0) {
            throw DockerException.invalid("Invalid signal: " + sigName);
        }
        int timeout = timeoutSeconds != null ? timeoutSeconds : c.config.stopTimeout() != null ? c.config.stopTimeout() : 10;
        c.manuallyStopped = true;
        try (Tracer.Span s = d.tracer.open(Layer.DAEMON, null, "stop container", c.name, "docker stop sends " + Signals.name(sig)
                + " to PID 1 and waits up to " + timeout + " s for it to exit before it sends SIGKILL.", "")) {
            if (c.status == Container.Status.PAUSED) {
                pause(c, false);
            }
            int pid = c.pid;
            signal(c, sig);
            Optional<ExitStatus> st = d.tasks.waitExit(pid, timeout < 0 ? Daemon.WAIT_CAP_MILLIS : timeout * 1000L);
            if (st.isEmpty()) {
                d.tracer.note(Layer.DAEMON, null, "stop timeout", c.name, "PID 1 is still running after " + timeout
                        + " s: the daemon sends SIGKILL, which cannot be caught or ignored.", "");
                signal(c, Signals.SIGKILL);
                d.tasks.waitExit(pid, 0);
            }
        }
        d.events.container(c, "stop");
    }

    void signal(Container c, int sig) {
        d.events.container(c, "kill", Map.of("signal", String.valueOf(sig)));
        d.tasks.kill(c.pid, sig);
    }

    void pause(Container c, boolean frozen) {
        if (!c.running()) {
            throw DockerException.conflict("Container " + c.id + " is not running");
        }
        if (frozen && c.status == Container.Status.PAUSED) {
            throw DockerException.conflict("Container " + c.id + " is already paused");
        }
        if (!frozen && c.status != Container.Status.PAUSED) {
            throw DockerException.conflict("Container " + c.id + " is not paused");
        }
        if (frozen) {
            d.tasks.pause(c.cgroup());
        } else {
            d.tasks.resume(c.cgroup());
        }
        c.status = frozen ? Container.Status.PAUSED : Container.Status.RUNNING;
        d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
        d.events.container(c, frozen ? "pause" : "unpause");
    }

    Api.WaitResult await(Container c, String condition) {
        if (!List.of("not-running", "next-exit", "removed").contains(condition)) {
            throw DockerException.invalid("invalid condition: \"" + condition + "\"");
        }
        if (!c.running() && condition.equals("not-running")) {
            return new Api.WaitResult(c.exitCode, c.error);
        }
        if (!c.running() && condition.equals("removed") && c.removed) {
            return new Api.WaitResult(c.exitCode, c.error);
        }
        if (!c.running()) {
            return new Api.WaitResult(-1, "still running");
        }
        Optional<ExitStatus> st = d.tasks.waitExit(c.pid, Daemon.WAIT_CAP_MILLIS);
        if (st.isEmpty()) {
            return new Api.WaitResult(-1, "still running");
        }
        return new Api.WaitResult(st.get().code(), "");
    }

    /** How the last removed containers ended, by full id: what a wait for "removed" answers once they are gone. */
    private final Map<String, Api.WaitResult> gone = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Api.WaitResult> eldest) {
            return size() > 256;
        }
    };

    /**
     * A wait for the container {@code ref} names; one removed lately, named by its full id, answers
     * the exit it had (dockerd's waiter, registered before the removal, gets it; a late one by full id too).
     */
    Api.WaitResult await(String ref, String condition) {
        Api.WaitResult exit = gone.get(ref);
        return exit != null ? exit : await(d.container(ref), condition);
    }

    void remove(Container c) {
        gone.put(c.id, new Api.WaitResult(c.exitCode, c.error == null ? "" : c.error));
        try (Tracer.Span s = d.tracer.open(Layer.DAEMON, null, "remove container", c.name,
                "The container's writable layer and its files are deleted; the image's layers stay.", "rm -rf " + c.dir())) {
            restarts.remove(c.id);
            c.status = Container.Status.REMOVING;
            d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
            d.images.storage.removeContainerLayers(c.cacheId);
            d.kernel.fs().remove(c.dir());
            d.containers.remove(c.name);
            d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
            c.removed = true;
            d.events.container(c, "destroy");
        }
    }
}
