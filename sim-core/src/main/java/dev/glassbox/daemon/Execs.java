package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.Processes;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** docker exec: extra processes started inside a running container's namespaces and cgroup. */
final class Execs {
    private static final class Exec {
        final Container container;
        final Api.ExecConfig config;
        final List<Api.LogLine> output = new ArrayList<>();
        Integer exitCode;
        boolean running;
        int pid;

        Exec(Container container, Api.ExecConfig config) {
            this.container = container;
            this.config = config;
        }
    }

    private final Daemon d;
    private final Map<String, Exec> execs = new LinkedHashMap<>();

    Execs(Daemon d) {
        this.d = d;
    }

    String create(Container c, Api.ExecConfig config) {
        if (!c.running()) {
            throw Daemon.notRunning(c);
        }
        if (c.status == Container.Status.PAUSED) {
            throw DockerException.conflict("Container " + c.id + " is paused, unpause the container before exec");
        }
        if (config.cmd() == null || config.cmd().isEmpty()) {
            throw DockerException.invalid("No exec command specified");
        }
        String id = d.randomHex(32);
        execs.put(id, new Exec(c, config));
        d.events.exec(c, "exec_create", id, config.cmd());
        if (execs.size() > 1000) {
            execs.remove(execs.keySet().iterator().next());
        }
        return id;
    }

    private Exec get(String id) {
        Exec e = execs.get(id);
        if (e == null) {
            throw DockerException.notFound("No such exec instance: " + id);
        }
        return e;
    }

    Api.ExecResult start(String id) {
        Exec e = get(id);
        try (Tracer.Span s = openSpan(e, "The daemon asks containerd to start one more process inside " + e.container.name
                + ": it enters the same namespaces and cgroup as PID 1.")) {
            String failure = launch(e, (stream, text) -> e.output.add(new Api.LogLine(stream, d.now(), text)));
            if (failure != null) {
                e.output.add(new Api.LogLine(2, d.now(), failure + "\n"));
                return new Api.ExecResult(List.copyOf(e.output), e.exitCode);
            }
            d.events.exec(e.container, "exec_start", id, e.config.cmd());
            Optional<ExitStatus> st = d.kernel.processes().waitFor(e.pid, Daemon.WAIT_CAP_MILLIS);
            if (st.isEmpty()) {
                return new Api.ExecResult(List.copyOf(e.output), -1);
            }
            e.running = false;
            e.exitCode = st.get().code();
            d.events.execDied(e.container, id, e.exitCode);
            return new Api.ExecResult(List.copyOf(e.output), e.exitCode);
        }
    }

    /** docker exec -d: the process starts and runs on; its exit is recorded when the kernel reports it. */
    void startDetached(String id) {
        Exec e = get(id);
        try (Tracer.Span s = openSpan(e, "The daemon asks containerd to start one more process inside " + e.container.name
                + ", in the same namespaces and cgroup as PID 1, and does not wait for it: its output goes nowhere.")) {
            String failure = launch(e, ExecSpec.OutputSink.DISCARD);
            if (failure != null) {
                throw DockerException.server(failure);
            }
            d.events.exec(e.container, "exec_start", id, e.config.cmd());
            d.kernel.processes().onExit(e.pid, st -> {
                e.running = false;
                e.exitCode = st.code();
                d.events.execDied(e.container, id, e.exitCode);
            });
        }
    }

    /** The exec's span, once its container is found running. */
    private Tracer.Span openSpan(Exec e, String sentence) {
        if (!e.container.running()) {
            throw Daemon.notRunning(e.container);
        }
        return d.tracer.open(Layer.DAEMON, null, "exec", String.join(" ", e.config.cmd()), sentence, "");
    }

    /** Spawns the exec's process, its output to {@code sink}; the runtime's error when it could not start it, else null. */
    private String launch(Exec e, ExecSpec.OutputSink sink) {
        Container c = e.container;
        List<String> env = new ArrayList<>(Lifecycle.env(c));
        env.addAll(e.config.env() == null ? List.of() : e.config.env());
        String cwd = e.config.workingDir() != null && !e.config.workingDir().isEmpty() ? e.config.workingDir()
                : c.config.workingDir().isEmpty() ? c.image.config().workingDir() : c.config.workingDir();
        int[] user = Lifecycle.user(e.config.user() == null || e.config.user().isEmpty() ? c.config.user() : e.config.user());
        try {
            e.pid = d.kernel.processes().spawn(c.sandbox, new ExecSpec(e.config.cmd(), env, cwd, user[0], user[1], "", sink));
        } catch (Processes.ExecFailure f) {
            e.exitCode = f.exitCode();
            return "OCI runtime exec failed: exec failed: unable to start container process: " + f.getMessage() + ": unknown";
        }
        e.running = true;
        return null;
    }

    Api.ExecInspect inspect(String id) {
        Exec e = get(id);
        return new Api.ExecInspect(id, e.container.id, e.running, e.exitCode, e.pid);
    }
}
