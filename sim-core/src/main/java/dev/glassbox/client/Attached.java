package dev.glassbox.client;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import dev.glassbox.api.UsageException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The commands that join a container's streams: {@code docker attach}, and the attached part of
 * {@code run} and {@code start -a/-i}. With the user's console and stdin or a tty they hold the stream
 * open ({@link Interaction}); without one the output is read to its end, as with input redirected.
 */
final class Attached {
    /** The docker CLI's refusal to join a terminal from input that is not one. */
    static final String NOT_A_TTY = "the input device is not a TTY";
    /** What {@code docker attach} and {@code docker exec} print when the user types the detach keys. */
    static final String ESCAPED = "read escape sequence";

    private Attached() {}

    /** With a console it follows the container live even without stdin or a tty (its logs until Ctrl-C, say). */
    static int attach(Session s, Parsed p) {
        String name = p.args.get(0);
        Map<String, Object> c = s.api.inspectContainer(name);
        Map<?, ?> state = map(c.get("State"));
        if (!flag(state, "Running")) {
            throw new UsageException("You cannot attach to a stopped container, start it first", 1);
        }
        if (flag(state, "Paused")) {
            throw new UsageException("You cannot attach to a paused container, unpause it first", 1);
        }
        if (flag(state, "Restarting")) {
            throw new UsageException("You cannot attach to a restarting container, wait until it is running", 1);
        }
        Map<?, ?> config = map(c.get("Config"));
        boolean tty = flag(config, "Tty");
        boolean noStdin = p.bool("no-stdin");
        if (tty && !noStdin && s.console == null) {
            throw new UsageException(NOT_A_TTY, 1);
        }
        String id = String.valueOf(c.get("Id"));
        Link link = new Link(!noStdin && flag(config, "OpenStdin"), tty, p.string("detach-keys", ""), p.bool("sig-proxy") && !tty);
        Api.Attachment a = s.api.attach(id, link.options());
        try {
            if (s.console == null) {
                return drained(s, a, id, () -> name, "not-running", link);
            }
            if (tty) {
                resize(s, id, s.console.size().rows() + 1, s.console.size().columns() + 1); // the CLI's nudge: the shell redraws its prompt
            }
            return switch (session(s, a, id, link)) {
                case DETACHED -> {
                    s.err(ESCAPED);
                    yield 1;
                }
                case INTERRUPTED -> Interaction.INTERRUPTED_STATUS;
                case EXITED -> exitStatus(s, id, "not-running");
            };
        } finally {
            a.close();
        }
    }

    /** start -a/-i: the container as it was created (its tty, its open stdin), attached and started. */
    static int start(Session s, String name, boolean interactive, String detachKeys) {
        Map<String, Object> c = s.api.inspectContainer(name);
        Map<?, ?> config = map(c.get("Config"));
        boolean tty = flag(config, "Tty");
        Link link = new Link(interactive && flag(config, "OpenStdin"), tty, detachKeys, !tty);
        String condition = flag(map(c.get("HostConfig")), "AutoRemove") ? "removed" : "not-running";
        return started(s, String.valueOf(c.get("Id")), () -> name, condition, false, link);
    }

    /** run and start -a: attach, start, then the user's session or the output to its end; the exit status. */
    static int started(Session s, String id, Supplier<String> name, String condition, boolean fromRun, Link link) {
        Api.Attachment a = s.api.attach(id, link.options());
        try {
            try {
                s.api.start(id);
            } catch (DockerException e) {
                if (e.kind() != ErrorKind.NOT_MODIFIED) {
                    s.stream(a.drain());
                    s.err(fromRun ? RunCommand.runError(e) : Session.daemonError(e));
                    return fromRun ? RunCommand.startFailureStatus(e.getMessage()) : 1;
                }
            }
            if (!live(s, link)) {
                return drained(s, a, id, name, condition, link);
            }
            return switch (session(s, a, id, link)) {
                case DETACHED -> 0; // run and start print nothing when the user detaches
                case INTERRUPTED -> Interaction.INTERRUPTED_STATUS;
                case EXITED -> exitStatus(s, id, condition);
            };
        } finally {
            a.close();
        }
    }

    /** Whether the user's console takes part: there is one, and keys or a terminal to use it for. */
    private static boolean live(Session s, Link link) {
        return s.console != null && (link.stdin() || link.tty());
    }

    /** No console: stdin, if attached, is at its end at once; the output is read until the container stops. */
    private static int drained(Session s, Api.Attachment a, String id, Supplier<String> name, String condition, Link link) {
        if (link.stdin()) {
            a.closeStdin();
        }
        Api.WaitResult w;
        try {
            w = s.api.await(id, condition);
        } catch (DockerException e) {
            s.stream(a.drain());
            if (Session.notFound(e) && condition.equals("removed")) {
                return 0;
            }
            throw e;
        }
        s.stream(a.drain());
        if (w.statusCode() < 0) {
            s.err("glassbox: " + name.get() + " is still running; detached (as Ctrl-P Ctrl-Q would)");
            return 0;
        }
        return w.statusCode();
    }

    private static Interaction.End session(Session s, Api.Attachment a, String id, Link link) {
        s.showOnConsole();
        Runnable interrupt = link.sigProxy() ? () -> signal(s, id, "SIGINT") : () -> {};
        return new Interaction(s.console, a, s.pump, () -> s.pump.stopped(id), link, (rows, cols) -> resize(s, id, rows, cols),
                interrupt).run();
    }

    /** The container's status once it stopped, as the wait the CLI sent before it started answers it. */
    static int exitStatus(Session s, String id, String condition) {
        try {
            return Math.max(0, s.api.await(id, condition).statusCode());
        } catch (DockerException e) {
            if (!Session.notFound(e)) {
                throw e;
            }
            return diedWith(s, id);
        }
    }

    /** A container removed as it stopped (--rm): its status is the one its "die" event recorded. */
    private static int diedWith(Session s, String id) {
        int status = 0;
        try {
            for (Api.Event e : s.api.events(0, Long.MAX_VALUE)) {
                if (e.type().equals("container") && e.action().equals("die") && e.actorId().equals(id)) {
                    status = Integer.parseInt(e.attributes().getOrDefault("exitCode", "0"));
                }
            }
        } catch (DockerException | NumberFormatException e) {
            return status;
        }
        return status;
    }

    private static void resize(Session s, String id, int rows, int cols) {
        try {
            s.api.resize(id, rows, cols);
        } catch (DockerException e) {
            // the CLI only logs a failed resize
        }
    }

    private static void signal(Session s, String id, String signal) {
        try {
            s.api.kill(id, signal);
        } catch (DockerException e) {
            // the container may be gone already
        }
    }

    static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    static boolean flag(Map<?, ?> m, String key) {
        return Boolean.TRUE.equals(m.get(key));
    }
}
