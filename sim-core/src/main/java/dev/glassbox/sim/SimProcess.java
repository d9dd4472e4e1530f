package dev.glassbox.sim;

import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.ProcessEvents;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A process of the sim kernel: its identity, namespaces, cgroup, signals, and the thread running its program. */
final class SimProcess {
    enum State {
        CREATED, RUNNING, SLEEPING, ZOMBIE, DEAD;

        /** The state as the traced state shows it (one string for every process). */
        final String word = name().toLowerCase(java.util.Locale.ROOT);
    }

    final SimKernel kernel;
    final int pid;
    /** How the traced state last showed this process (see StateView.processes). */
    StateView.Seen seen;
    final Namespaces.Set ns;
    /** PIDs from the host's PID namespace down to the process's own. */
    final List<Integer> nsPids;
    SimProcess parent;
    final List<SimProcess> children = new ArrayList<>();
    List<String> argv;
    String title;
    List<String> env;
    String cwd = "/";
    int uid;
    int gid;
    /** The capability bounding set: everything on the host; Docker's default 14 in a container (runc drops the rest). */
    long capBnd = Capabilities.ALL;
    String programName = "";
    SimCgroups.Group cgroup;
    State state = State.CREATED;
    ExitStatus exit;
    boolean oomKilled;
    int killedBy;
    /** How many units of work all processes together may do for one command before the busiest is a runaway. */
    static final long RUNAWAY_STEPS = 2_000_000;
    /** The most data of its own (a shell's variables) one process may hold: it lives in the JVM every session shares. */
    static final long DATA_LIMIT = 16L << 20;
    /** Bytes of data of its own the program holds now ({@link Sys#data}). */
    long dataBytes;
    private long rss;

    /** Resident memory, as charged; set through {@link #rss(long)}, which keeps the kernel's total of live processes. */
    long rss() {
        return rss;
    }

    void rss(long bytes) {
        kernel.liveRss += bytes - rss;
        rss = bytes;
    }
    final long startMillis;
    String stdin = "";
    ExecSpec.OutputSink output = ExecSpec.OutputSink.DISCARD;
    /** Standard input fed by a writer (a pipe or a terminal), or null when it is the fixed text {@link #stdin}. */
    InputSource in;
    /** Standard output, when it is the write end of a pipe (then {@link #output} writes into it). */
    SimPipe outPipe;
    /** Pipes whose both ends this process holds (a shell between pipe() and forking its stages), by number. */
    private Map<Integer, SimPipe> pipes;
    /** The controlling terminal, or null. */
    Pty tty;
    /** Which of fds 0, 1 and 2 (bits 0, 1, 2) are the terminal. */
    int ttyFds;
    /** The process group: the terminal's signal characters reach the foreground one. */
    int pgid;
    /** The writer's end of this process's stdin, when it was started with an interactive StdioSpec. */
    dev.glassbox.kernel.Stdio stdio;
    /** Counts signal handlers run, so that a blocking read can tell it was interrupted (EINTR). */
    long signalsHandled;
    /** True for processes outside any container that the sim does not run (init, dockerd). */
    boolean hostDaemon;

    /** Released to let this process run: its carrier thread's (see Carriers), bound when it starts. */
    Baton baton;
    private boolean started;
    private boolean threadDone;
    // Signal handlers, ignored and pending signals, sockets and pipes: made at first use, since most processes (a
    // shell's children, an nginx worker) have few or none, and a container's processes live in the class's heap.
    /** Index {@code sig}: the handler, or null; as long as the highest signal handled needs (nginx's reach 29). */
    private Runnable[] handlers;
    /** Bit {@code sig - 1} set: the signal is ignored (SIG_IGN). */
    private long ignoredMask;
    private ArrayDeque<Integer> pending;
    long wakeAt = -1;
    private boolean handledSignal;
    private Map<Integer, SimNet.Socket> fds;
    int nextFd = 3;

    SimProcess(SimKernel kernel, int pid, Namespaces.Set ns, List<Integer> nsPids, long startMillis) {
        this.kernel = kernel;
        this.pid = pid;
        this.ns = ns;
        this.nsPids = List.copyOf(nsPids);
        this.startMillis = startMillis;
    }

    int nsPid() {
        return nsPids.get(nsPids.size() - 1);
    }

    /** This process's PID as seen from a process in {@code pidNs}, or 0 if it is not visible there. */
    int pidIn(Namespaces.Pid pidNs) {
        int level = pidNs.level();
        return level < nsPids.size() && ns.pid().isOrDescendsFrom(pidNs) ? nsPids.get(level) : 0;
    }

