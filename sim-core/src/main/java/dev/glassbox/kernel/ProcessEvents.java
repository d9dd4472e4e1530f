package dev.glassbox.kernel;

import dev.glassbox.trace.Subsystem;
import java.util.List;

/**
 * The process and namespace steps both kernels record: runc's clone into new namespaces, the id
 * maps, the hostname, execve of the container's program and of docker exec, the terminal or pipe
 * on stdin, and signals. The equivalent (the syscalls as each kernel makes them) is passed in.
 */
public final class ProcessEvents {
    private ProcessEvents() {
    }

    private static KernelEvent process(String action, String object, String sentence, String equivalent) {
        return new KernelEvent(Subsystem.PROCESS, action, object, sentence, equivalent);
    }

    private static KernelEvent namespace(String action, String object, String sentence, String equivalent) {
        return new KernelEvent(Subsystem.NAMESPACE, action, object, sentence, equivalent);
    }

    /** The sim kernel kills a process that ran {@code steps} units of work without blocking once. */
    public static KernelEvent runaway(int pid, String command, long steps) {
        return process("kill runaway", Integer.toString(pid), "The processes have done " + steps + " steps of work for this command:"
                + " glassbox's kernel kills the one still asking for more, " + pid + " (" + command + "), with SIGKILL, so that one"
                + " session's loop cannot hold the machine (a real kernel would keep sharing the CPU with it for ever).", "kill -9 " + pid);
    }

    /**
     * The sim kernel stops a wait for process {@code pid}: the command's processes woke from their sleeps {@code wakeups}
     * times while it waited, and simulating more would hold the machine the class shares.
     */
    public static KernelEvent waitGivenUp(int pid, long wakeups, long waitedMillis) {
        return process("stop waiting", Integer.toString(pid), "Process " + pid + " is still running after " + waitedMillis / 1000
                + " s of simulated time, in which the processes woke from their sleeps " + wakeups + " times: glassbox stops"
                + " waiting for it here, so that one session's timers cannot hold the machine, and leaves it running"
                + " (simulated time moves on again with the next command).", "");
    }

    /** The sim kernel kills a process whose own data (a shell's variables) passed {@code limit} bytes. */
    public static KernelEvent dataLimit(int pid, String command, long limit) {
        return process("kill data hog", Integer.toString(pid), "Process " + pid + " (" + command + ") holds more than " + (limit >> 20)
                + " MiB of data of its own: glassbox's kernel kills it with SIGKILL, since its memory is the machine's the whole"
                + " class shares (a real kernel would let it grow until a memory limit or the OOM killer stopped it).", "kill -9 " + pid);
    }

    /** The sim kernel kills a process whose output held in memory (for {@code $(…)}, a redirection) passed {@code limit}. */
    public static KernelEvent outputHeld(int pid, String command, long limit) {
        return process("kill output hog", Integer.toString(pid), "More than " + (limit >> 20) + " MiB of what process " + pid + " ("
                + command + ") printed waits in memory for the shell that asked for it ($(…) keeps a command's whole output):"
                + " glassbox's kernel kills it with SIGKILL before it fills the memory the whole class shares.", "kill -9 " + pid);
    }

    /** The sim kernel kills a process printing past what one command may print ({@code limit} characters). */
    public static KernelEvent outputLimit(int pid, String command, long limit) {
        return process("kill endless output", Integer.toString(pid), "The container's processes have printed more than " + (limit >> 20)
                + " MiB for this command: glassbox's kernel kills the one still printing, " + pid + " (" + command + "), with SIGKILL,"
                + " so that one session's output cannot fill the answer and the memory the whole class shares.", "kill -9 " + pid);
    }

    /** runc's clone of the container's first process, held before execve. */
    public static KernelEvent clone(int pid, String equivalent) {
        return process("clone", "pid " + pid,
                "runc clones the container's first process into new namespaces; it waits, not yet running the image's program.", equivalent);
    }

    /** A namespace of kind {@code type} made for the container; {@code object} names it ({@code net:[4026532]}). */
    public static KernelEvent newNamespace(NsType type, String object, String equivalent) {
        return namespace("new " + type.procName() + " namespace", object, gives(type), equivalent);
    }

    /** What a new namespace of this kind gives the process. */
    private static String gives(NsType type) {
        return switch (type) {
            case PID -> "A new PID namespace: inside it the process is PID 1 and sees no process of the host.";
            case MNT -> "A new mount namespace: a copy of the host's mount table that the container can change alone.";
            case UTS -> "A new UTS namespace: the container gets a hostname of its own.";
            case NET -> "A new network namespace: no interface but a loopback that is down, no route, no port in use.";
            case IPC -> "A new IPC namespace: its own System V shared memory and message queues.";
            case USER -> "A new user namespace: user ids inside map to other ids outside.";
            case CGROUP -> "A new cgroup namespace: the container sees its own cgroup as the root '/'.";
        };
    }

