package dev.glassbox.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassbox run FILE} and the launcher's dispatch. */
class ScriptTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int glassbox(String... args) throws IOException {
        return new Main(new PrintWriter(out, true), new PrintWriter(err, true)).run(List.of(args));
    }

    private String script(String text) throws IOException {
        Path file = dir.resolve("script.gb");
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void printsATranscriptAndSkipsCommentsAndBlankLines() throws IOException {
        int status = glassbox("run", script("# start a web server\n\ndocker run -d --name web nginx\n  docker ps\n"));
        assertEquals(0, status, err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("$ docker run -d --name web nginx\n"), text);
        assertTrue(text.contains("\n$ docker ps\nCONTAINER ID"), text);
        assertFalse(text.contains("start a web server"), text);
    }

    @Test
    void stopsAtTheFirstFailingLineWithItsStatus() throws IOException {
        int status = glassbox("run", script("docker run -d --name web nginx\ndocker stop nope\ndocker ps\n"));
        assertEquals(1, status);
        assertTrue(err.toString().contains("No such container: nope"), err.toString());
        assertTrue(err.toString().endsWith("glassbox: the script stops at line 2, which exited with status 1 (glassbox run --keep-going runs every line)\n"),
                err.toString());
        assertFalse(out.toString().contains("$ docker ps"), out.toString());
    }

    @Test
    void keepGoingRunsEveryLineAndStillFails() throws IOException {
        int status = glassbox("run", script("docker stop nope\ndocker run -d --name web nginx\ndocker ps\n"), "--keep-going");
        assertEquals(1, status);
        assertTrue(out.toString().contains("$ docker ps\n"), out.toString());
        assertFalse(err.toString().contains("the script stops"), err.toString());
    }

    @Test
    void builtInsWorkInScripts() throws IOException {
        int status = glassbox("run", script("docker run -d --name web nginx\ntrace\nkernel\n"));
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("POST /v1.50/containers/create"), out.toString());
        assertTrue(out.toString().contains("$ kernel\nsim\n"), out.toString());
    }

    @Test
    void stepInAScriptShowsEveryStep() throws IOException {
        int status = glassbox("run", script("step docker run -d --name web nginx\n"));
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("step 1/"), out.toString());
    }

    @Test
    void usernsRemapDefaultStartsTheDaemonRemapped() throws IOException {
        int status = glassbox("--userns-remap", "default", "run", script("docker run --rm busybox cat /proc/self/uid_map\ndocker info\n"));
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("         0     100000      65536\n"), out.toString());
        assertTrue(out.toString().contains(" Security Options:\n  userns\n"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, glassbox("--userns-remap=default", "run", script("docker run --rm --userns=host busybox cat /proc/self/uid_map\n")));
        assertTrue(out.toString().contains("         0          0 4294967295\n"), out.toString());
    }

    @Test
    void usernsRemapWithANamedUserIsRefusedInOneLine() throws IOException {
        assertEquals(2, glassbox("--userns-remap", "alice", "run", script("docker ps\n")));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("glassbox: --userns-remap=alice: "), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void storageDriverVfsStartsTheDaemonWithIt() throws IOException {
        int status = glassbox("--storage-driver", "vfs", "run", script("docker run --name box busybox true\ndocker info\n"
                + "docker inspect -f '{{.GraphDriver.Name}} {{json .GraphDriver.Data}}' box\n"));
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains(" Storage Driver: vfs\n"), out.toString());
        assertTrue(out.toString().contains("\nvfs null\n"), out.toString());
        assertEquals(0, glassbox("--storage-driver=overlay2", "run", script("docker info\n")));
        assertTrue(out.toString().contains(" Storage Driver: overlay2\n"), out.toString());
    }

    @Test
    void anUnknownStorageDriverIsRefusedAsDockerdRefusesIt() throws IOException {
        assertEquals(1, glassbox("--storage-driver", "aufs", "run", script("docker ps\n")));
        assertEquals("error initializing graphdriver: driver not supported: aufs\n", err.toString());
        assertEquals(1, glassbox("daemon", "--storage-driver", "zfs"));
        assertEquals(1, glassbox("web", "--storage-driver=btrfs"));
        assertEquals("error initializing graphdriver: driver not supported: aufs\n"
                + "error initializing graphdriver: driver not supported: zfs\n"
                + "error initializing graphdriver: driver not supported: btrfs\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aMissingScriptIsAUsageError() throws IOException {
        assertEquals(2, glassbox("run", dir.resolve("nope.gb").toString()));
        assertEquals(2, glassbox("run"));
    }

    @Test
    void theDaemonsBadOptionsAreOneLineEach() throws IOException {
        assertEquals(2, glassbox("daemon", "--bogus"));
        assertEquals("glassbox: unknown option '--bogus' for daemon (see glassbox --help)\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, glassbox("daemon", "--tcp-port", "http"));
        assertEquals("glassbox: --tcp-port needs a number from 0 to 65535 (see glassbox --help)\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, glassbox("daemon", "--socket"));
        assertEquals("glassbox: --socket needs a value (see glassbox --help)\n", err.toString());
    }

    @Test
    void theLinuxKernelRunsAScriptOrSaysWhatTheHostLacks() throws IOException {
        List<String> problems = dev.glassbox.linux.Preflight.host().problems();
        Path state = dir.resolve("state");
        int status = glassbox("--kernel", "linux", "--state-root", state.toString(), "run", script("kernel\ndocker run --rm busybox true\n"));
        if (problems.isEmpty()) {
            assertEquals(0, status, err.toString());
            assertTrue(out.toString().contains("linux\n"), out.toString());
        } else {
            assertEquals(1, status);
            assertTrue(err.toString().startsWith(problems.get(0)), err.toString());
            assertTrue(err.toString().contains("start without --kernel linux to use the sim kernel"), err.toString());
        }
        assertEquals(2, glassbox("--kernel", "bsd"));
    }

    @Test
    void webWithAWrongOptionIsAUsageError() throws IOException {
        assertEquals(2, glassbox("web", "--port", "http"));
        assertEquals("glassbox: --port takes a number: http (see glassbox --help)\n", err.toString());
    }

    @Test
    void unknownSubcommandIsOneLineAndStatus2() throws IOException {
        assertEquals(2, glassbox("frobnicate"));
        assertEquals(1, err.toString().lines().count());
        assertTrue(err.toString().contains("frobnicate"));
    }

    @Test
    void helpListsTheSubcommands() throws IOException {
        assertEquals(0, glassbox("--help"));
        for (String sub : List.of("run FILE", "web", "daemon", "lesson", "--kernel linux")) {
            assertTrue(out.toString().contains(sub), sub);
        }
    }
}
