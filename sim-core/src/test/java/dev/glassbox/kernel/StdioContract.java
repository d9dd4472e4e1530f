package dev.glassbox.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Processes#stdio}: a process with an open stdin or a terminal, driven as
 * {@code docker run -it} and {@code docker exec -it} drive it. What a terminal shows is what the
 * kernel's line discipline makes of it (echo, "\r\n", ^C as SIGINT), so both kernels must show the
 * same bytes. Kept apart from {@link KernelContract} until both kernels implement it: the Linux kernel
 * runs it (LinuxStdioContractTest); the sim kernel joins with a subclass of its own once its
 * terminals are in (branch sim-tty). The busybox root needs sh, cat, sleep, stty and tty.
 */
public abstract class StdioContract {
    protected static final String PROMPT = "/ # ";
    /** How many times {@link #await} idles the kernel, 10 ms each, before it gives up. */
    private static final int ROUNDS = 1_000;

    protected Kernel kernel;

    /** A fresh kernel for one test. */
    protected abstract Kernel newKernel();

    /** A directory this test may use on the kernel's host filesystem. */
    protected abstract String root();

    /** Unpacks a busybox root filesystem (sh, cat, sleep, stty, tty, …) into {@code dir}. */
    protected abstract void unpackBusybox(Kernel k, String dir);

    @BeforeEach
    void start() {
        kernel = newKernel();
    }

    @AfterEach
    void stop() {
        kernel.close();
    }

    /** What a process wrote, in order, and on which streams. */
    protected static final class Screen implements ExecSpec.OutputSink {
        private final StringBuffer text = new StringBuffer();
        private final StringBuffer streams = new StringBuffer();

        @Override
        public void write(int stream, String t) {
            text.append(t);
            streams.append(stream);
        }

        public String text() {
            return text.toString();
        }

        boolean onlyStream1() {
            return streams.chars().allMatch(c -> c == '1');
        }
    }

