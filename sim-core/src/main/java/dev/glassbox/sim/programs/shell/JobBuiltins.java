package dev.glassbox.sim.programs.shell;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.programs.Tool;
import dev.glassbox.sim.programs.busybox.ProcTools;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Builtins about processes: exec, wait, kill, trap. */
final class JobBuiltins {
    private JobBuiltins() {}

    /** exec CMD: the shell's process becomes CMD (execve), keeping its pid, as in every container entrypoint. */
    static int exec(Interp sh, List<String> a) {
        List<String> argv = new ArrayList<>(a.subList(1, a.size()));
        if (!argv.isEmpty() && argv.get(0).equals("--")) {
            argv.remove(0);
        }
        if (argv.isEmpty()) {
            return 0;
        }
        String cmd = argv.get(0);
        String problem = sh.exec.missing(cmd, "exec");
        if (problem != null) {
            sh.io.err(problem);
            throw new Flow.Exit(127);
        }
        replaceShell(sh, argv, sh.environment(List.of()), "exec");
        return 0;
    }

    /**
     * The shell's process becomes {@code argv} (execve), looked up on PATH when the name alone cannot be
     * run; a failure ends the shell with 127 or 126, its message naming {@code builtin} where given.
     */
    static void replaceShell(Interp sh, List<String> argv, List<String> env, String builtin) {
        String cmd = argv.get(0);
        try {
            sh.sys.execve(argv, env);
        } catch (SysError e) {
            String path = cmd.contains("/") ? null : sh.sys.which(cmd);
            if (path == null || e.errno() != Errno.ENOENT) {
                sh.error(builtin, cmd + ": " + e.getMessage());
                throw new Flow.Exit(e.errno() == Errno.ENOENT ? 127 : 126);
            }
            argv.set(0, path);
            try {
                sh.sys.execve(argv, env);
            } catch (SysError again) {
                sh.error(builtin, cmd + ": " + again.getMessage());
                throw new Flow.Exit(126);
            }
        }
    }

    static int waitFor(Interp sh, List<String> a) {
        if (a.size() == 1) {
            for (Interp.Job job : new ArrayList<>(sh.jobs)) {
                reap(sh, job);
            }
            return 0;
        }
        int st = 0;
        for (String arg : a.subList(1, a.size())) {
            int pid;
            try {
                pid = Integer.parseInt(arg);
            } catch (NumberFormatException e) {
                sh.error("wait", "Illegal number: " + arg);
                return 2;
            }
            Interp.Job job = sh.jobs.stream().filter(j -> j.pid() == pid).findFirst().orElse(new Interp.Job(pid, null, null));
            st = reap(sh, job);
        }
        return st;
    }

    private static int reap(Interp sh, Interp.Job job) {
        int st;
        try {
            st = sh.sys.waitpid(job.pid());
        } catch (SysError e) {
            st = 127;
        }
        if (job.out() != null) {
            job.out().finish();
        }
        if (job.err() != null) {
            job.err().finish();
        }
        sh.jobs.remove(job);
        return st;
    }

    static int kill(Interp sh, List<String> a) {
        return ProcTools.kill(new Tool(sh.sys, sh.io, "kill", a.subList(1, a.size())));
    }

    /** trap ACTION SIGNAL...: the action runs as a signal handler (sys.signal), '' ignores, - restores. */
    static int trap(Interp sh, List<String> a) {
        if (a.size() == 1) {
            new TreeMap<>(sh.traps).forEach((sig, action) ->
                    sh.io.out("trap -- " + Exec.quote(action) + " " + name(sh, sig) + "\n"));
            if (sh.exitTrap != null) {
                sh.io.out("trap -- " + Exec.quote(sh.exitTrap) + " EXIT\n");
            }
            return 0;
        }
        String action = a.get(1);
        List<String> specs = a.subList(2, a.size());
        if (specs.isEmpty()) {
            specs = List.of(action);
            action = "-";
        }
        int st = 0;
        for (String spec : specs) {
            if (spec.equals("EXIT") || spec.equals("0")) {
                sh.exitTrap = action.equals("-") ? null : action;
                continue;
            }
            int sig = Signals.parse(spec);
            if (sig < 0 || sig == Signals.SIGKILL || sig == Signals.SIGSTOP) {
                sh.error("trap", spec + ": bad trap");
                st = 1;
                continue;
            }
            install(sh, sig, action);
        }
        return st;
    }

    private static void install(Interp sh, int sig, String action) {
        if (action.equals("-")) {
            if (sh.traps.remove(sig) != null) {
                boolean terminates = sig != Signals.SIGCHLD && sig != Signals.SIGWINCH && sig != Signals.SIGCONT;
                // Sys has no "default disposition" call: a handler does what the default would.
                sh.sys.signal(sig, () -> {
                    if (terminates && sh.sys.getpid() != 1) {
                        sh.sys.exit(128 + sig);
                    }
                });
            }
        } else if (action.isEmpty()) {
            sh.traps.put(sig, "");
            sh.sys.ignore(sig);
        } else {
            sh.traps.put(sig, action);
            sh.sys.signal(sig, () -> onSignal(sh, sig));
        }
    }

    private static String name(Interp sh, int sig) {
        String n = Signals.name(sig);
        return sh.flavor == Flavor.BASH ? n : n.substring(3);
    }

    /** A trap's action, run as the signal handler; exit inside it ends the process. */
    static void onSignal(Interp sh, int sig) {
        String action = sh.traps.get(sig);
        if (action == null || action.isEmpty()) {
            return;
        }
        int saved = sh.status;
        try {
            sh.runSource(action);
            sh.status = saved;
        } catch (Flow.Exit e) {
            runExitTrap(sh);
            sh.sys.exit(e.status);
        }
    }

    static void runExitTrap(Interp sh) {
        String action = sh.exitTrap;
        sh.exitTrap = null;
        if (action != null && !action.isEmpty()) {
            int status = sh.status; // the shell exits with the status it had, unless the trap calls exit
            try {
                sh.runSource(action);
                sh.status = status;
            } catch (Flow.Exit e) {
                sh.status = e.status;
            }
        }
    }
}