    /** Standard input is read once, whole: fixed text, or what a writer sends up to end of file. */
    String takeStdin() {
        if (in != null) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            byte[] b;
            while ((b = in.read(this, 1 << 16, false)).length > 0) {
                all.writeBytes(b); // held until end of file: memory the reader touches, up to what one process may keep
                dataBytes += b.length;
                kernel.cgroups.charge(this, b.length);
                holdsData();
            }
            return all.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
        String s = stdin;
        stdin = "";
        return s;
    }

    /** The process ends: every end of a pipe it holds is closed (a reader then sees end of file, a writer SIGPIPE). */
    void closePipes() {
        if (in instanceof SimPipe p) {
            p.closeRead();
        }
        if (outPipe != null) {
            outPipe.closeWrite();
        }
        if (pipes != null) {
            for (SimPipe p : pipes.values()) {
                p.closeRead();
                p.closeWrite();
            }
            pipes = null;
        }
    }

    boolean alive() {
        return state != State.ZOMBIE && state != State.DEAD;
    }

    boolean canRun() {
        return alive() && started && !threadDone && (cgroup == null || !cgroup.frozen || killedBy != 0);
    }

    String command() {
        return title != null ? title : String.join(" ", argv == null ? List.of() : argv);
    }

    // ---- starting

    private Program program;

    void start(Program main, String name) {
        program = main;
        programName = name;
        state = State.RUNNING;
        kernel.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        started = true;
        baton = newThread();
        kernel.scheduler.makeRunnable(this);
    }

    /** The process's life on its carrier thread, from the scheduler's first hand-over of the baton. */
    private void threadMain() {
        ExitStatus status = ExitStatus.exited(0);
        boolean handedOver = false;
        try {
            while (true) {
                try {
                    checkSignals();
                    int code = program.main(new SimSys(this));
                    status = ExitStatus.exited(code & 0xff);
                    break;
                } catch (Exec replaced) {
                    program = replaced.program;
                    if (kernel.scheduler.threads == ProcessThreads.VIRTUAL) {
                        handedOver = true;
                        break;
                    }
                }
            }
        } catch (Exit e) {
            status = ExitStatus.exited(e.code & 0xff);
        } catch (Killed k) {
            status = ExitStatus.killed(killedBy, oomKilled);
        } catch (SysError e) {
            output.write(2, argv.get(0) + ": " + e.getMessage() + "\n");
            status = ExitStatus.exited(1);
        } catch (RuntimeException | StackOverflowError e) {
            output.write(2, "glassbox: program " + programName + " failed: " + e + "\n");
            status = ExitStatus.killed(Signals.SIGSEGV, false);
        } finally {
            threadDone = !handedOver;
        }
        if (handedOver) {
            if (program == PAUSING) {
                waitWithoutThread();
            } else {
                continueOnFreshThread();
            }
            return;
        }
        try {
            kernel.exited(this, status);
        } finally {
            kernel.scheduler.finished();
        }
    }

    /** What a process waiting in {@link #pauseForever} runs when a signal wakes it: its handlers, then the same wait. */
    private static final Program PAUSING = sys -> {
        sys.pauseForever();
        return 0;
    };

    /** Whether the process waits for signals with no thread (see {@link #pauseForever}): the next hand-over starts one. */
    private boolean threadless;

    /**
     * pause(2) for the rest of the process's life. On virtual threads the process gives its thread up: the stack it
     * blocked with is let go (a thread that blocks keeps it on the heap), and the scheduler's next hand-over of the
     * baton, after a signal has made the process runnable, starts a new thread that runs the pending handlers and
     * waits so again, or ends the process as the signal does.
     */
    void pauseForever() {
        if (kernel.scheduler.threads != ProcessThreads.VIRTUAL) {
            while (true) {
                pauseForSignal();
            }
        }
        checkSignals(); // a signal already pending is handled here, on this thread
        throw new Exec(PAUSING); // unwinds to threadMain, which ends this thread (see waitWithoutThread)
    }

    /** Whether the process now waits in {@link #pauseForever} with no thread. */
    boolean waitsWithoutThread() {
        return threadless;
    }

    private void waitWithoutThread() {
        state = State.SLEEPING;
        kernel.edits.markAlone(dev.glassbox.trace.StatePart.PROCESSES);
        threadless = true;
        kernel.scheduler.finished();
    }

