package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.kernel.CloneSpec;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.IdMap;
import dev.glassbox.kernel.MountSpec;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.Processes;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.Stdio;
import dev.glassbox.kernel.StdioSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interactive processes on the host's kernel (only as root): a pty from the container's own devpts
 * whose master the shim holds, and a stdin pipe kept open for a writer. What the terminal shows comes
 * out as the kernel's line discipline made it: echo, "\r\n", ^C as SIGINT.
 */
class LinuxTtyTest {
    static final String PROMPT = "/ # ";
    static final long WAIT = 10_000;

    @TempDir
    Path tmp;
    BusyboxSandboxes boxes;

    @BeforeEach
    void setUp() throws IOException {
        BusyboxSandboxes.assumeReady();
        boxes = new BusyboxSandboxes(tmp, null);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (boxes != null) {
            boxes.close();
            assertEquals(List.of(), BusyboxSandboxes.mountsUnder(tmp), "nothing under the temp root stays mounted");
        }
    }

    /** What a process wrote, as it arrives on the shims' watcher threads. */
    static final class Screen implements ExecSpec.OutputSink {
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder streams = new StringBuilder();

        @Override
        public synchronized void write(int stream, String t) {
            text.append(t);
            streams.append(stream);
            notifyAll();
        }

        synchronized String text() {
            return text.toString();
        }

        /** Waits until what was written from {@code from} on contains {@code s}; returns the index after it. */
        synchronized int await(String s, int from) {
            long deadline = System.currentTimeMillis() + WAIT;
            int at;
            while ((at = text.indexOf(s, from)) < 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no " + show(s) + " after " + from + " in " + show(text.toString()));
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return at + s.length();
        }

        synchronized boolean onlyStream1() {
            return streams.chars().allMatch(c -> c == '1');
        }

        static String show(String s) {
            return "\"" + s.replace("\r", "\\r").replace("\n", "\\n").replace("\u0003", "^C") + "\"";
        }
    }

    static ExecSpec interactive(List<String> argv, StdioSpec stdio, Screen screen) {
        return new ExecSpec(argv, BusyboxSandboxes.ENV, "/", 0, 0, "", screen, stdio);
    }

    private static void type(Stdio io, String keys) {
        io.write(keys.getBytes(StandardCharsets.UTF_8));
    }

    /** busybox sh as the container's init, on a 24x80 terminal, at its first prompt. */
    private record Shell(Sandbox sandbox, int pid, Stdio io, Screen screen) {}

    private Shell shell(String id) throws IOException {
        Sandbox sb = boxes.create(id, id);
        Screen screen = new Screen();
        int pid = boxes.processes.exec(sb, interactive(List.of("sh"), StdioSpec.of(true, true), screen));
        Stdio io = boxes.processes.stdio(pid);
        screen.await(PROMPT, 0);
        return new Shell(sb, pid, io, screen);
    }

    @Test
    void aShellOnATerminalEchoesAnswersAndPromptsAgain() throws IOException {
        Shell sh = shell("t1");
        assertTrue(sh.io().tty());
        int at = sh.screen().text().length();
        type(sh.io(), "echo hi\n");
        at = sh.screen().await("echo hi\r\n", at); // the line discipline's echo, with ONLCR's \r\n
        at = sh.screen().await("hi\r\n", at);
        at = sh.screen().await(PROMPT, at);
        type(sh.io(), "tty\n");
        at = sh.screen().await("/dev/pts/0\r\n", at); // the container's own devpts: its first terminal
        sh.screen().await(PROMPT, at);
        assertTrue(sh.screen().onlyStream1(), "with a tty, stdout and stderr are one stream: 1");
        type(sh.io(), "exit 3\n");
        assertEquals(ExitStatus.exited(3), boxes.processes.waitFor(sh.pid(), WAIT).orElseThrow());
        boxes.processes.release(sh.sandbox());
    }

    /** A key typed comes back as the terminal's echo: shim, line discipline, shim, output file, watcher. Printed, not asserted. */
    @Test
    void echoRoundTrip() throws IOException {
        Shell sh = shell("t8");
        long[] micros = new long[40];
        int at = sh.screen().text().length();
        for (int i = 0; i < micros.length; i++) {
            String key = String.valueOf((char) ('a' + i % 26));
            long t0 = System.nanoTime();
            type(sh.io(), key);
            at = sh.screen().await(key, at);
            micros[i] = (System.nanoTime() - t0) / 1_000;
        }
        java.util.Arrays.sort(micros);
        System.out.printf("LinuxTtyTest: key to echo: median %.1f ms, max %.1f ms over %d keys%n", micros[micros.length / 2] / 1e3,
                micros[micros.length - 1] / 1e3, micros.length);
        type(sh.io(), "\u0015exit\n"); // ^U: the line typed so far is dropped
        assertEquals(ExitStatus.exited(0), boxes.processes.waitFor(sh.pid(), WAIT).orElseThrow());
    }

