package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import dev.glassbox.engineapi.EngineApiServer;
import dev.glassbox.image.FileEntry;
import dev.glassbox.registry.LayerArchive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker build with the classic builder on the host's kernel: RUN in a real build container, COPY, CMD, the cache. Needs root. */
class LinuxBuildTest extends OnHostRoot {
    /** The RUN's first line, and a word its shell's command line carries, by which the test finds it among the host's processes. */
    private static final String FIRST = "glassbox-live-first";

    @TempDir
    Path dir;

    @Override
    protected String tag() {
        return "bld";
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    @Test
    void buildsFromBusyboxWithRunCopyAndCmdThenRunsTheImage() {
        try (Engine e = LinuxEngine.open(host.options, false)) {
            ((MemoryWorkspace) e.workspace()).put("/home/student/app/Dockerfile", "FROM busybox\nWORKDIR /srv\nCOPY note.txt .\n"
                    + "RUN echo built on $(uname -s) > built.txt && cat note.txt\nCMD [\"cat\", \"/srv/note.txt\", \"/srv/built.txt\"]\n")
                    .put("/home/student/app/note.txt", "copied from the context\n");
            Result cold = ok(e, "docker build -t linuxbuilt:1 app");
            assertTrue(cold.out().contains("Step 4/5 : RUN echo built on $(uname -s) > built.txt && cat note.txt\n ---> Running in "), cold.out());
            assertTrue(cold.out().contains("copied from the context\n ---> Removed intermediate container "), cold.out());
            assertTrue(cold.out().endsWith("Successfully tagged linuxbuilt:1\n"), cold.out());
            assertEquals("copied from the context\nbuilt on Linux\n", ok(e, "docker run --rm linuxbuilt:1").out());
            Result cached = ok(e, "docker build -t linuxbuilt:1 app");
            assertEquals(4, cached.out().split(" ---> Using cache\n").length - 1, cached.out());
            assertEquals("", ok(e, "docker ps -aq").out(), "no build container is left");
            ok(e, "docker rmi linuxbuilt:1");
        }
    }

    /**
     * POST /build's stream is live: the reader sees the RUN's first line while the RUN's process still runs (it
     * waits for a signal the test sends only after that line came), then the rest once the process goes on.
     */
    @Test
    void theApiStreamsARunsFirstLineBeforeTheStepEnds() throws Exception {
        Path socket = dir.resolve("glassbox.sock");
        String dockerfile = "FROM busybox\nRUN echo " + FIRST + "; trap 'echo glassbox-live-second; exit 0' USR1; "
                + "i=0; while [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; exit 3\n";
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        LayerArchive.writeTar(List.of(FileEntry.file("Dockerfile", 0644, dockerfile.getBytes(StandardCharsets.UTF_8))), tar);
        try (Engine e = LinuxEngine.open(host.options, false)) {
            try (EngineApiServer server = EngineApiServer.of(e).unix(socket);
                 SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                streamed(ch, tar.toByteArray());
            }
            assertEquals("", ok(e, "docker ps -aq").out(), "no build container is left");
            ok(e, "docker rmi glassbox-live:1");
        }
    }

    private static void streamed(SocketChannel ch, byte[] tar) throws Exception {
        ch.write(ByteBuffer.wrap(("POST /v1.47/build?t=glassbox-live:1 HTTP/1.1\r\nHost: docker\r\nContent-Type: application/x-tar\r\n"
                + "Content-Length: " + tar.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        ch.write(ByteBuffer.wrap(tar));
        StringBuilder got = new StringBuilder();
        String firstLine = "{\"stream\":\"" + FIRST + "\\n\"}";
        String secondLine = "{\"stream\":\"glassbox-live-second\\n\"}";
        try {
            readUntil(ch, got, firstLine);
            assertTrue(got.indexOf("{\"stream\":\"Step 2/2 : RUN echo " + FIRST) >= 0, got.toString());
            assertTrue(got.indexOf(secondLine) < 0, got.toString());
            long pid = runStep().orElseThrow(() -> new AssertionError("the first line came after the RUN's process ended:\n" + got));
            Process kill = new ProcessBuilder("kill", "-USR1", Long.toString(pid)).start();
            assertEquals(0, kill.waitFor(), "kill -USR1 " + pid);
            readUntil(ch, got, "0\r\n\r\n");
        } finally {
            runStep().ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
        String text = got.toString();
        int first = text.indexOf(firstLine);
        int second = text.indexOf(secondLine);
        assertTrue(first > 0 && second > first, text);
        assertTrue(text.indexOf("{\"aux\":{\"ID\":\"sha256:") > second, text);
        assertTrue(text.contains("{\"stream\":\"Successfully tagged glassbox-live:1\\n\"}"), text);
    }

    /** Reads the response until {@code marker} is in it (or the daemon closes the connection: then the test fails). */
    private static void readUntil(SocketChannel ch, StringBuilder got, String marker) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (got.indexOf(marker) < 0) {
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                throw new AssertionError("the stream ended before " + marker + ":\n" + got);
            }
            got.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
        }
    }

    /** The host pid of the RUN's shell, while it runs. */
    private static Optional<Long> runStep() throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (Files.readString(p.resolve("comm")).strip().equals("sh") && cmdline.contains("echo " + FIRST)) {
                        return Optional.of(Long.parseLong(name));
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return Optional.empty();
    }
}