    /** The baton the scheduler hands this process, on a new thread if it waits without one. */
    Baton batonToRun() {
        if (threadless) {
            threadless = false;
            state = State.RUNNING;
            kernel.edits.markAlone(dev.glassbox.trace.StatePart.PROCESSES);
            baton = newThread();
        }
        return baton;
    }

    /** A new thread for this process, which runs {@link #threadMain} once given the returned baton. */
    private Baton newThread() {
        return Carriers.bind(kernel.scheduler.threads, this::threadMain);
    }

    /**
     * After execve, the new program runs on a new virtual thread, handed the baton straight from this one, which ends.
     * A virtual thread keeps the heap chunk its stack was frozen into when it last blocked, as large as the deepest
     * stack it ever blocked with: an entrypoint shell waits for its helper scripts twenty-odd interpreter frames deep,
     * and the server it execs into (nginx's master, blocked for the container's whole life) would keep that chunk.
     */
    private void continueOnFreshThread() {
        Baton next = newThread();
        baton = next; // this process is the scheduler's current one: nothing else reads its baton until it blocks
        next.release();
    }

    // ---- blocking, on the process's own thread

    /** Blocks until {@code ready} holds, running signal handlers that arrive meanwhile. */
    void block(BooleanSupplier ready) {
        while (true) {
            checkSignals();
            if (ready.getAsBoolean()) {
                return;
            }
            state = State.SLEEPING;
            kernel.edits.markAlone(dev.glassbox.trace.StatePart.PROCESSES);
            kernel.scheduler.yieldFrom(this);
            state = State.RUNNING;
            kernel.edits.markAlone(dev.glassbox.trace.StatePart.PROCESSES);
        }
    }

    /** sched_yield(2): the other runnable processes run first; no time passes. */
    void yieldTurn() {
        kernel.scheduler.requeue(this);
        checkSignals();
    }

    void sleepUntil(long at) {
        wakeAt = at;
        kernel.scheduler.addTimer(at, this);
        block(() -> kernel.scheduler.now() >= at);
    }

    void pauseForSignal() {
        handledSignal = false;
        block(() -> handledSignal);
    }

    void timerFired(long at) {
        if (alive()) {
            kernel.scheduler.makeRunnable(this);
        }
    }

    /**
     * One unit of work (a shell command, a write). A real kernel would keep sharing the CPU with a loop for ever; one
     * command of a glassbox session may not take more than {@link #RUNAWAY_STEPS} of them, so the process that goes over
     * is killed, says so on its standard error and in the trace, and ends as SIGKILL ends it.
     */
    void tick() {
        tick(1);
    }

    /** {@code units} units of work at once (bytes moved through a pipe: {@link SimPipe#BYTES_PER_STEP} a unit). */
    void tick(long units) {
        kernel.scheduler.work += units;
        if (kernel.scheduler.work <= RUNAWAY_STEPS || killedBy != 0) {
            return;
        }
        throw killedAtLimit(ProcessEvents.runaway(pid, command(), RUNAWAY_STEPS), output, "",
                "the command's processes did " + RUNAWAY_STEPS + " steps of work, a runaway");
    }

    /**
     * A process whose own data passed {@link #DATA_LIMIT} is killed, says so on its standard error and in the trace, and
     * ends as SIGKILL ends it: a real kernel would let it grow until memory ran out, in a machine the whole class shares.
     */
    void holdsData() {
        if (dataBytes <= DATA_LIMIT || killedBy != 0) {
            return;
        }
        throw killedAtLimit(ProcessEvents.dataLimit(pid, command(), DATA_LIMIT), output, "",
                "it held more than " + (DATA_LIMIT >> 20) + " MiB of data, the most one process keeps here");
    }

    /**
     * {@code held} characters of this process's output wait in memory until it ends (for {@code $(…)} or a redirection
     * the shell completes afterwards): past {@link #DATA_LIMIT} it is killed, says so in one line and in the trace.
     */
    void holdsOutput(long held) {
        if (held <= DATA_LIMIT || killedBy != 0) {
            return;
        }
        throw killedAtLimit(ProcessEvents.outputHeld(pid, command(), DATA_LIMIT), output, "",
                "more than " + (DATA_LIMIT >> 20) + " MiB of its output waited in memory, the most one process keeps here");
    }