    @Test
    void resizeIsWhatSttySees() throws IOException {
        Shell sh = shell("t2");
        int at = sh.screen().text().length();
        type(sh.io(), "stty size\n");
        at = sh.screen().await("24 80\r\n", at);
        at = sh.screen().await(PROMPT, at);
        sh.io().resize(30, 100);
        type(sh.io(), "stty size\n");
        at = sh.screen().await("30 100\r\n", at);
        sh.screen().await(PROMPT, at); // typed ahead, ^D could reach the shell before its line editor is back
        sh.io().closeInput(); // ^D at the start of a line: end of file, the shell exits
        assertEquals(ExitStatus.exited(0), boxes.processes.waitFor(sh.pid(), WAIT).orElseThrow());
    }

    @Test
    void ctrlCInterruptsTheForegroundJobNotTheShell() throws IOException {
        Shell sh = shell("t3");
        int at = sh.screen().text().length();
        type(sh.io(), "sleep 100\n");
        at = sh.screen().await("sleep 100\r\n", at);
        awaitProcess(sh.sandbox(), "sleep");
        long t0 = System.nanoTime();
        type(sh.io(), "\u0003");
        at = sh.screen().await("^C", at); // ECHOCTL
        at = sh.screen().await(PROMPT, at);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 5_000, "SIGINT ended sleep at once: " + millis + " ms");
        type(sh.io(), "echo back $?\n");
        sh.screen().await("back 130\r\n", at);
        type(sh.io(), "\u0004");
        assertEquals(ExitStatus.exited(0), boxes.processes.waitFor(sh.pid(), WAIT).orElseThrow(), "^D ends the shell");
    }

    @Test
    void dockerExecItGetsATerminalOfItsOwn() throws IOException {
        Shell init = shell("t4");
        Screen screen = new Screen();
        int pid = boxes.processes.spawn(init.sandbox(), interactive(List.of("sh"), new StdioSpec(true, true, 40, 120), screen));
        Stdio io = boxes.processes.stdio(pid);
        int at = screen.await(PROMPT, 0);
        type(io, "tty; stty size; echo $$\n");
        at = screen.await("/dev/pts/1\r\n", at);
        at = screen.await("40 120\r\n", at);
        screen.await(PROMPT, at);
        type(io, "exit 3\n");
        assertEquals(ExitStatus.exited(3), boxes.processes.waitFor(pid, WAIT).orElseThrow());
        type(init.io(), "echo init still here\n");
        init.screen().await("init still here\r\n", 0);
    }

    @Test
    void aProcessThatClosedItsOutputIsStillFed() throws IOException {
        Sandbox sb = boxes.create("t13", "t13");
        Screen screen = new Screen();
        int pid = boxes.processes.exec(sb, interactive(List.of("sh", "-c", "exec 1>&- 2>&-; read line; exit ${#line}"), StdioSpec.of(true, false),
                screen));
        Stdio io = boxes.processes.stdio(pid);
        sleep(200); // its output is closed by now: the shim has nothing left to copy, only stdin to feed
        type(io, "hello\n");
        assertEquals(ExitStatus.exited(5), boxes.processes.waitFor(pid, WAIT).orElseThrow());
    }

    @Test
    void dockerExecIGetsAPipe() throws IOException {
        Shell init = shell("t12");
        Screen screen = new Screen();
        int pid = boxes.processes.spawn(init.sandbox(), interactive(List.of("cat"), StdioSpec.of(true, false), screen));
        Stdio io = boxes.processes.stdio(pid);
        type(io, "through exec\n");
        screen.await("through exec\n", 0);
        io.closeInput();
        assertEquals(ExitStatus.exited(0), boxes.processes.waitFor(pid, WAIT).orElseThrow());
        assertEquals("through exec\n", screen.text());
    }

    @Test
    void aUserOtherThanRootOwnsItsTerminal() throws IOException {
        Sandbox sb = boxes.create("t14", "t14");
        Screen screen = new Screen();
        int pid = boxes.processes.exec(sb, new ExecSpec(List.of("sh"), BusyboxSandboxes.ENV, "/", 65534, 65534, "", screen, StdioSpec.of(true, true)));
        Stdio io = boxes.processes.stdio(pid);
        int at = screen.await("~ $ ", 0); // HOME is / for nobody: busybox shows it as ~
        type(io, "id -u; ls -ln $(tty)\n");
        at = screen.await("65534\r\n", at);
        at = screen.await(" 65534    65534 ", at); // the slave is the user's, as runc chowns the console
        screen.await("/dev/pts/0\r\n", at);
        type(io, "exit 4\n");
        assertEquals(ExitStatus.exited(4), boxes.processes.waitFor(pid, WAIT).orElseThrow());
    }

