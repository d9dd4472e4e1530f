package dev.glassbox.linux;

import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.Signals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The daemon's side of the helpers that play containerd's shim: one watcher thread per process
 * follows its output as the shim framed it and, when the helper ends, reads the exit file it wrote.
 * Processes a restarted daemon did not start are found by the helper's pid file under the run root.
 */
final class Shims {
    private static final long POLL_MILLIS = 10;
    /** How often an interactive process's output is looked at for a while after input: its echo comes back at once. */
    private static final long BRISK_POLL_NANOS = 1_000_000;
    private static final long BRISK_FOR_NANOS = 1_000_000_000;

    private final Path runRoot;
    private final Map<Integer, Watched> procs = new ConcurrentHashMap<>();
    /** The watcher threads: kept for the next process once one has ended (starting a thread costs more than a container's exit). */
    private static final java.util.concurrent.ExecutorService WATCHERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "glassbox-shim-watcher");
        t.setDaemon(true);
        return t;
    });

    /** A process this daemon started, its helper, its run directory and how it ended. */
    static final class Watched {
        final int pid;
        final Process helper;
        final Path dir;
        final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
        private final List<OutputTail> tails = new ArrayList<>();
        /** The memory cgroup the process ran in and its OOM kill count before, to tell an OOM kill from a plain SIGKILL. */
        private volatile Path memoryDir;
        private volatile long oomBefore = -1;

        /** Remembers the memory cgroup the process is in now (call once it is in its container's cgroup). */
        void noteMemoryCgroup() {
            ProcFiles.memoryCgroupDir(pid).ifPresent(d -> {
                memoryDir = d;
                oomBefore = ProcFiles.oomKills(d);
            });
        }

        private ExitStatus ended(ExitStatus st) {
            Path d = memoryDir;
            if (st.signal() == Signals.SIGKILL && d != null && oomBefore >= 0 && ProcFiles.oomKills(d) > oomBefore) {
                return ExitStatus.killed(st.signal(), true);
            }
            return st;
        }

        /** While held, output waits: the execve event is recorded before any of the program's output is delivered. */
        private boolean held;
        /** Written to by a user: the watcher parks, so that input can wake it (see {@link #nudge}). */
        private volatile boolean interactive;
        private volatile long briskUntil;
        private volatile Thread watcher;

        /** Input went in: the watcher looks for the answer every millisecond for a while. */
        void nudge() {
            interactive = true;
            briskUntil = System.nanoTime() + BRISK_FOR_NANOS;
            Thread t = watcher;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        /** Until the process ends or a nudge: a wait on the helper, or a park that a nudge cuts short. */
        private void pause() throws InterruptedException {
            if (!interactive) {
                helper.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            LockSupport.parkNanos(System.nanoTime() < briskUntil ? BRISK_POLL_NANOS : POLL_MILLIS * 1_000_000);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }

        Watched(int pid, Process helper, Path dir) {
            this.pid = pid;
            this.helper = helper;
            this.dir = dir;
        }

        /** Delivers the process's stdout and stderr to {@code sink} from now on (before execve: nothing is lost). */
        void follow(ExecSpec.OutputSink sink) {
            ExecSpec.OutputSink out = sink == null ? ExecSpec.OutputSink.DISCARD : sink;
            synchronized (tails) {
                tails.add(new OutputTail(dir.resolve("output"), out));
            }
        }

        void hold() {
            synchronized (tails) {
                held = true;
            }
        }

        void resume() {
            synchronized (tails) {
                held = false;
                tails.notifyAll();
            }
        }

        private void poll() {
            synchronized (tails) {
                if (held) {
                    return;
                }
                for (OutputTail tail : tails) {
                    tail.poll();
                }
            }
        }

        /** The last delivery, once the process has ended: waits (a bounded time) for a hold to end. */
        private void drain() {
            synchronized (tails) {
                long deadline = System.currentTimeMillis() + 10_000;
                while (held && System.currentTimeMillis() < deadline) {
                    try {
                        tails.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                held = false;
            }
            poll();
        }
    }

    Shims(Path runRoot) {
        this.runRoot = runRoot;
    }

    Watched get(int pid) {
        return procs.get(pid);
    }

    /** Registers a process and starts its watcher. */
    Watched watch(Watched w) {
        procs.put(w.pid, w);
        WATCHERS.execute(() -> {
            w.watcher = Thread.currentThread();
            while (w.helper.isAlive()) {
                w.poll();
                try {
                    w.pause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            w.watcher = null;
            w.drain();
            w.exit.complete(w.ended(readExit(w.dir).orElse(ExitStatus.killed(Signals.SIGKILL, false))));
        });
        return w;
    }

    /** Gone: ended under our watch, or no longer in /proc (zombies count as gone). */
    boolean ended(int pid) {
        Watched w = procs.get(pid);
        return w != null && w.exit.isDone() || !ProcFiles.alive(pid);
    }

    /** The helper's record of how the process ended: "exit N" or "signal N" in DIR/exit. */
    static Optional<ExitStatus> readExit(Path dir) {
        try {
            String[] f = Files.readString(dir.resolve("exit")).trim().split(" ");
            int n = Integer.parseInt(f[1]);
            return Optional.of(f[0].equals("signal") ? ExitStatus.killed(n, false) : ExitStatus.exited(n));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Optional<ExitStatus> waitFor(int pid, long timeoutMillis) {
        Watched w = procs.get(pid);
        if (w == null) {
            long deadline = System.currentTimeMillis() + Math.min(timeoutMillis, Long.MAX_VALUE / 2);
            while (ProcFiles.alive(pid) && System.currentTimeMillis() < deadline) {
                sleep(POLL_MILLIS);
            }
            return ProcFiles.alive(pid) ? Optional.empty() : recordedExit(pid);
        }
        try {
            if (timeoutMillis <= 0) {
                return Optional.ofNullable(w.exit.getNow(null));
            }
            return Optional.of(timeoutMillis >= Long.MAX_VALUE / 2 ? w.exit.get() : w.exit.get(timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    void onExit(int pid, Consumer<ExitStatus> listener) {
        Watched w = procs.get(pid);
        if (w != null) {
            w.exit.thenAccept(listener);
            return;
        }
        Thread t = new Thread(() -> {
            while (ProcFiles.alive(pid)) {
                sleep(POLL_MILLIS);
            }
            listener.accept(recordedExit(pid).orElse(ExitStatus.exited(0)));
        }, "glassbox-wait-" + pid);
        t.setDaemon(true);
        t.start();
    }

    /** Forgets the ended processes whose run directory is under {@code dir}; whether any still runs. */
    boolean forgetEndedUnder(Path dir) {
        boolean running = false;
        for (Watched w : new ArrayList<>(procs.values())) {
            if (w.dir.startsWith(dir)) {
                if (!w.exit.isDone() && !ProcFiles.alive(w.pid)) {
                    waitFor(w.pid, 1_000); // gone from /proc: its watcher is reading the exit file
                }
                if (w.exit.isDone()) {
                    procs.remove(w.pid);
                } else {
                    running = true;
                }
            }
        }
        return running;
    }

    /** SIGKILL to every process still running, then waits for each. */
    void killAll() {
        for (Watched w : procs.values()) {
            if (!w.exit.isDone() && ProcFiles.alive(w.pid)) {
                LinuxProcesses.signal(w.pid, Signals.SIGKILL);
            }
        }
        for (Watched w : procs.values()) {
            waitFor(w.pid, 5_000);
        }
    }

    /**
     * How a process this daemon did not start ended, from the exit file its helper wrote: a restarted
     * daemon finds the run directory by the helper's pid file. Waits briefly for the helper, which
     * writes the file just after it reaped the process.
     */
    private Optional<ExitStatus> recordedExit(int pid) {
        Optional<Path> dir = dirOf(pid);
        for (int i = 0; dir.isPresent() && i < 100; i++) {
            Optional<ExitStatus> st = readExit(dir.get());
            if (st.isPresent()) {
                return st;
            }
            sleep(POLL_MILLIS);
        }
        return Optional.empty();
    }

    private Optional<Path> dirOf(int pid) {
        if (!Files.isDirectory(runRoot)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.walk(runRoot, 3)) {
            return s.filter(f -> f.getFileName().toString().equals("pid")).filter(f -> {
                try {
                    return Files.readString(f).trim().equals(String.valueOf(pid));
                } catch (IOException e) {
                    return false;
                }
            }).map(Path::getParent).findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