    /** The command's processes printed more than {@code limit} characters: this one, printing, is killed with one line. */
    void printedTooMuch(long limit, ExecSpec.OutputSink out) {
        if (killedBy != 0) {
            throw new Killed();
        }
        throw killedAtLimit(ProcessEvents.outputLimit(pid, command(), limit), out, "\n",
                "the command's processes printed more than " + (limit >> 20) + " MiB, the most one command shows here");
    }

    /**
     * This process went past one of glassbox's limits: the step goes into the trace, one line ({@code why}, after
     * {@code before}) onto {@code err}, and it ends as SIGKILL ends it (the caller throws what this returns).
     */
    private Killed killedAtLimit(dev.glassbox.kernel.KernelEvent step, ExecSpec.OutputSink err, String before, String why) {
        kernel.event(step);
        err.write(2, before + "glassbox: killed " + command() + " (pid " + pid + "): " + why + "\n");
        killedBy = Signals.SIGKILL;
        return new Killed();
    }

    Runnable handler(int sig) {
        return handlers == null || sig < 0 || sig >= handlers.length ? null : handlers[sig];
    }

    void handle(int sig, Runnable h) {
        if (handlers == null || sig >= handlers.length) {
            handlers = handlers == null ? new Runnable[sig + 1] : java.util.Arrays.copyOf(handlers, sig + 1);
        }
        handlers[sig] = h;
    }

    void unhandle(int sig) {
        if (handlers != null && sig >= 0 && sig < handlers.length) {
            handlers[sig] = null;
        }
    }

    void clearHandlers() {
        handlers = null;
    }

    boolean ignores(int sig) {
        return sig >= 1 && sig <= 64 && (ignoredMask & (1L << (sig - 1))) != 0;
    }

    void ignore(int sig, boolean on) {
        if (sig >= 1 && sig <= 64) {
            ignoredMask = on ? ignoredMask | (1L << (sig - 1)) : ignoredMask & ~(1L << (sig - 1));
        }
    }

    /** fork and execve keep what is ignored. */
    void ignoreAs(SimProcess parent) {
        ignoredMask |= parent.ignoredMask;
    }

    void pend(int sig) {
        if (pending == null) {
            pending = new ArrayDeque<>();
        }
        pending.add(sig);
    }

    /** The socket open at descriptor {@code fd}, or null. */
    SimNet.Socket socket(int fd) {
        return fds == null ? null : fds.get(fd);
    }

    void addSocket(int fd, SimNet.Socket s) {
        if (fds == null) {
            fds = new HashMap<>();
        }
        fds.put(fd, s);
    }

    SimNet.Socket removeSocket(int fd) {
        return fds == null ? null : fds.remove(fd);
    }

    /** The process ends: its sockets, for the kernel to close. */
    java.util.Collection<SimNet.Socket> dropSockets() {
        java.util.Collection<SimNet.Socket> all = fds == null ? List.of() : fds.values();
        fds = null;
        return all;
    }

    /** The pipe whose both ends it holds under number {@code pipe}, or null. */
    SimPipe pipe(int pipe) {
        return pipes == null ? null : pipes.get(pipe);
    }

    void addPipe(int number, SimPipe pipe) {
        if (pipes == null) {
            pipes = new HashMap<>();
        }
        pipes.put(number, pipe);
    }

    void removePipe(int number) {
        if (pipes != null) {
            pipes.remove(number);
        }
    }

    void checkSignals() {
        if (killedBy != 0) {
            throw new Killed();
        }
        while (pending != null && !pending.isEmpty()) {
            int sig = pending.poll();
            Runnable h = handler(sig);
            if (h != null) {
                handledSignal = true;
                signalsHandled++;
                h.run();
            }
            if (killedBy != 0) {
                throw new Killed();
            }
        }
    }

    /** The driver marks this process for death; its thread unwinds when it next runs. */
    void markKilled(int signal) {
        killedBy = signal;
        if (!started || threadDone) {
            return;
        }
        kernel.scheduler.makeRunnable(this);
    }

    boolean hasThread() {
        return started && !threadDone;
    }

    /** Thrown to end a program: exit(2). */
    static final class Exit extends Error {
        private static final long serialVersionUID = 1L;
        final int code;

        Exit(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    /** Thrown to unwind a program killed by a signal. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed() {
            super(null, null, false, false);
        }
    }

    /** Thrown by execve to replace the running program. */
    static final class Exec extends Error {
        private static final long serialVersionUID = 1L;
        final Program program;

        Exec(Program program) {
            super(null, null, false, false);
            this.program = program;
        }
    }
}