    @Test
    void aProgramNotFoundFailsBeforeAnyTerminalIsMade() throws IOException {
        Shell init = shell("t15");
        Processes.ExecFailure f = assertThrows(Processes.ExecFailure.class, () -> boxes.processes.spawn(init.sandbox(),
                interactive(List.of("nope"), StdioSpec.of(true, true), new Screen())));
        assertEquals(127, f.exitCode(), f.getMessage());
        Sandbox sb = boxes.create("t16", "t16");
        f = assertThrows(Processes.ExecFailure.class, () -> boxes.processes.exec(sb, interactive(List.of("nope"), StdioSpec.of(true, true),
                new Screen())));
        assertEquals(127, f.exitCode(), f.getMessage());
        int at = init.screen().text().length();
        type(init.io(), "echo /dev/pts/*\n");
        init.screen().await("\r\n/dev/pts/0 /dev/pts/ptmx\r\n", at); // the init's own only: no terminal left behind
    }

    @Test
    void aRemappedContainerGetsItsTerminalToo() throws IOException {
        String refused = Preflight.userNamespaceProblem();
        assumeTrue(refused == null, refused);
        for (Path d : List.of(tmp, boxes.state)) {
            Files.setAttribute(d, "unix:mode", 0755); // root of the container, uid 100000 outside, finds its rootfs
        }
        List<IdMap> map = List.of(new IdMap(0, 100_000, 65_536));
        Cmd.run(List.of("chown", "-R", "100000:100000", boxes.layer.toString()), 10_000).orThrow(); // as dockerd's remapped store
        Path c = boxes.rootfs("t9"); // before the clone: a user namespace's init cannot reach into the host's mount namespace for it
        Sandbox sb = boxes.processes.clone(new CloneSpec("t9", EnumSet.of(NsType.USER, NsType.PID, NsType.MNT, NsType.UTS, NsType.IPC,
                NsType.NET), Map.of(), map, map));
        boxes.mounts.prepareRoot(sb, c.resolve("merged").toString());
        boxes.mounts.mountIn(sb, new MountSpec("proc", "proc", "/proc", List.of("nosuid", "noexec", "nodev")));
        boxes.mounts.mountIn(sb, new MountSpec("tmpfs", "tmpfs", "/dev", List.of("nosuid", "mode=755")));
        boxes.mounts.pivotRoot(sb);
        Screen screen = new Screen();
        int pid = boxes.processes.exec(sb, interactive(List.of("sh"), StdioSpec.of(true, true), screen));
        Stdio io = boxes.processes.stdio(pid);
        int at = screen.await(PROMPT, 0);
        type(io, "id -u; tty; stty size\n");
        at = screen.await("0\r\n/dev/pts/0\r\n24 80\r\n", at); // root of its user namespace, on the devpts that namespace mounted
        screen.await(PROMPT, at);
        type(io, "exit 3\n");
        assertEquals(ExitStatus.exited(3), boxes.processes.waitFor(pid, WAIT).orElseThrow());
    }

    @Test
    void anOpenStdinIsAPipeUntilClosed() throws IOException {
        Sandbox sb = boxes.create("t5", "t5");
        Screen screen = new Screen();
        int pid = boxes.processes.exec(sb, interactive(List.of("cat"), StdioSpec.of(true, false), screen));
        Stdio io = boxes.processes.stdio(pid);
        assertTrue(!io.tty());
        type(io, "hello\n");
        screen.await("hello\n", 0);
        io.resize(30, 100); // no terminal: ignored
        io.closeInput();
        assertEquals(ExitStatus.exited(0), boxes.processes.waitFor(pid, WAIT).orElseThrow());
        assertEquals("hello\n", screen.text(), "no echo, no \\r: a pipe");
    }

