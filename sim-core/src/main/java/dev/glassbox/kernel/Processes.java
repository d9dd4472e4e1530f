package dev.glassbox.kernel;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Processes: clone into namespaces, execve, setns, signals, wait. */
public interface Processes {
    /** clone(2) with the spec's namespace flags; the child waits before execve until {@link #exec}. */
    Sandbox clone(CloneSpec spec);

    /** sethostname(2) inside the sandbox's UTS namespace. */
    void sethostname(Sandbox sandbox, String hostname);

    /**
     * execve(2) in the sandbox's init: it becomes PID 1 of the container. Throws {@link ExecFailure}
     * when the program cannot be executed (not found, not executable).
     */
    int exec(Sandbox sandbox, ExecSpec spec);

    /** A new process that joins the sandbox's namespaces and cgroup (setns + execve): docker exec. */
    int spawn(Sandbox sandbox, ExecSpec spec);

    /**
     * The writer's end of the standard input of a process started with an interactive {@link StdioSpec}
     * (a pipe, or the master side of its pty). Throws {@link IllegalStateException} for any other process.
     */
    Stdio stdio(int pid);

    /** kill(2); a process already gone is ignored. */
    void kill(int pid, int signal);

    /** Waits up to {@code timeoutMillis} for the process to end (0: don't wait); empty when it still runs. */
    Optional<ExitStatus> waitFor(int pid, long timeoutMillis);

    /** Called once when the process ends (at once if it has ended). */
    void onExit(int pid, Consumer<ExitStatus> listener);

    /** Processes in the sandbox's PID namespace, with their PIDs as seen from the host. */
    List<ProcessInfo> list(Sandbox sandbox);

    /** Releases what is left of a sandbox whose processes have all ended. */
    void release(Sandbox sandbox);

    /** Why an execve failed, in runc's words. */
    final class ExecFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int exitCode;

        public ExecFailure(String message, int exitCode) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }

        /** 127 for not found, 126 for not executable, as Docker reports them. */
        public int exitCode() {
            return exitCode;
        }
    }
}