    /** Idles the kernel until the screen shows {@code s} at or after {@code from}; the index after it. */
    protected int await(Screen screen, String s, int from) {
        for (int i = 0; i < ROUNDS; i++) {
            int at = screen.text().indexOf(s, from);
            if (at >= 0) {
                return at + s.length();
            }
            kernel.idle(10);
            try {
                Thread.sleep(5); // real time, for a real kernel; the sim's passes in idle
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no " + show(s) + " after " + from + " in " + show(screen.text()));
    }

    protected static String show(String s) {
        return "\"" + s.replace("\r", "\\r").replace("\n", "\\n").replace("\u0003", "^C") + "\"";
    }

    private static void type(Stdio io, String keys) {
        io.write(keys.getBytes(StandardCharsets.UTF_8));
    }

    /** A container-like sandbox: busybox under an overlay, /proc and /dev mounted, root pivoted. */
    private Sandbox container(String name) {
        String dir = root() + "/" + name;
        unpackBusybox(kernel, dir + "/lower");
        kernel.fs().mkdirs(dir + "/upper");
        kernel.fs().mkdirs(dir + "/work");
        kernel.fs().mkdirs(dir + "/merged");
        kernel.mounts().overlay(List.of(dir + "/lower"), dir + "/upper", dir + "/work", dir + "/merged");
        Sandbox sb = kernel.processes().clone(new CloneSpec(name, EnumSet.of(NsType.PID, NsType.MNT, NsType.UTS, NsType.IPC, NsType.NET),
                Map.of()));
        kernel.mounts().prepareRoot(sb, dir + "/merged");
        kernel.mounts().mountIn(sb, new MountSpec("proc", "proc", "/proc", List.of("nosuid", "noexec", "nodev")));
        kernel.mounts().mountIn(sb, new MountSpec("tmpfs", "tmpfs", "/dev", List.of("nosuid", "mode=755")));
        kernel.mounts().pivotRoot(sb);
        kernel.processes().sethostname(sb, name);
        return sb;
    }

    private static ExecSpec spec(List<String> argv, StdioSpec stdio, Screen screen) {
        return new ExecSpec(argv, List.of("PATH=/bin:/usr/bin"), "/", 0, 0, "", screen, stdio);
    }

    private record Shell(Sandbox sandbox, int pid, Stdio io, Screen screen) {}

    /** /bin/sh as the container's init on a terminal, at its first prompt. */
    private Shell shell(String name, StdioSpec stdio) {
        Sandbox sb = container(name);
        Screen screen = new Screen();
        int pid = kernel.processes().exec(sb, spec(List.of("/bin/sh"), stdio, screen));
        Stdio io = kernel.processes().stdio(pid);
        await(screen, PROMPT, 0);
        return new Shell(sb, pid, io, screen);
    }

    private ExitStatus exit(int pid) {
        return kernel.processes().waitFor(pid, 10_000).orElseThrow(() -> new AssertionError("pid " + pid + " still runs"));
    }

    @Test
    void aShellOnATerminalEchoesAnswersAndPromptsAgain() {
        Shell sh = shell("glassbox-s1", StdioSpec.of(true, true));
        assertTrue(sh.io().tty());
        int at = sh.screen().text().length();
        type(sh.io(), "echo hi\n");
        at = await(sh.screen(), "echo hi\r\n", at); // the line discipline echoes, ONLCR makes "\n" "\r\n"
        at = await(sh.screen(), "hi\r\n", at);
        at = await(sh.screen(), PROMPT, at);
        type(sh.io(), "tty\n");
        at = await(sh.screen(), "/dev/pts/0\r\n", at);
        await(sh.screen(), PROMPT, at);
        assertTrue(sh.screen().onlyStream1(), "a terminal's output is one stream, 1");
        type(sh.io(), "exit 3\n");
        assertEquals(ExitStatus.exited(3), exit(sh.pid()));
    }

    @Test
    void resizeIsWhatSttySees() {
        Shell sh = shell("glassbox-s2", new StdioSpec(true, true, 24, 80));
        int at = sh.screen().text().length();
        type(sh.io(), "stty size\n");
        at = await(sh.screen(), "24 80\r\n", at);
        at = await(sh.screen(), PROMPT, at);
        sh.io().resize(30, 100);
        type(sh.io(), "stty size\n");
        at = await(sh.screen(), "30 100\r\n", at);
        await(sh.screen(), PROMPT, at); // typed ahead, ^D could reach the shell before its line editor is back
        sh.io().closeInput(); // as Ctrl-D at the start of a line: end of file, the shell exits
        assertEquals(ExitStatus.exited(0), exit(sh.pid()));
    }

    @Test
    void ctrlCInterruptsTheForegroundJobAndCtrlDEndsTheShell() {
        Shell sh = shell("glassbox-s3", StdioSpec.of(true, true));
        int at = sh.screen().text().length();
        type(sh.io(), "sleep 100\n");
        at = await(sh.screen(), "sleep 100\r\n", at);
        for (int i = 0; i < ROUNDS && kernel.processes().list(sh.sandbox()).stream().noneMatch(p -> p.command().contains("sleep")); i++) {
            kernel.idle(10);
        }
        type(sh.io(), "\u0003");
        at = await(sh.screen(), PROMPT, at);
        type(sh.io(), "echo back $?\n");
        at = await(sh.screen(), "back 130\r\n", at);
        await(sh.screen(), PROMPT, at);
        type(sh.io(), "\u0004");
        assertEquals(ExitStatus.exited(0), exit(sh.pid()));
    }

    @Test
    void dockerExecItGetsATerminalOfItsOwn() {
        Shell init = shell("glassbox-s4", StdioSpec.of(true, true));
        Screen screen = new Screen();
        int pid = kernel.processes().spawn(init.sandbox(), spec(List.of("/bin/sh"), new StdioSpec(true, true, 40, 120), screen));
        Stdio io = kernel.processes().stdio(pid);
        int at = await(screen, PROMPT, 0);
        type(io, "tty; stty size\n");
        at = await(screen, "/dev/pts/1\r\n", at);
        at = await(screen, "40 120\r\n", at);
        await(screen, PROMPT, at);
        type(io, "exit 3\n");
        assertEquals(ExitStatus.exited(3), exit(pid));
        type(init.io(), "echo init still here\n");
        await(init.screen(), "init still here\r\n", 0);
        type(io, "echo too late\n"); // the process is gone: ignored
    }

    @Test
    void anOpenStdinIsAPipeUntilClosed() {
        Sandbox sb = container("glassbox-s5");
        Screen screen = new Screen();
        int pid = kernel.processes().exec(sb, spec(List.of("/bin/cat"), StdioSpec.of(true, false), screen));
        Stdio io = kernel.processes().stdio(pid);
        assertFalse(io.tty());
        type(io, "hello\n");
        await(screen, "hello\n", 0);
        io.resize(30, 100); // no terminal: ignored
        io.closeInput();
        assertEquals(ExitStatus.exited(0), exit(pid));
        assertEquals("hello\n", screen.text(), "a pipe: no echo, no \\r");
        type(io, "after the end\n"); // ignored
    }

    @Test
    void aProcessWithoutAnOpenStdinHasNoWriter() {
        Sandbox sb = container("glassbox-s6");
        Screen screen = new Screen();
        int pid = kernel.processes().exec(sb, new ExecSpec(List.of("/bin/cat"), List.of("PATH=/bin"), "/", 0, 0, "fixed\n", screen));
        assertEquals(ExitStatus.exited(0), exit(pid));
        assertEquals("fixed\n", screen.text());
        assertThrows(IllegalStateException.class, () -> kernel.processes().stdio(pid));
    }
}