    @Test
    void muchInAndOutLosesNothing() throws IOException {
        Sandbox sb = boxes.create("t10", "t10");
        Screen screen = new Screen();
        int pid = boxes.processes.exec(sb, interactive(List.of("sh", "-c", "cat; head -c 300000 /dev/zero | tr '\\0' y"), StdioSpec.of(true, false),
                screen));
        Stdio io = boxes.processes.stdio(pid);
        byte[] line = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n".getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[line.length * 5_000]; // 320 kB: more than the pipes and the shim's buffer hold at once
        for (int i = 0; i < 5_000; i++) {
            System.arraycopy(line, 0, big, i * line.length, line.length);
        }
        long t0 = System.nanoTime();
        io.write(big);
        io.closeInput();
        long t1 = System.nanoTime();
        assertEquals(ExitStatus.exited(0), boxes.processes.waitFor(pid, WAIT).orElseThrow());
        System.out.printf("LinuxTtyTest: 320 kB through stdin, 620 kB out: written in %.1f ms, ended after %.1f ms%n", (t1 - t0) / 1e6,
                (System.nanoTime() - t0) / 1e6);
        String out = screen.text();
        assertEquals(new String(big, StandardCharsets.US_ASCII) + "y".repeat(300_000), out, "all in, in order, then all out");
    }

    @Test
    void aTerminalCarriesMuchOutputAndAKillEndsIt() throws IOException {
        Shell sh = shell("t11");
        int at = sh.screen().text().length();
        type(sh.io(), "head -c 300000 /dev/zero | tr '\\0' y; echo; echo done\n");
        int from = sh.screen().await("echo done\r\n", at); // the echo of the line typed
        int to = sh.screen().await("\r\ndone\r\n", from);
        assertEquals("y".repeat(300_000), sh.screen().text().substring(from, to - "\r\ndone\r\n".length()), "every byte, nothing between");
        boxes.processes.kill(sh.pid(), 9);
        assertEquals(ExitStatus.killed(9, false), boxes.processes.waitFor(sh.pid(), WAIT).orElseThrow());
        type(sh.io(), "ignored\n");
    }

    @Test
    void aFixedStdinStillWorksAndHasNoWriter() throws IOException {
        Sandbox sb = boxes.create("t6", "t6");
        Screen screen = new Screen();
        int pid = boxes.processes.exec(sb, new ExecSpec(List.of("cat"), BusyboxSandboxes.ENV, "/", 0, 0, "fixed\n", screen));
        assertEquals(ExitStatus.exited(0), boxes.processes.waitFor(pid, WAIT).orElseThrow());
        assertEquals("fixed\n", screen.text());
        assertThrows(IllegalStateException.class, () -> boxes.processes.stdio(pid));
    }

    @Test
    void anEndedProcessLeavesNoFdNoThreadAndIgnoresWrites() throws IOException {
        Shell warm = shell("t0"); // warms up: the helper binary, the spare, the watcher pool
        warm.io().closeInput();
        boxes.processes.waitFor(warm.pid(), WAIT).orElseThrow();
        sleep(200);
        String listBefore = fdList();
        long fdsBefore = fds();
        long threadsBefore = threads();
        long childrenBefore = children();
        for (int i = 0; i < 3; i++) {
            Shell sh = shell("t7-" + i);
            type(sh.io(), "exit\n");
            boxes.processes.waitFor(sh.pid(), WAIT).orElseThrow();
            type(sh.io(), "echo too late\n"); // ignored
            sh.io().resize(10, 10);
            sh.io().closeInput();
            assertThrows(IllegalStateException.class, () -> boxes.processes.stdio(sh.pid()));
            boxes.processes.release(sh.sandbox());
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (fds() > fdsBefore && System.currentTimeMillis() < deadline) {
            sleep(50);
        }
        assertTrue(fds() <= fdsBefore, "the daemon's fds: " + listBefore + " before, " + fdList() + " after");
        assertTrue(children() <= childrenBefore, "the shims ended with their processes: " + childrenBefore + " before, " + children() + " after");
        assertTrue(threads() <= threadsBefore + 1, "threads: " + threadsBefore + " before, " + threads() + " after");
    }

    /** The daemon's pipes, sockets and terminals: what a process's stdio could hold (a container's overlay keeps its own fd until unmounted). */
    private static long fds() throws IOException {
        return fdList().split(" ").length;
    }

    private static String fdList() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : s.sorted().toList()) {
                try {
                    String target = Files.readSymbolicLink(p).toString();
                    if (target.startsWith("pipe:") || target.startsWith("socket:") || target.startsWith("/dev/pts") || target.startsWith("anon_inode:")) {
                        sb.append(p.getFileName()).append("->").append(target).append(' ');
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return sb.toString();
    }

    private static long children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    }

    private static long threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("glassbox")).count();
    }

    private void awaitProcess(Sandbox sb, String comm) {
        long deadline = System.currentTimeMillis() + WAIT;
        while (boxes.processes.list(sb).stream().noneMatch(p -> p.command().startsWith(comm))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + comm + " in " + boxes.processes.list(sb));
            }
            sleep(10);
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
