package dev.glassbox.sim.programs.shell;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.programs.Input;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs simple commands: expansion, redirections, then a function, a builtin or a program on PATH. */
final class Exec {
    /** A redirection could not be set up; its message is already printed. */
    static final class RedirectFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedirectFailed() {
            super(null, null, false, false);
        }
    }

    private final Interp sh;

    Exec(Interp sh) {
        this.sh = sh;
    }

    int simple(Node.Simple s) {
        return simple(s, false);
    }

    /** {@code replace}: a program run here replaces the shell (execve) instead of being forked and waited for. */
    int simple(Node.Simple s, boolean replace) {
        sh.checkInterrupt();
        sh.line = s.line();
        sh.substStatus = 0;
        List<String> argv = sh.expand.fields(s.words());
        List<String[]> assigns = new ArrayList<>();
        for (String a : s.assigns()) {
            int eq = a.indexOf('=');
            assigns.add(new String[] {a.substring(0, eq), sh.expand.string(a.substring(eq + 1))});
        }
        if (sh.xtrace && (!argv.isEmpty() || !assigns.isEmpty())) {
            trace(assigns, argv);
        }
        if (argv.isEmpty()) {
            for (String[] a : assigns) {
                sh.setVar(a[0], a[1]);
            }
            try {
                redirect(s.redirs());
            } catch (RedirectFailed e) {
                return sh.flavor.redirectStatus();
            }
            return sh.substStatus;
        }
        if (argv.get(0).equals("exec") && argv.size() == 1) {
            try {
                sh.io = redirect(s.redirs());
                return 0;
            } catch (RedirectFailed e) {
                if (sh.flavor.execRedirectExits()) {
                    throw new Flow.Exit(sh.flavor.redirectStatus());
                }
                return sh.flavor.redirectStatus();
            }
        }
        Streams saved = sh.io;
        try {
            sh.io = redirect(s.redirs());
        } catch (RedirectFailed e) {
            return sh.flavor.redirectStatus();
        }
        try {
            return dispatch(argv, assigns, replace);
        } finally {
            sh.io = saved;
        }
    }

    private void trace(List<String[]> assigns, List<String> argv) {
        StringBuilder sb = new StringBuilder("+");
        for (String[] a : assigns) {
            sb.append(' ').append(a[0]).append('=').append(quote(a[1]));
        }
        for (String w : argv) {
            sb.append(' ').append(quote(w));
        }
        sh.io.err(sb.append('\n').toString());
    }

    static String quote(String w) {
        if (!w.isEmpty() && w.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return w;
        }
        return "'" + w.replace("'", "'\\''") + "'";
    }

    private int dispatch(List<String> argv, List<String[]> assigns, boolean replace) {
        String name = argv.get(0);
        Node fn = sh.funcs.get(name);
        if (fn != null) {
            return withAssignments(assigns, () -> sh.callFunction(fn, argv));
        }
        Builtins.Builtin b = Builtins.find(name);
        if (b != null) {
            try {
                if (Builtins.isSpecial(name)) {
                    assigns.forEach(a -> sh.setVar(a[0], a[1]));
                    return b.run(sh, argv);
                }
                return withAssignments(assigns, () -> b.run(sh, argv));
            } catch (SysError e) {
                if (e.errno() != Errno.EPIPE) {
                    throw e;
                }
                sh.error(null, "write error: " + e.getMessage()); // a shell ignoring SIGPIPE, writing to a pipe nobody reads
                return 1;
            }
        }
        if (replace && missing(name, null) == null) {
            JobBuiltins.replaceShell(sh, new ArrayList<>(argv), sh.environment(assigns), null);
        }
        return external(argv, assigns);
    }

    private int withAssignments(List<String[]> assigns, java.util.function.IntSupplier body) {
        Map<String, String> old = new HashMap<>();
        for (String[] a : assigns) {
            old.put(a[0], sh.vars.get(a[0]));
            sh.setVar(a[0], a[1]);
        }
        try {
            return body.getAsInt();
        } finally {
            old.forEach((k, v) -> {
                if (v == null) {
                    sh.unsetVar(k);
                } else {
                    sh.setVar(k, v);
                }
            });
        }
    }

    /** Why a command cannot run, as the shell says it, or null when it can. */
    String missing(String cmd, String builtin) {
        if (!cmd.contains("/")) {
            return sh.sys.which(cmd) == null ? sh.flavor.notFound(sh, builtin, cmd) : null;
        }
        try {
            sh.sys.stat(cmd);
            return null;
        } catch (SysError e) {
            return sh.flavor == Flavor.BASH ? sh.flavor.message(sh, builtin, cmd + ": " + e.getMessage())
                    : sh.flavor.notFound(sh, builtin, cmd);
        }
    }

    private int external(List<String> argv, List<String[]> assigns) {
        String problem = missing(argv.get(0), null);
        if (problem != null) {
            sh.io.err(problem);
            return 127;
        }
        Streams.Route out = sh.io.out.route(true);
        Streams.Route err = sh.io.err.route(false);
        int pid;
        try {
            pid = sh.io.in.isStream() ? sh.sys.spawnWithStdin(argv, sh.environment(assigns), out.buffer(), err.buffer())
                    : sh.sys.spawn(argv, sh.environment(assigns), sh.io.in.remaining(), out.buffer(), err.buffer());
        } catch (SysError e) {
            cannotFork(e);
            sh.error(null, argv.get(0) + ": " + e.getMessage());
            return e.errno() == Errno.ENOENT ? 127 : 126;
        }
        dev.glassbox.kernel.ExitStatus st = waitInForeground(pid);
        out.finish();
        err.finish();
        sh.reportSignal(st.signal());
        if (st.signal() == Signals.SIGINT && sh.interactive) {
            throw new Flow.Interrupt(st.code()); // the user's Ctrl-C: the rest of the line is dropped
        }
        return st.code();
    }

    /**
     * Waits for a foreground child. An interactive shell's job control puts the child in a process group of
     * its own and gives it the terminal, so that Ctrl-C reaches the child and not the shell, then takes the
     * terminal back.
     */
    private dev.glassbox.kernel.ExitStatus waitInForeground(int pid) {
        if (!sh.interactive) {
            return sh.sys.waitStatus(pid);
        }
        sh.sys.setpgid(pid);
        sh.sys.tcsetpgrp(pid);
        try {
            return sh.sys.waitStatus(pid);
        } finally {
            sh.sys.tcsetpgrp(sh.sys.getpid());
        }
    }

    /** {@code cmd &}: a program is spawned and left running; anything else runs in a forked copy of the shell. */
    void background(Node n) {
        if (n instanceof Node.Simple s && !s.words().isEmpty()) {
            List<String> argv = sh.expand.fields(s.words());
            if (!argv.isEmpty() && sh.funcs.get(argv.get(0)) == null && Builtins.find(argv.get(0)) == null) {
                spawnBackground(s, argv);
                return;
            }
        }
        Interp child = sh.copy();
        child.exitTrap = null;
        child.interactive = false;
        child.interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        int pid = sh.sys.fork(sys -> {
            child.sys = sys;
            child.io = Streams.of(sys);
            return child.runSubshell(() -> child.eval(n));
        });
        sh.jobs.add(new Interp.Job(pid, null, null));
        sh.lastBg = pid;
        ownGroup(pid);
    }

    private void spawnBackground(Node.Simple s, List<String> argv) {
        List<String[]> assigns = new ArrayList<>();
        for (String a : s.assigns()) {
            int eq = a.indexOf('=');
            assigns.add(new String[] {a.substring(0, eq), sh.expand.string(a.substring(eq + 1))});
        }
        Streams saved = sh.io;
        try {
            Streams io = redirect(s.redirs());
            String problem = missing(argv.get(0), null);
            if (problem != null) {
                io.err(problem);
                return;
            }
            Streams.Route out = detach(io.out.route(true));
            Streams.Route err = detach(io.err.route(false));
            int pid = sh.sys.spawn(argv, sh.environment(assigns), "", out.buffer(), err.buffer());
            sh.jobs.add(new Interp.Job(pid, out, err));
            sh.lastBg = pid;
            ownGroup(pid);
        } catch (RedirectFailed e) {
            // message printed; nothing started
        } catch (SysError e) {
            cannotFork(e);
            sh.error(null, argv.get(0) + ": " + e.getMessage());
        } finally {
            sh.io = saved;
        }
    }

    /** An interactive shell's job control: a background job gets a process group of its own, which the terminal's Ctrl-C does not reach. */
    private void ownGroup(int pid) {
        if (sh.interactive) {
            sh.sys.setpgid(pid);
        }
    }

    /** fork() refused (the pids cgroup is full): ash says so and, not being interactive, gives up with status 2. */
    private void cannotFork(SysError e) {
        if (e.errno() == Errno.EAGAIN) {
            sh.error(null, "can't fork: " + e.getMessage());
            throw new Flow.Exit(2);
        }
    }

    /** A background child must not write into a buffer the shell keeps using; give it its own. */
    private static Streams.Route detach(Streams.Route r) {
        if (r.buffer() == null || r.buffer() == dev.glassbox.sim.Sys.DEV_NULL) {
            return r;
        }
        StringBuilder own = new StringBuilder();
        StringBuilder shared = r.buffer();
        return new Streams.Route(own, () -> {
            if (own != shared) {
                shared.append(own);
            }
            r.finish();
        });
    }

    /** The streams after applying redirections in order, as the shell's dup2 calls would leave them. */
    Streams redirect(List<Node.Redir> redirs) {
        Streams.Sink out = sh.io.out;
        Streams.Sink err = sh.io.err;
        Input in = sh.io.in;
        for (Node.Redir r : redirs) {
            String op = r.op();
            if (op.equals("<<")) {
                in = Input.of(r.here().quoted ? r.here().body : sh.expand.hereDoc(r.here().body));
                continue;
            }
            String target = sh.expand.string(r.target());
            Streams.Sink s = null;
            switch (op) {
                case ">", ">>", "&>" -> s = open(target, op.equals(">>"), out, err);
                case ">&" -> s = target.equals("1") ? out : target.equals("2") ? err
                        : target.equals("-") ? Streams.DISCARD : open(target, false, out, err);
                case "<" -> {
                    // the shell opens the file whichever descriptor it goes to (exec 3< FILE);
                    // only standard input is something a simulated program reads
                    String text;
                    try {
                        text = sh.sys.readText(target);
                    } catch (SysError e) {
                        sh.io.err(sh.flavor.cantOpen(sh, target, e));
                        throw new RedirectFailed();
                    }
                    if (r.fd() == 0) {
                        in = Input.of(text);
                    }
                }
                default -> {
                    // <& and <> on other descriptors: nothing a simulated program can observe
                }
            }
            if (s != null) {
                if (op.equals("&>") || (op.equals(">&") && r.fd() == 1 && !target.matches("[0-9-]+"))) {
                    out = s;
                    err = s;
                } else if (r.fd() == 1) {
                    out = s;
                } else if (r.fd() == 2) {
                    err = s;
                }
            }
        }
        return new Streams(out, err, in);
    }

    private Streams.Sink open(String path, boolean append, Streams.Sink out, Streams.Sink err) {
        switch (path) {
            case "/dev/null":
                return Streams.DISCARD;
            case "/dev/stdout":
                return out;
            case "/dev/stderr":
                return err;
            default:
                try {
                    sh.sys.write(path, new byte[0], append);
                } catch (SysError e) {
                    sh.io.err(sh.flavor.cantCreate(sh, path, e));
                    throw new RedirectFailed();
                }
                return Streams.file(sh.sys, path);
        }
    }
}
