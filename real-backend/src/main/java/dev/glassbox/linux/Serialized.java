package dev.glassbox.linux;

import dev.glassbox.kernel.CloneSpec;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.ProcessInfo;
import dev.glassbox.kernel.Processes;
import dev.glassbox.kernel.Sandbox;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Real processes end and write whenever they like, on the host's threads; the engine above the SPI
 * is single-threaded, as the sim kernel delivers everything on the caller's thread. This wrapper
 * queues output and exit notices in the order they happened and hands them over on the engine's
 * thread: in {@link #drain}, which the kernel calls from idle and waitFor.
 */
final class Serialized implements Processes {
    static final int SIGKILL = 9;
    static final long KILL_GRACE_MILLIS = 2_000;

    private final Processes inner;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    /** Pids with an exit listener whose notice has not been queued yet. */
    private final Set<Integer> pending = ConcurrentHashMap.newKeySet();

    private final Ledger ledger;
    private final Consumer<Sandbox> released;

    Serialized(Processes inner, Ledger ledger, Consumer<Sandbox> released) {
        this.inner = inner;
        this.ledger = ledger;
        this.released = released;
    }

    List<Sandbox> sandboxes() {
        synchronized (ledger) {
            return List.copyOf(ledger.sandboxes.values());
        }
    }

    /** Runs what the host reported since the last drain, on the calling thread. */
    void drain() {
        Runnable r;
        while ((r = queue.poll()) != null) {
            r.run();
        }
    }

    private ExecSpec queued(ExecSpec spec) {
        ExecSpec.OutputSink sink = spec.output();
        if (sink == ExecSpec.OutputSink.DISCARD) {
            return spec;
        }
        return new ExecSpec(spec.argv(), spec.env(), spec.cwd(), spec.uid(), spec.gid(), spec.stdin(),
                (stream, text) -> queue.add(() -> sink.write(stream, text)), spec.stdio(), spec.capabilities());
    }

    @Override
    public Sandbox clone(CloneSpec spec) {
        Sandbox sb = inner.clone(spec);
        synchronized (ledger) {
            ledger.sandboxes.put(sb.id(), sb);
        }
        return sb;
    }

    @Override
    public void sethostname(Sandbox sandbox, String hostname) {
        inner.sethostname(sandbox, hostname);
    }

    @Override
    public int exec(Sandbox sandbox, ExecSpec spec) {
        return inner.exec(sandbox, queued(spec));
    }

    @Override
    public int spawn(Sandbox sandbox, ExecSpec spec) {
        return inner.spawn(sandbox, queued(spec));
    }

    @Override
    public dev.glassbox.kernel.Stdio stdio(int pid) {
        return inner.stdio(pid);
    }

    @Override
    public void kill(int pid, int signal) {
        inner.kill(pid, signal);
        if (signal == SIGKILL) {
            // SIGKILL cannot be caught: the engine may rely on the process being gone, as it is at once on
            // the sim kernel. On the host it takes the kernel a moment to tear the process down.
            waitFor(pid, KILL_GRACE_MILLIS); // and hand its exit over, as the sim kernel reports it within the same call
        }
    }

    @Override
    public Optional<ExitStatus> waitFor(int pid, long timeoutMillis) {
        Optional<ExitStatus> st = inner.waitFor(pid, timeoutMillis);
        if (st.isPresent()) {
            // the host's watcher may report the exit a moment after the wait returns: let it, then hand over
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (pending.contains(pid) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            drain();
        }
        return st;
    }

    @Override
    public void onExit(int pid, Consumer<ExitStatus> listener) {
        pending.add(pid);
        inner.onExit(pid, st -> {
            ExitStatus seen = st.atMillis() > 0 ? st : st.at(System.currentTimeMillis()); // the daemon hears of it later, at its next turn
            queue.add(() -> listener.accept(seen));
            pending.remove(pid);
        });
    }

    @Override
    public List<ProcessInfo> list(Sandbox sandbox) {
        return inner.list(sandbox);
    }

    @Override
    public void release(Sandbox sandbox) {
        inner.release(sandbox);
        synchronized (ledger) {
            ledger.sandboxes.remove(sandbox.id());
        }
        released.accept(sandbox);
    }
}
