package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.ProcessInfo;
import dev.glassbox.kernel.Processes;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real containers from a busybox layer under a real overlay: only as root (CI runs as root). */
class LinuxProcessesTest {
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

    @Test
    void pid1HostnameAndProcSeeOnlyTheContainer() throws IOException {
        BusyboxSandboxes.Ran r = boxes.run("c1", "echo $$; hostname; cat /etc/hostname; test -d /proc/1 && echo proc1; ps -o pid,comm; echo end");
        assertEquals(ExitStatus.exited(0), r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("1", lines.get(0), r.out());
        assertEquals("c1", lines.get(1), "sethostname inside the UTS namespace");
        assertEquals("c1", lines.get(2), "/etc/hostname is the bind-mounted file");
        assertEquals("proc1", lines.get(3));
        List<String> ps = lines.subList(5, lines.size() - 1);
        assertEquals(2, ps.size(), "only sh and ps: " + r.out());
        assertTrue(ps.get(0).trim().startsWith("1 "), r.out());
    }

    @Test
    void writesLandInTheUpperdirAndDeletesLeaveWhiteouts() throws IOException {
        BusyboxSandboxes.Ran r = boxes.run("c2", "echo hi > /root/new.txt && rm /etc/motd && ls /etc");
        assertEquals(0, r.status().code(), r.err());
        Path upper = boxes.state.resolve("containers/c2/upper");
        assertEquals("hi\n", Files.readString(upper.resolve("root/new.txt")));
        Path wh = upper.resolve("etc/motd");
        assertTrue(Files.exists(wh, LinkOption.NOFOLLOW_LINKS), "a whiteout for /etc/motd");
        int mode = (Integer) Files.getAttribute(wh, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertEquals(0020000, mode & 0170000, "a character device 0:0");
        assertTrue(Files.exists(boxes.layer.resolve("etc/motd")), "the image layer is untouched");
        assertFalse(r.out().contains("motd"), r.out());
    }

    @Test
    void exitCodesAndSignals() throws IOException {
        assertEquals(3, boxes.run("c3", "exit 3").status().code());
        BusyboxSandboxes.Ran self = boxes.run("c4", "kill -9 $$; echo survived");
        assertEquals("survived\n", self.out(), "a PID 1 cannot be killed from inside its namespace, not even by KILL");
        assertEquals(ExitStatus.exited(137), boxes.run("c5", "sh -c 'kill -9 $$'; exit $?").status(), "a child killed by 9: the shell exits 128+9");
    }

    @Test
    void pid1SleepIgnoresTermButNotKill() throws IOException {
        Sandbox sb = boxes.create("c6", "c6");
        boxes.processes.exec(sb, new ExecSpec(List.of("sleep", "60"), BusyboxSandboxes.ENV, "/", 0, 0, "", ExecSpec.OutputSink.DISCARD));
        boxes.processes.kill(sb.pid(), Signals.SIGTERM);
        assertEquals(Optional.empty(), boxes.processes.waitFor(sb.pid(), 300), "PID 1 has no TERM handler: the kernel drops TERM");
        boxes.processes.kill(sb.pid(), Signals.SIGKILL);
        assertEquals(137, boxes.processes.waitFor(sb.pid(), 5_000).orElseThrow().code());
        boxes.processes.kill(sb.pid(), Signals.SIGKILL); // gone: ignored
        boxes.processes.release(sb);
    }

    @Test
    void aMissingProgramIs127AndANonExecutableIs126() throws IOException {
        Sandbox sb = boxes.create("c7", "c7");
        Processes.ExecFailure f = assertThrows(Processes.ExecFailure.class, () -> boxes.processes.exec(sb,
                new ExecSpec(List.of("nope"), BusyboxSandboxes.ENV, "/", 0, 0, "", ExecSpec.OutputSink.DISCARD)));
        assertEquals(127, f.exitCode());
        assertEquals("exec: \"nope\": executable file not found in $PATH", f.getMessage());
        assertEquals(127, boxes.processes.waitFor(sb.pid(), 5_000).orElseThrow().code());
        boxes.processes.release(sb);

        Sandbox sb2 = boxes.create("c8", "c8");
        Processes.ExecFailure g = assertThrows(Processes.ExecFailure.class, () -> boxes.processes.exec(sb2,
                new ExecSpec(List.of("/etc/passwd"), BusyboxSandboxes.ENV, "/", 0, 0, "", ExecSpec.OutputSink.DISCARD)));
        assertEquals(126, g.exitCode());
        assertEquals("exec: \"/etc/passwd\": permission denied", g.getMessage());
        boxes.processes.release(sb2);
    }

    @Test
    void spawnJoinsTheNamespacesOfARunningContainer() throws IOException {
        Sandbox sb = boxes.create("c9", "web");
        boxes.processes.exec(sb, new ExecSpec(List.of("sleep", "60"), BusyboxSandboxes.ENV, "/", 0, 0, "", ExecSpec.OutputSink.DISCARD));
        StringBuffer out = new StringBuffer();
        int pid = boxes.processes.spawn(sb, BusyboxSandboxes.sh("hostname; echo $$; ps -o pid,comm > /tmp/ps; grep -c . /tmp/ps; cat /proc/1/cmdline; echo; cat",
                (s, t) -> out.append(t)));
        ExecSpec withStdin = new ExecSpec(List.of("cat"), BusyboxSandboxes.ENV, "/", 0, 0, "from stdin", ExecSpec.OutputSink.DISCARD);
        assertEquals(0, boxes.processes.waitFor(pid, 5_000).orElseThrow().code());
        List<String> lines = out.toString().lines().toList();
        assertEquals("web", lines.get(0));
        assertEquals("2", lines.get(1), "PID 2 inside: init is 1");
        assertEquals("4", lines.get(2), "header, sleep, sh, ps (a pipe into grep raced ps against grep's fork under load): " + out);
        assertEquals("sleep 60", lines.get(3).replace('\0', ' ').trim());
        StringBuffer cat = new StringBuffer();
        int catPid = boxes.processes.spawn(sb, new ExecSpec(withStdin.argv(), withStdin.env(), "/tmp", 0, 0, "from stdin", (s, t) -> cat.append(t)));
        assertEquals(0, boxes.processes.waitFor(catPid, 5_000).orElseThrow().code());
        assertEquals("from stdin", cat.toString());
        List<ProcessInfo> ps = boxes.processes.list(sb);
        assertEquals(1, ps.size(), ps.toString());
        assertEquals(List.of(sb.pid(), 1), ps.get(0).nsPids());
        assertEquals("sleep 60", ps.get(0).command());
        Processes.ExecFailure f = assertThrows(Processes.ExecFailure.class,
                () -> boxes.processes.spawn(sb, new ExecSpec(List.of("nope"), BusyboxSandboxes.ENV, "/", 0, 0, "", ExecSpec.OutputSink.DISCARD)));
        assertEquals(127, f.exitCode());
        boxes.processes.kill(sb.pid(), Signals.SIGKILL);
        boxes.processes.waitFor(sb.pid(), 5_000).orElseThrow();
        boxes.processes.release(sb);
    }

    @Test
    void outputArrivesInOrderOnBothStreams() throws IOException {
        BusyboxSandboxes.Ran r = boxes.run("c10", "i=0; while [ $i -lt 200 ]; do echo line$i; echo err$i >&2; i=$((i+1)); done");
        StringBuilder want = new StringBuilder();
        StringBuilder wantErr = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            want.append("line").append(i).append('\n');
            wantErr.append("err").append(i).append('\n');
        }
        assertEquals(want.toString(), r.out());
        assertEquals(wantErr.toString(), r.err());
    }

    @Test
    void theContainerOutlivesTheDaemonsChannelAndItsExitIsRecorded() throws Exception {
        Sandbox sb = boxes.create("c11", "c11");
        boxes.processes.exec(sb, BusyboxSandboxes.sh("sleep 0.5; echo done; exit 7", ExecSpec.OutputSink.DISCARD));
        Path dir = boxes.state.resolve("run/c11/init");
        // a second daemon that never started it: it knows the pid only, not the helper
        LinuxProcesses other = new LinuxProcesses(boxes.state, null);
        CompletableFuture<ExitStatus> seen = new CompletableFuture<>();
        other.onExit(sb.pid(), seen::complete);
        assertTrue(ProcFiles.alive(sb.pid()));
        assertEquals(ExitStatus.exited(7), seen.get(10, TimeUnit.SECONDS), "found by the helper's pid file");
        assertEquals(Optional.of(ExitStatus.exited(7)), Shims.readExit(dir), "the shim wrote the exit status");
        assertEquals(Optional.of(ExitStatus.exited(7)), other.waitFor(sb.pid(), 1_000));
        assertEquals("done\n", BusyboxSandboxes.stdout(dir), "the shim kept the output in its file");
        boxes.processes.release(sb);
        assertFalse(Files.exists(dir), "release removes the run directory");
    }

    @Test
    void aHeldInitIsReleasedWithoutRunningAnything() throws IOException {
        Sandbox sb = boxes.create("c12", "c12");
        assertTrue(ProcFiles.alive(sb.pid()));
        assertEquals(List.of(), boxes.processes.list(sb), "the held init is not a running process yet");
        boxes.processes.release(sb);
        assertFalse(ProcFiles.alive(sb.pid()));
    }

    @Test
    void aHeldInitBringsUpItsOwnLoopbackAndNamesWhatItCannot() throws IOException {
        Sandbox sb = boxes.create("c14", "c14");
        dev.glassbox.trace.Tracer tracer = new dev.glassbox.trace.Tracer(System::currentTimeMillis);
        LinuxNet net = new LinuxNet(Cmd.HOST, tracer, LinuxNet::hasOwnNetNs);
        net.heldInits(boxes.processes);
        String ns = "--net=/proc/" + sb.pid() + "/ns/net";
        assertFalse(flags(ns, "lo").contains("UP"), "a new network namespace's lo starts down");
        tracer.begin("test", "lo up");
        net.linkUp(sb, "lo");
        assertTrue(flags(ns, "lo").contains("UP"), "the held init brought lo up: " + flags(ns, "lo"));
        List<dev.glassbox.trace.TraceEvent> events = tracer.finish().events();
        assertTrue(events.stream().anyMatch(ev -> ev.action().equals("link up")
                && ev.equivalent().startsWith("ioctl(SIOCSIFFLAGS, \"lo\", IFF_UP) by the container's waiting init")), events.toString());
        dev.glassbox.kernel.SysError e = assertThrows(dev.glassbox.kernel.SysError.class, () -> net.linkUp(sb, "nosuch0"));
        assertEquals(Errno.ENODEV, e.errno(), e.getMessage());
        boxes.processes.release(sb);
    }

    /** The flags of a link in the namespace given to nsenter, as ip prints them ("<LOOPBACK,UP,LOWER_UP>"). */
    private static String flags(String ns, String link) {
        String out = Cmd.run(List.of("nsenter", ns, "ip", "-o", "link", "show", link), 5_000).stdout();
        int from = out.indexOf('<');
        return from < 0 ? out : out.substring(from, out.indexOf('>', from) + 1);
    }

    @Test
    void uidGidCwdAndEnvironmentAreTheSpecs() throws IOException {
        Sandbox sb = boxes.create("c13", "c13");
        StringBuffer out = new StringBuffer();
        boxes.processes.exec(sb, new ExecSpec(List.of("sh", "-c", "id -u; id -g; pwd; echo $GREETING; env | grep -c ."),
                List.of("PATH=/bin", "GREETING=hello"), "/tmp", 65534, 65534, "", (s, t) -> out.append(t)));
        assertEquals(0, boxes.processes.waitFor(sb.pid(), 5_000).orElseThrow().code());
        assertEquals(List.of("65534", "65534", "/tmp", "hello"), out.toString().lines().toList().subList(0, 4));
        boxes.processes.release(sb);
    }

    @Test
    void aJoinedNetworkNamespaceIsTheOthersAndTheRootfsMustBeInsideTheStateRoot() throws IOException {
        Sandbox a = boxes.create("c14", "c14");
        Sandbox b = boxes.processes.clone(new dev.glassbox.kernel.CloneSpec("c15", java.util.EnumSet.of(dev.glassbox.kernel.NsType.PID,
                dev.glassbox.kernel.NsType.MNT), java.util.Map.of(dev.glassbox.kernel.NsType.NET, a)));
        assertEquals(ProcFiles.nsInode(a.pid(), "net"), ProcFiles.nsInode(b.pid(), "net"), "--network container:c14");
        assertEquals(a.namespaces().get(dev.glassbox.kernel.NsType.NET), b.namespaces().get(dev.glassbox.kernel.NsType.NET));
        assertTrue(ProcFiles.nsInode(a.pid(), "pid") != ProcFiles.nsInode(b.pid(), "pid"));
        assertThrows(IllegalArgumentException.class, () -> boxes.mounts.prepareRoot(b, "/"), "a rootfs outside the state root is refused");
        assertThrows(IllegalArgumentException.class, () -> boxes.mounts.prepareRoot(b, tmp.resolve("state/../elsewhere").toString()));
        boxes.processes.release(b);
        boxes.processes.release(a);
        assertFalse(ProcFiles.alive(a.pid()) || ProcFiles.alive(b.pid()));
    }
}
