package dev.glassbox.client;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.UsageException;
import dev.glassbox.api.ErrorKind;
import dev.glassbox.image.ImageRef;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code docker run} and {@code docker create} as the CLI does them: create, and on "No such image"
 * pull and create again; then (run) attach before start, start, wait (or, with -i or -t and the user's
 * console, hand the console to the container: {@link Attached}), and exit with the container's status.
 * run's errors are printed {@code docker: Error response from daemon: …} and, as docker 28 does, a blank line
 * and "Run 'docker run --help' for more information", with exit 125, or 127/126 when the container's command
 * cannot be found or executed; create prints the daemon's error as any command does (exit 1).
 */
final class RunCommand {
    private RunCommand() {}

    static int run(Session s, Parsed p, boolean run) {
        RunOptions o;
        String id;
        try {
            o = RunOptions.from(p, run, s.workspace);
        } catch (UsageException e) {
            if (e.exitStatus() != 125) {
                throw e;
            }
            throw new UsageException(e.getMessage() + helpPointer(run), 125); // the CLI's own checks of the options
        } catch (DockerException e) { // what the daemon would refuse (an unknown restart policy, too little memory)
            if (!run) {
                throw e;
            }
            s.err(runError(e));
            return 125;
        }
        boolean stdin = run && !o.detach() && o.attachStdin();
        if (stdin && o.config().tty() && s.console == null) {
            s.err(Attached.NOT_A_TTY); // the CLI's check, before it creates anything
            return 1;
        }
        try {
            id = create(s, o.config().withHealthcheck(HealthOptions.from(p)), o, NetworkingOptions.create(p));
        } catch (DockerException e) {
            if (!run) { // docker create prints the daemon's error as any command does
                throw e;
            }
            s.err(runError(e));
            s.hint(e);
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
                    s.err(runError(e));
                    return startFailureStatus(e.getMessage());
                }
            }
            s.out(id);
            return 0;
        }
        Supplier<String> name = () -> o.name().isEmpty() ? nameOf(s, id) : o.name();
        Link link = new Link(stdin, o.config().tty(), p.string("detach-keys", ""), p.bool("sig-proxy"));
        try {
            return Attached.started(s, id, name, o.host().autoRemove() ? "removed" : "not-running", true, link);
        } catch (DockerException e) {
            s.err(runError(e));
            return 125;
        }
    }

    private static String create(Session s, dev.glassbox.api.ContainerConfig config, RunOptions o, dev.glassbox.api.NetworkingConfig networking) {
        ImageRef ref = ImageRef.parse(o.image());
        if (o.pull().equals("always")) {
            pull(s, ref);
        }
        Api.CreateResult r;
        try {
            r = s.api.create(o.name(), config, o.host(), networking);
        } catch (DockerException e) {
            if (!Session.notFound(e) || !e.getMessage().startsWith("No such image") || o.pull().equals("never")) {
                throw e;
            }
            s.err("Unable to find image '" + ref.withDefaultTag().familiar() + "' locally");
            pull(s, ref);
            r = s.api.create(o.name(), config, o.host(), networking);
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

    /** How docker run (28) reports a daemon error from create or start: prefixed, with a pointer to its help. */
    static String runError(DockerException e) {
        return "docker: " + Session.daemonError(e) + helpPointer(true);
    }

    private static String helpPointer(boolean run) {
        return "\n\nRun 'docker " + (run ? "run" : "create") + " --help' for more information";
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
