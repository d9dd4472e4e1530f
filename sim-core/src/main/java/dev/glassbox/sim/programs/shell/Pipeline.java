package dev.glassbox.sim.programs.shell;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Input;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code a | b | c} as ash runs it: a kernel pipe between each two stages, each stage a forked child of the shell (a
 * simple command replaces its child by execve), all of them running at once; the shell waits for every stage and
 * takes the last one's status. A writer whose reader has gone ends by SIGPIPE (141), of which the shell says nothing.
 */
final class Pipeline {
    private final Interp sh;

    Pipeline(Interp sh) {
        this.sh = sh;
    }

    int run(List<Node> stages) {
        int n = stages.size();
        Streams base = sh.io;
        List<Integer> pipes = new ArrayList<>();
        List<Integer> pids = new ArrayList<>();
        try {
            for (int i = 0; i < n - 1; i++) {
                pipes.add(sh.sys.pipe());
            }
            for (int i = 0; i < n; i++) {
                int in = i == 0 ? -1 : pipes.get(i - 1);
                int out = i == n - 1 ? -1 : pipes.get(i);
                String text = i == 0 && !base.in.isStream() ? base.in.remaining() : null;
                pids.add(forkStage(stages.get(i), base, n - 1 - i, in, out, text));
            }
        } catch (SysError e) {
            if (e.errno() == Errno.EAGAIN) {
                sh.error(null, "can't fork: " + e.getMessage());
            } else {
                sh.error(null, e.getMessage());
            }
            closeAll(pipes);
            waitAll(pids);
            throw new Flow.Exit(2);
        }
        closeAll(pipes);
        return waitAll(pids);
    }

    private void closeAll(List<Integer> pipes) {
        for (int pipe : pipes) {
            sh.sys.closePipe(pipe);
        }
        pipes.clear();
    }

    /** One stage in a child of its own: its streams are the pipe's ends, or the pipeline's own for the first input and last output. */
    private int forkStage(Node stage, Streams base, int later, int in, int out, String text) {
        boolean last = later == 0;
        Interp child = sh.copy();
        child.exitTrap = null;
        child.interactive = false;
        child.interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        child.traps.clear(); // a forked child has no handler of ours; what we ignore stays ignored in the kernel
        return sh.sys.fork(sys -> {
            for (int i = 0; i < later; i++) {
                // the stages start together, as on a machine with a CPU each: the ones after this one have started (a
                // program has replaced each) before it runs its command, so `ps | cat` sees cat
                sys.schedYield();
            }
            child.sys = sys;
            Streams.Sink o = last ? base.out.inChild(sys) : Streams.proc(sys, false);
            Streams.Sink e = base.err.inChild(sys);
            Streams io = new Streams(o, e, Input.of(sys));
            boolean own = o.isProcess() && e.isProcess();
            child.startedAs(io, own);
            child.atEnd = own && sh.flavor.execsLastCommand(); // ash's EV_EXIT: a program run last replaces the child
            return child.runSubshell(() -> child.eval(stage));
        }, in, out, text);
    }

    /** Waits for every stage in order, each signal death reported as for any foreground child. */
    private int waitAll(List<Integer> pids) {
        int st = 0;
        ExitStatus last = null;
        for (int pid : pids) {
            last = sh.sys.waitStatus(pid);
            sh.reportSignal(last.signal());
            st = last.code();
        }
        if (last != null && last.signal() == Signals.SIGINT && sh.interactive) {
            throw new Flow.Interrupt(st);
        }
        return st;
    }
}
