package dev.glassbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.image.ImageRef;
import dev.glassbox.kernel.CloneSpec;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.MountSpec;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.Stdio;
import dev.glassbox.kernel.StdioSpec;
import dev.glassbox.registry.SimHub;
import dev.glassbox.sim.programs.Programs;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Standard input as a stream on the sim kernel itself: an open pipe, and a pty with its line discipline. */
class PtyTest {
    private final SimKernel k = new SimKernel(7, Programs::lookup);
    private final StringBuilder screen = new StringBuilder();
    private final StringBuilder errors = new StringBuilder();

    @AfterEach
    void stop() {
        k.close();
    }

    private Sandbox box(String name) {
        String dir = "/var/lib/pty-test/" + name;
        var image = SimHub.standard().resolve(ImageRef.parse("busybox:latest")).orElseThrow();
        k.fs().unpackLayer(dir + "/lower", image.layers().get(0).entries());
        k.fs().mkdirs(dir + "/upper");
        k.fs().mkdirs(dir + "/work");
        k.fs().mkdirs(dir + "/merged");
        k.mounts().overlay(List.of(dir + "/lower"), dir + "/upper", dir + "/work", dir + "/merged");
        Sandbox sb = k.processes().clone(new CloneSpec(name, EnumSet.of(NsType.PID, NsType.MNT, NsType.UTS, NsType.IPC, NsType.NET), Map.of()));
        k.mounts().prepareRoot(sb, dir + "/merged");
        k.mounts().mountIn(sb, new MountSpec("proc", "proc", "/proc", List.of("nosuid", "noexec", "nodev")));
        k.mounts().pivotRoot(sb);
        return sb;
    }

    private int start(List<String> argv, StdioSpec stdio) {
        return k.processes().exec(box("b"), new ExecSpec(argv, List.of("PATH=/bin", "HOME=/root"), "/", 0, 0, "",
                (stream, text) -> (stream == 1 ? screen : errors).append(text), stdio));
    }

    private String type(Stdio in, String keys) {
        in.write(keys.getBytes(StandardCharsets.UTF_8));
        k.idle(10);
        String s = screen.toString();
        screen.setLength(0);
        return s;
    }

    private Optional<ExitStatus> exit(int pid) {
        return k.processes().waitFor(pid, 0);
    }

    @Test
    void anOpenPipeFeedsCatAsBytesArriveAndEndsAtClose() {
        int pid = start(List.of("cat"), StdioSpec.of(true, false));
        Stdio in = k.processes().stdio(pid);
        assertFalse(in.tty());
        assertEquals("", type(in, ""), "nothing typed, nothing printed: cat blocks");
        assertEquals("abc", type(in, "abc"), "a pipe hands over bytes without waiting for a newline");
        assertEquals(Optional.empty(), exit(pid));
        in.closeInput();
        k.idle(10);
        assertEquals(Optional.of(ExitStatus.exited(0)), exit(pid));
    }

    @Test
    void sysStdinOnAnOpenPipeReadsToEndOfFile() {
        int pid = start(List.of("wc", "-l"), StdioSpec.of(true, false));
        Stdio in = k.processes().stdio(pid);
        assertEquals("", type(in, "a\nb\n"));
        in.write("c\n".getBytes(StandardCharsets.UTF_8));
        in.closeInput();
        k.idle(10);
        assertEquals("3\n", screen.toString());
    }

    @Test
    void theLineDisciplineEchoesEditsAndHandsOverALineAtEnter() {
        int pid = start(List.of("cat"), StdioSpec.of(true, true));
        Stdio in = k.processes().stdio(pid);
        assertTrue(in.tty());
        assertEquals("ab", type(in, "ab"), "echo only: cat gets nothing before Enter");
        assertEquals("\b \bx\r\nax\r\n", type(in, "\u007fx\r"), "DEL rubs out b; Enter gives CR LF on echo, ONLCR on cat's output");
        assertEquals("hello\b \b\b \b\b \b\b \b\b \b", type(in, "hello\u0015"), "^U rubs out the whole line");
        assertEquals("", type(in, "\u0004"), "^D at the start of the line: end of file for cat");
        assertEquals(Optional.of(ExitStatus.exited(0)), exit(pid));
    }

    @Test
    void aCharacterSplitBetweenTwoWritesIsEchoedWhole() {
        int pid = start(List.of("cat"), StdioSpec.of(true, true));
        Stdio in = k.processes().stdio(pid);
        byte[] e = "é".getBytes(StandardCharsets.UTF_8);
        in.write(new byte[] {e[0]});
        k.idle(10);
        assertEquals("", screen.toString());
        in.write(new byte[] {e[1], '\r'});
        k.idle(10);
        assertEquals("é\r\né\r\n", screen.toString());
        assertEquals(Optional.empty(), exit(pid));
    }

    @Test
    void ctrlCSignalsTheForegroundGroup() {
        int pid = start(List.of("sh", "-c", "sleep 100; echo $?"), StdioSpec.of(true, true));
        Stdio in = k.processes().stdio(pid);
        k.idle(1000);
        assertEquals("^C130\r\n", type(in, "\u0003"), "sleep dies of SIGINT; sh, PID 1 without a handler, goes on");
        assertEquals(Optional.of(ExitStatus.exited(0)), exit(pid));
    }

    @Test
    void ctrlBackslashQuits() {
        int pid = start(List.of("sh", "-c", "sleep 100; echo $?"), StdioSpec.of(true, true));
        Stdio in = k.processes().stdio(pid);
        k.idle(1000);
        assertEquals("^\\Quit\r\n131\r\n", type(in, "\u001c"), "SIGQUIT ends sleep; ash reports the signal");
        assertEquals(Optional.of(ExitStatus.exited(0)), exit(pid));
    }

    @Test
    void ttyAndSttyAskTheTerminalAndResizeChangesItsSize() {
        int pid = start(List.of("sh", "-c", "tty; stty size; read x; stty size"), StdioSpec.of(true, true));
        Stdio in = k.processes().stdio(pid);
        assertEquals("/dev/pts/0\r\n24 80\r\n", type(in, ""));
        in.resize(50, 132);
        assertEquals("\r\n50 132\r\n", type(in, "\r"));
        assertEquals(Optional.of(ExitStatus.exited(0)), exit(pid));
    }

    @Test
    void resizeSendsSigwinchToTheForegroundGroupOnlyWhenTheSizeChanges() {
        int pid = start(List.of("sh", "-c", "trap 'echo winch' WINCH; read x; echo done $x"), StdioSpec.of(true, true));
        Stdio in = k.processes().stdio(pid);
        k.idle(10);
        in.resize(24, 80);
        assertEquals("", type(in, ""), "the same size: no signal");
        in.resize(30, 100);
        assertEquals("winch\r\n", type(in, ""), "the trap runs; read goes on reading");
        assertEquals("y\r\ndone y\r\n", type(in, "y\r"));
        assertEquals(Optional.of(ExitStatus.exited(0)), exit(pid));
    }

    @Test
    void aProcessWithoutAnInteractiveStdinHasNoWriter() {
        int pid = start(List.of("sleep", "10"), StdioSpec.NONE);
        assertThrows(IllegalStateException.class, () -> k.processes().stdio(pid));
    }
}