    /** The runtime writes the child's {@code uid_map} or {@code gid_map} ({@code file}). */
    public static KernelEvent idMap(int pid, String file, List<IdMap> maps) {
        IdMap m = maps.get(0);
        String what = file.startsWith("uid") ? "uid" : "gid";
        return namespace("write " + file, "pid " + pid, "The runtime, as root on the host, writes the child's " + file + " before it goes on: "
                + what + " " + m.inside() + " inside is " + m.outside() + " on the host, " + m.count() + " ids in all"
                + (what.equals("uid") && m.inside() == 0 && m.outside() != 0 ? "; root in the container is an unprivileged user outside it." : "."),
                IdMap.echo(pid, file, maps));
    }

    /** sethostname in the container's UTS namespace, {@code host} the host's own name. */
    public static KernelEvent sethostname(String hostname, String host) {
        return namespace("sethostname", hostname, "Inside its own UTS namespace the container's hostname becomes " + hostname
                + (hostname.equals(host) ? ", a copy of the host's name: changing it there would leave the host's alone."
                        : "; the host's stays " + host + "."), "sethostname(\"" + hostname + "\")");
    }

    /** The held first process execs the image's program at {@code path}. */
    public static KernelEvent execve(List<String> argv, String path, String equivalent) {
        return process("execve", String.join(" ", argv), "The waiting process replaces itself with " + path
                + ": from now on it is the container's PID 1, running the image's program.", equivalent);
    }

    /** docker exec: a process joins the container's namespaces and runs {@code path}, PID {@code nsPid} inside. */
    public static KernelEvent exec(List<String> argv, String path, int nsPid, String equivalent) {
        return process("setns + execve", String.join(" ", argv), "A new process joins the container's namespaces and cgroup (setns), then runs "
                + path + "; inside it is PID " + nsPid + ".", equivalent);
    }

    /** The sim kernel's terminal: the slave {@code name} opened for {@code whose} ("the container's" or "the process's"). */
    public static KernelEvent openPty(String name, String whose, int rows, int cols, String equivalent) {
        return process("open pty", name, name + " is opened as " + whose + " terminal (" + rows + "×" + cols
                + "): it becomes the process's stdin, stdout and stderr, and its session's controlling tty;"
                + " the shim keeps the master side, where docker attach types and reads.", equivalent);
    }

    /** The Linux kernel's terminal: a pty of the container's own devpts whose master is passed to the shim. */
    public static KernelEvent openPtyPeer(int pid, int rows, int cols, String equivalent) {
        return process("openpty", "pid " + pid, "The process's stdin, stdout and stderr are a terminal of " + rows + "x" + cols
                + " from the container's own devpts: its controlling terminal, in a session of its own. The shim holds the"
                + " master side; what is typed goes in there, where the kernel's line discipline echoes it and turns Ctrl-C into SIGINT.",
                equivalent);
    }

    /** docker run -i without a terminal: stdin a pipe held open. */
    public static KernelEvent stdinPipe(int pid, String equivalent) {
        return process("pipe", "pid " + pid, "The process's stdin is a pipe kept open: what is written to it arrives"
                + " as input, and closing it is the end of file.", equivalent);
    }

    /** A process makes a pipe ({@code name}, {@code pipe:[INODE]}) for a shell's pipeline, its ends descriptors {@code fds}. */
    public static KernelEvent pipe(int pid, String name, int[] fds, int capacity) {
        return process("pipe", name, "Process " + pid + " makes a pipe, " + name + ": a buffer of " + (capacity >> 10) + " KiB in the"
                + " kernel between two stages of a pipeline. What the writer puts in waits there for the reader; a full pipe makes"
                + " the writer wait, an empty one the reader, and once every reader is gone a write raises SIGPIPE.",
                "pipe([" + fds[0] + ", " + fds[1] + "])");
    }

    /** A process wrote to a pipe whose every reader has gone: SIGPIPE's default action ends it. */
    public static KernelEvent brokenPipe(int pid, String command, String pipe) {
        return process("SIGPIPE", "pid " + pid, "Process " + pid + " (" + command + ") writes to " + pipe + ", which nobody reads any"
                + " more: the kernel sends it SIGPIPE, whose default action ends it (a shell reports status 141).",
                "write(1, ...) = -EPIPE ; kill(" + pid + ", SIGPIPE)");
    }

    public static KernelEvent kill(int pid, int signal) {
        return process("kill", "pid " + pid, "The kernel delivers " + Signals.name(signal) + " to process " + pid + ".",
                "kill(" + pid + ", " + Signals.name(signal) + ")");
    }

    /** A namespace's PID 1 with no handler for {@code signal}: the kernel drops it. */
    public static KernelEvent signalIgnored(int pid, int signal, String equivalent) {
        return process("signal ignored", "pid " + pid, "PID 1 of a PID namespace gets no default action for "
                + Signals.name(signal) + ": it has no handler for it, so the kernel drops the signal.", equivalent);
    }

    /** The kernel's process table is full ({@code max} processes). */
    public static KernelEvent forkRefused(int max) {
        return process("fork refused", "threads-max", "The sim kernel already runs " + max
                + " processes, its limit: fork() fails with EAGAIN.", "fork() = -1 EAGAIN");
    }
}
