package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.ProcessInfo;
import dev.glassbox.kernel.Sandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the daemon does not take its containers with it: a second JVM starts a container and is
 * killed; the container runs on in its helper's session and the helper records how it ended.
 */
class DaemonDeathTest {
    @TempDir
    Path tmp;

    /** The daemon that dies: starts one container, prints its pid, waits to be killed. */
    public static void main(String[] args) throws Exception {
        BusyboxSandboxes boxes = new BusyboxSandboxes(Path.of(args[0]), null);
        Sandbox sb = boxes.create("dd1", "dd1");
        boxes.processes.exec(sb, BusyboxSandboxes.sh("sleep 1; echo done; exit 5", (s, t) -> {}));
        System.out.println("pid " + sb.pid());
        System.out.flush();
        Thread.sleep(60_000);
    }

    @Test
    void theContainerOutlivesAKilledDaemonAndItsExitIsRecorded() throws Exception {
        BusyboxSandboxes.assumeReady();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process daemon = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), DaemonDeathTest.class.getName(), tmp.toString())
                .redirectErrorStream(true).start();
        int pid = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = r.readLine()) != null && !line.startsWith("pid ")) {
                seen.append(line).append('\n');
            }
            assertTrue(line != null, "the daemon printed no pid: " + seen);
            pid = Integer.parseInt(line.substring(4));
            long helper = ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(0L);
            assertNotEquals(sessionOf(ProcessHandle.current().pid()), sessionOf(helper), "the helper has a session of its own");
            String out = Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/1")).toString();
            assertTrue(out.startsWith("pipe:"), "the container writes into its shim's pipe: " + out);
            String reader = out;
            assertTrue(Files.list(Path.of("/proc/" + helper + "/fd")).anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(reader);
                } catch (java.io.IOException e) {
                    return false;
                }
            }), "the pipe's other end is held by the helper, which outlives the daemon, not by the daemon");
            daemon.destroyForcibly();
            assertTrue(daemon.waitFor(10, TimeUnit.SECONDS));
            assertTrue(ProcFiles.alive(pid), "the container runs on after kill -9 of its daemon");
            Path dir = tmp.resolve("state/run/dd1/init");
            LinuxProcesses restarted = new LinuxProcesses(tmp.resolve("state"), null);
            Sandbox known = new Sandbox("dd1", pid, Map.of(NsType.PID, ProcFiles.nsInode(pid, "pid")));
            List<ProcessInfo> ps = restarted.list(known);
            assertEquals(List.of(pid, 1), ps.get(0).nsPids(), "a restarted daemon lists the container by its PID namespace: " + ps);
            assertEquals("sh -c sleep 1; echo done; exit 5", ps.get(0).command());
            assertEquals(Optional.of(ExitStatus.exited(5)), restarted.waitFor(pid, 10_000), "a restarted daemon reads the helper's exit file");
            assertEquals(Optional.of(ExitStatus.exited(5)), Shims.readExit(dir));
            assertEquals("done\n", BusyboxSandboxes.stdout(dir), "the shim kept the output in its file");
        } finally {
            daemon.destroyForcibly();
            if (pid > 0 && ProcFiles.alive(pid)) {
                Cmd.run(List.of("kill", "-9", String.valueOf(pid)), 5_000);
            }
            long deadline = System.currentTimeMillis() + 5_000;
            while (pid > 0 && ProcFiles.alive(pid) && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            for (String m : BusyboxSandboxes.mountsUnder(tmp)) {
                Cmd.run(List.of("umount", "-l", m), 5_000);
            }
        }
        assertEquals(List.of(), BusyboxSandboxes.mountsUnder(tmp));
    }

    private static String sessionOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3];
    }
}
