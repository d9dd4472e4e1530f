package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole engine on the host's kernel, as a user drives it: a published port answered from the
 * host, nothing left after many run/rm cycles, and a killed daemon's leftovers cleaned by the next
 * start. Needs root and the host features; skipped with the reason printed otherwise.
 */
class LinuxEngineTest {
    private HostRoot host;
    private LinuxKernel.Options options;
    private Path root;

    @BeforeEach
    void ready() throws IOException {
        host = HostRoot.open("LinuxEngineTest", "eng");
        options = host.options;
        root = host.root;
    }

    @AfterEach
    void nothingLeft() {
        if (host == null) {
            return;
        }
        try {
            assertEquals(List.of(), host.leftovers(), "nothing of glassbox's is left on the host");
        } finally {
            host.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    @Test
    void aPublishedPortIsAnsweredFromTheHostByNginxInTheContainer() throws Exception {
        int port = freePort();
        try (Engine e = LinuxEngine.open(options)) {
            ok(e, "docker run -d -p " + port + ":80 --name web nginx");
            assertTrue(ok(e, "docker ps").out().contains("0.0.0.0:" + port + "->80/tcp"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpResponse<String> page = null;
            for (int i = 0; i < 50 && page == null; i++) {
                try {
                    page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(3)).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    Thread.sleep(100); // nginx is still starting
                }
            }
            assertTrue(page != null, "nginx never answered on 127.0.0.1:" + port);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("nginx"), page.body());
            e.run("docker ps"); // hands over the log lines written meanwhile
            assertTrue(ok(e, "docker logs web").text().contains("\"GET / HTTP/1.1\" 200"), "the access log went to the container's stdout");
            ok(e, "docker stop web");
            ok(e, "docker rm web");
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                throw new AssertionError("port " + port + " still answers after docker rm");
            } catch (IOException expected) {
                // withdrawn with the container
            }
        }
    }

    @Test
    void hostNetworkSharesTheHostsNameAndNeverChangesIt() throws IOException {
        String before = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        try (Engine e = LinuxEngine.open(options)) {
            assertEquals(before + "\n", ok(e, "docker run --rm --network host busybox hostname").out());
            assertEquals("box\n", ok(e, "docker run --rm --hostname box busybox hostname").out());
        }
        assertEquals(before, Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), "the host's hostname is untouched");
    }

    @Test
    void rootInAContainerCannotReconfigureTheHost() {
        try (Engine e = LinuxEngine.open(options)) {
            assertEquals("CapBnd:\t00000000a80425fb\n", ok(e, "docker run --rm busybox grep CapBnd /proc/self/status").out(),
                    "Docker's default capabilities and no others");
            ok(e, "docker run -d --name capx busybox sleep 60");
            assertEquals("CapBnd:\t00000000a80425fb\n", ok(e, "docker exec capx grep CapBnd /proc/self/status").out(), "docker exec too");
            ok(e, "docker rm -f capx");
            Result sysctl = e.run("docker run --rm busybox sh -c 'echo 1 > /proc/sys/vm/drop_caches'");
            assertEquals(1, sysctl.exitStatus());
            assertTrue(sysctl.err().contains("Read-only file system"), sysctl.text());
            Result mount = e.run("docker run --rm busybox mount -t tmpfs tmpfs /tmp");
            assertTrue(mount.exitStatus() != 0 && mount.err().contains("ermission denied"), mount.text());
        }
    }

    @Test
    void manyRunRmCyclesLeaveNothingBehind() {
        int cycles = Integer.getInteger("glassbox.leakCycles", 200);
        try (Engine e = LinuxEngine.open(options, false)) {
            for (int i = 0; i < cycles; i++) {
                Result r = e.run("docker run --rm busybox true");
                assertEquals(0, r.exitStatus(), "cycle " + i + ": " + r.text());
            }
            assertEquals(List.of(), Reconciler.leftovers(options, CgroupLayout.detect()).stream()
                    .filter(l -> !l.startsWith("link " + options.bridge()) && !l.endsWith("/" + options.cgroupParent())).toList(),
                    "while the daemon runs, only its bridge and its cgroup parent exist");
        }
        assertEquals(List.of(), Reconciler.leftovers(options, CgroupLayout.detect()), "after close, nothing");
    }

    /** A daemon in its own JVM: starts a container with a published port, prints "ready", waits to be killed. */
    public static void main(String[] args) throws Exception {
        Engine e = LinuxEngine.open(LinuxKernel.Options.at(Path.of(args[0])).named(args[2]));
        Result r = e.run("docker run -d -p " + args[1] + ":80 --name web nginx");
        System.out.println(r.exitStatus() == 0 ? "ready" : "failed " + r.text());
        System.out.flush();
        Thread.sleep(120_000);
    }

    @Test
    void theNextStartCleansUpAfterADaemonKilledWithSigkill() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process daemon = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LinuxEngineTest.class.getName(),
                root.toString(), Integer.toString(freePort()), options.cgroupParent().substring("glassbox-".length()))
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            assertEquals("ready", line);
            assertTrue(Reconciler.leftovers(options, CgroupLayout.detect()).stream().anyMatch(l -> l.startsWith("mount ")),
                    "the running container has its overlay mounted");
        } finally {
            daemon.destroyForcibly();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(Reconciler.leftovers(options, CgroupLayout.detect()).size() > 0, "kill -9 left the container's things behind");
        try (Engine e = LinuxEngine.open(options)) {
            assertEquals(List.of(), Reconciler.leftovers(options, CgroupLayout.detect()).stream()
                    .filter(l -> !l.startsWith("link " + options.bridge()) && !l.endsWith("/" + options.cgroupParent())).toList(),
                    "the next start found the dead daemon's container and took it apart");
            ok(e, "docker run --rm busybox true");
        }
    }
}
