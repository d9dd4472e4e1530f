package dev.glassbox.client;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.UsageException;
import java.util.List;

/**
 * {@code docker exec}: the command runs to its end and its output is printed; with -d it runs on
 * alone; with -i or -t and the user's console, the console is the command's ({@code exec -it web sh})
 * until it ends or the user types the detach keys.
 */
final class ExecCommand {
    private ExecCommand() {}

    static int exec(Session s, Parsed p) {
        String container = p.args.get(0);
        List<String> cmd = p.args.subList(1, p.args.size());
        boolean detach = p.bool("detach");
        boolean stdin = p.bool("interactive") && !detach;
        boolean tty = p.bool("tty");
        if (!detach && stdin && tty && s.console == null) {
            s.api.inspectContainer(container); // as the CLI: "No such container" comes first
            throw new UsageException(Attached.NOT_A_TTY, 1);
        }
        boolean live = !detach && s.console != null && (stdin || tty);
        Api.ExecConfig config = new Api.ExecConfig(cmd, RunOptions.env(p.list("env")), p.string("workdir", ""),
                p.string("user", ""), tty, live && stdin, p.bool("privileged"));
        String execId = s.api.execCreate(container, config);
        if (detach) {
            try {
                s.api.execStartDetached(execId); // the command runs on; nothing is printed
                return 0;
            } catch (DockerException e) {
                s.err(Session.daemonError(e)); // a plain API error here: nothing was hijacked
                return 1;
            }
        }
        try {
            if (live) {
                return interactive(s, execId, new Link(stdin, tty, p.string("detach-keys", ""), false));
            }
            Api.ExecResult r = s.api.execStart(execId);
            s.stream(r.output());
            if (r.exitCode() < 0) { // still running when the sim stopped waiting, as docker run's foreground does
                s.err("glassbox: " + String.join(" ", cmd) + " is still running in " + container + "; docker exec stops waiting for it here");
                return 0;
            }
            return r.exitCode();
        } catch (DockerException e) {
            String m = e.getMessage();
            s.err(m.startsWith("OCI runtime") ? m : Session.daemonError(e));
            int code = RunCommand.startFailureStatus(m);
            return code == 125 ? 1 : code;
        }
    }

    private static int interactive(Session s, String execId, Link link) {
        Api.Attachment a = s.api.execAttach(execId);
        try {
            s.showOnConsole();
            Interaction.End end = new Interaction(s.console, a, s.pump, () -> s.pump.execEnded(execId), link,
                    (rows, cols) -> resize(s, execId, rows, cols), () -> {}).run();
            if (end == Interaction.End.DETACHED) {
                s.err(Attached.ESCAPED);
                return 1;
            }
            if (end == Interaction.End.INTERRUPTED) {
                return Interaction.INTERRUPTED_STATUS; // the CLI exits; the exec's process runs on
            }
            Integer code = s.api.execInspect(execId).exitCode();
            return code == null ? 0 : code;
        } finally {
            a.close();
        }
    }

    private static void resize(Session s, String execId, int rows, int cols) {
        try {
            s.api.execResize(execId, rows, cols);
        } catch (DockerException e) {
            // the CLI only logs a failed resize
        }
    }
}
