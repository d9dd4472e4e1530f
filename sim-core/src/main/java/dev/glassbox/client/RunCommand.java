package dev.glassbox.client;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import dev.glassbox.image.ImageRef;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code docker run} and {@code docker create} as the CLI does them: create, and on "No such image"
 * pull and create again; then (run) attach before start, start, wait, and exit with the container's
 * status. Errors are printed {@code docker: Error response from daemon: …} with exit 125, or 127/126
 * when the container's command cannot be found or executed.
 */
final class RunCommand {
    private RunCommand() {}

    static int run(Session s, Parsed p, boolean run) {
        RunOptions o;
        String id;
        try {
            o = RunOptions.from(p, run);
            id = create(s, o);
        } catch (DockerException e) {
            s.err("docker: " + Session.daemonError(e));
            return 125;
        }
        if (!run) {
            s.out(id);
            return 0;
        }
        if (o.detach()) {
            try {
                s.api.start(id);
            } catch (DockerException e) {
                if (e.kind() != ErrorKind.NOT_MODIFIED) {
                    s.err("docker: " + Session.daemonError(e));
                    return startFailureStatus(e.getMessage());
                }
            }
            s.out(id);
            return 0;
        }
        Supplier<String> name = () -> o.name().isEmpty() ? nameOf(s, id) : o.name();
        try {
            return attached(s, id, name, o.host().autoRemove() ? "removed" : "not-running", true);
        } catch (DockerException e) {
            s.err("docker: " + Session.daemonError(e));
            return 125;
        }
    }

    private static String create(Session s, RunOptions o) {
        ImageRef ref = ImageRef.parse(o.image());
        if (o.pull().equals("always")) {
            pull(s, ref);
        }
        Api.CreateResult r;
        try {
            r = s.api.create(o.name(), o.config(), o.host());
        } catch (DockerException e) {
            if (!Session.notFound(e) || !e.getMessage().startsWith("No such image") || o.pull().equals("never")) {
                throw e;
            }
            s.err("Unable to find image '" + ref.withDefaultTag().familiar() + "' locally");
            pull(s, ref);
            r = s.api.create(o.name(), o.config(), o.host());
        }
        if (r.warnings() != null) {
            for (String w : r.warnings()) {
                s.err("WARNING: " + w);
            }
        }
        return r.id();
    }

    /** run and create show the pull on stderr, without the "Using default tag" and reference lines. */
    private static void pull(Session s, ImageRef ref) {
        Api.PullResult result = s.api.pull(ref.withDefaultTag().toString(), s.progress);
        s.err.append(ImageCommands.renderPull(ref, result, false));
    }

    /** The attached part of run and start -a: output in order, then the container's exit status. */
    static int attached(Session s, String id, Supplier<String> name, String condition, boolean fromRun) {
        Api.Attachment attachment = s.api.attach(id);
        try {
            try {
                s.api.start(id);
            } catch (DockerException e) {
                if (e.kind() != ErrorKind.NOT_MODIFIED) {
                    s.stream(attachment.drain());
                    s.err((fromRun ? "docker: " : "") + Session.daemonError(e));
                    return fromRun ? startFailureStatus(e.getMessage()) : 1;
                }
            }
            Api.WaitResult w;
            try {
                w = s.api.await(id, condition);
            } catch (DockerException e) {
                s.stream(attachment.drain());
                if (Session.notFound(e) && condition.equals("removed")) {
                    return 0;
                }
                throw e;
            }
            s.stream(attachment.drain());
            if (w.statusCode() < 0) {
                s.err("glassbox: " + name.get() + " is still running; detached (as Ctrl-P Ctrl-Q would)");
                return 0;
            }
            return w.statusCode();
        } finally {
            attachment.close();
        }
    }

    /** docker run's exit status when the container's process could not be started. */
    static int startFailureStatus(String message) {
        String m = message == null ? "" : message;
        if (m.contains("executable file not found") || m.contains("no such file or directory")
                || m.contains("system cannot find the file specified")) {
            return 127;
        }
        return m.contains("permission denied") || m.contains("is a directory") ? 126 : 125;
    }

    private static String nameOf(Session s, String id) {
        try {
            Map<String, Object> c = s.api.inspectContainer(id);
            Object n = c == null ? null : c.get("Name");
            if (n instanceof String name && !name.isEmpty()) {
                return GoText.stripSlash(name);
            }
        } catch (DockerException e) {
            // fall through to the short id
        }
        return GoText.shortId(id);
    }
}
