package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.Processes;
import dev.glassbox.kernel.StdioSpec;
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
        final String id;
        final Container container;
        final Api.ExecConfig config;
        final List<Api.LogLine> output = new ArrayList<>();
        final ContainerStdin stdin = new ContainerStdin();
        Integer exitCode;
        boolean running;
        int pid;

        Exec(String id, Container container, Api.ExecConfig config) {
            this.id = id;
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
        execs.put(id, new Exec(id, c, config));
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
            String failure = launch(e, (stream, text) -> e.output.add(new Api.LogLine(stream, d.now(), text)), StdioSpec.NONE);
            if (failure != null) {
                e.output.add(new Api.LogLine(2, d.now(), failure + "\n"));
                return new Api.ExecResult(List.copyOf(e.output), e.exitCode);
            }
            d.events.exec(e.container, "exec_start", id, e.config.cmd());
            Optional<ExitStatus> st = d.tasks.waitExit(e.pid, Daemon.WAIT_CAP_MILLIS);
            if (st.isEmpty()) {
                return new Api.ExecResult(List.copyOf(e.output), -1);
            }
            e.running = false;
            e.exitCode = st.get().code();
            d.events.execDied(e.container, id, e.exitCode);
            return new Api.ExecResult(List.copyOf(e.output), e.exitCode);
        }
    }

    /** What a health check's exec came to: its exit status and output, or that it ran past its timeout (and was killed). */
    record Outcome(int exitCode, String output, boolean timedOut) {}

    /**
     * A health check: an exec of {@code cmd} in the container, waited for at most {@code timeoutMillis};
     * past that it is killed. A command that cannot start fails with the runtime's error as its output.
     */
    Outcome probe(Container c, List<String> cmd, long timeoutMillis) {
        String id = create(c, new Api.ExecConfig(cmd, List.of(), "", "", false, false));
        Exec e = get(id);
        StringBuilder out = new StringBuilder();
        String failure = launch(e, (stream, text) -> out.append(text), StdioSpec.NONE);
        if (failure != null) {
            return new Outcome(-1, failure, false);
        }
        d.events.exec(c, "exec_start", id, cmd);
        Optional<ExitStatus> st = d.tasks.waitExit(e.pid, Math.min(timeoutMillis, Daemon.WAIT_CAP_MILLIS));
        boolean timedOut = st.isEmpty();
        if (timedOut) {
            d.tasks.kill(e.pid, 9);
            st = d.tasks.waitExit(e.pid, 1_000);
        }
        e.running = false;
        e.exitCode = st.map(ExitStatus::code).orElse(-1);
        d.events.execDied(c, id, e.exitCode);
        return new Outcome(e.exitCode, out.toString(), timedOut);
    }

    /** docker exec -d: the process starts and runs on; its exit is recorded when the kernel reports it. */
    void startDetached(String id) {
        Exec e = get(id);
        try (Tracer.Span s = openSpan(e, "The daemon asks containerd to start one more process inside " + e.container.name
                + ", in the same namespaces and cgroup as PID 1, and does not wait for it: its output goes nowhere.")) {
            String failure = launch(e, ExecSpec.OutputSink.DISCARD, StdioSpec.NONE);
            if (failure != null) {
                throw DockerException.server(failure);
            }
            d.events.exec(e.container, "exec_start", id, e.config.cmd());
            d.tasks.onExit(e.pid, st -> {
                e.running = false;
                e.exitCode = st.code();
                d.events.execDied(e.container, id, e.exitCode);
            });
        }
    }

    /**
     * docker exec -i / -t: the process starts and its stream is answered at once; its end is recorded
     * when the kernel reports it ({@link #inspect} shows it). Stdin with {@code AttachStdin}, a terminal with {@code Tty}.
     */
    Api.Attachment attach(String id) {
        Exec e = get(id);
        try (Tracer.Span s = openSpan(e, "The daemon asks containerd to start one more process inside " + e.container.name
                + ", in the same namespaces and cgroup as PID 1, and streams its " + (e.config.tty() ? "terminal" : "output")
                + " to the client" + (e.config.attachStdin() ? ", whose input becomes the process's stdin." : "."))) {
            List<Api.LogLine> buffer = new ArrayList<>();
            StdioSpec stdio = new StdioSpec(e.config.attachStdin(), e.config.tty(), 24, 80);
            String failure = launch(e, (stream, text) -> buffer.add(new Api.LogLine(stream, d.now(), text)), stdio);
            if (failure != null) {
                buffer.add(new Api.LogLine(e.config.tty() ? 1 : 2, d.now(), failure + "\n"));
                return new Attachments.Stream(buffer, null, null, null, e.config.tty(), false, true, true, () -> true);
            }
            if (stdio.interactive()) {
                e.stdin.connect(ContainerStdin.of(d.tasks, e.pid));
            }
            d.events.exec(e.container, "exec_start", id, e.config.cmd());
            d.tasks.onExit(e.pid, st -> {
                e.running = false;
                e.exitCode = st.code();
                e.stdin.disconnect();
                d.events.execDied(e.container, id, e.exitCode);
            });
            return new Attachments.Stream(buffer, null, e.config.attachStdin() ? e.stdin : null,
                    e.config.tty() ? DetachKeys.parse("") : null, e.config.tty(), !e.config.tty(), true, true, () -> !e.running);
        }
    }

    /** POST /exec/{id}/resize */
    void resize(String id, int height, int width) {
        Attachments.checkSize(height, width);
        Exec e = get(id);
        if (!e.container.running()) {
            throw Daemon.notRunning(e.container);
        }
        if (e.container.status == Container.Status.PAUSED) {
            throw DockerException.conflict("Container " + e.container.id + " is paused, unpause the container before exec");
        }
        if (e.pid == 0) {
            throw DockerException.server("timeout waiting for exec session ready");
        }
        e.stdin.resize(height, width);
    }

    /** The exec's span, once its container is found running. */
    private Tracer.Span openSpan(Exec e, String sentence) {
        if (!e.container.running()) {
            throw Daemon.notRunning(e.container);
        }
        if (e.running) {
            throw DockerException.conflict("Error: Exec command " + e.id + " is already running");
        }
        if (e.exitCode != null) {
            throw DockerException.conflict("Error: Exec command " + e.id + " has already run");
        }
        return d.tracer.open(Layer.DAEMON, null, "exec", String.join(" ", e.config.cmd()), sentence, "");
    }

    /** Spawns the exec's process, its output to {@code sink}; the runtime's error when it could not start it, else null. */
    private String launch(Exec e, ExecSpec.OutputSink sink, StdioSpec stdio) {
        Container c = e.container;
        List<String> env = new ArrayList<>(Lifecycle.env(c));
        env.addAll(c.linkEnv);
        env.addAll(e.config.env() == null ? List.of() : e.config.env());
        String cwd = e.config.workingDir() != null && !e.config.workingDir().isEmpty() ? e.config.workingDir()
                : c.config.workingDir().isEmpty() ? c.image.config().workingDir() : c.config.workingDir();
        UserLookup.ExecUser u;
        try {
            u = new UserLookup(d.kernel.fs()).lookup(c, e.config.user() == null || e.config.user().isEmpty() ? c.config.user() : e.config.user());
        } catch (dev.glassbox.api.DockerException x) {
            e.exitCode = 126;
            return x.getMessage();
        }
        int[] user = {u.uid(), u.gid()};
        if (env.stream().noneMatch(v -> v.startsWith("HOME="))) {
            env.add("HOME=" + u.home());
        }
        try {
            e.pid = d.tasks.exec(c.sandbox, new ExecSpec(e.config.cmd(), env, cwd, user[0], user[1], "", sink, stdio,
                    e.config.privileged() ? dev.glassbox.kernel.Capability.ALL : HostSettings.capabilities(c.hostConfig)));
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
