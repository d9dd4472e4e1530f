package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    private static int freePortUnchecked() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    /** The page at url, retried while nginx is still starting; null if it never answered. */
    private static HttpResponse<String> get(String url) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        for (int i = 0; i < 50; i++) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                Thread.sleep(100); // nginx is still starting
            }
        }
        return null;
    }

    private static void refused(String ip, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(ip, port), 500);
            throw new AssertionError(ip + ":" + port + " still answers after docker rm");
        } catch (IOException expected) {
            // withdrawn with the container
        }
    }

    /** The nat lines of this daemon's chain on the host that are DNAT rules (not the chain or the jumps into it). */
    private List<String> natRules() {
        return host.leftovers().stream().filter(l -> l.startsWith("nat -A " + LinuxNat.chain(options) + " ")).toList();
    }

    /** The DNAT rules once the deletions under way are done: a deletion finishes in the background, within a second at most. */
    private List<String> natRulesSettled() {
        return settled(this::natRules);
    }

    /**
     * What {@code look} finds once it finds nothing, or after a second: a container's veth end and its
     * DNAT rule are deleted in the background, so they may outlive docker rm by a few milliseconds.
     */
    private static List<String> settled(java.util.function.Supplier<List<String>> look) {
        long deadline = System.currentTimeMillis() + 1_000;
        List<String> found = look.get();
        while (!found.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = look.get();
        }
        return found;
    }

    /**
     * A subnet of this JVM's own inside 172.30.0.0/16: other daemons on the host (other test runs) use
     * the whole /16 for their bridges, and the longer prefix keeps this test's packets on its bridge.
     */
    private LinuxKernel.Options ownSubnet() {
        String net = "172.30." + (1 + ProcessHandle.current().pid() % 250) + ".";
        return new LinuxKernel.Options(options.stateRoot(), options.cgroupParent(), options.bridge(), net + "0/24", net + "1");
    }

    @Test
    void aPublishedPortIsAnsweredOnLoopbackByTheProxyOnTheGatewayByDnatAndToContainersByTheProxy() throws Exception {
        int port = freePort();
        LinuxKernel.Options o = ownSubnet();
        try (Engine e = LinuxEngine.open(o)) {
            ok(e, "docker run -d -p " + port + ":80 --name web nginx");
            assertTrue(ok(e, "docker ps").out().contains("127.0.0.1:" + port + "->80/tcp, " + o.gateway() + ":" + port + "->80/tcp"),
                    "where the port answers: loopback and the gateway, not 0.0.0.0");
            assertEquals(List.of("nat -A " + LinuxNat.chain(o) + " ! -i " + o.bridge() + " -p tcp -m tcp --dport " + port
                    + " -j DNAT --to-destination " + o.subnet().replace("0/24", "2") + ":80"), natRules(), "the DNAT rule is on the host");
            HttpResponse<String> loopback = get("http://127.0.0.1:" + port + "/");
            assertTrue(loopback != null, "nginx never answered on 127.0.0.1:" + port + " (the proxy)");
            assertEquals(200, loopback.statusCode());
            assertTrue(loopback.body().contains("nginx"), loopback.body());
            // from the host, the gateway address is DNATed in OUTPUT (the proxy listens there too, for containers)
            HttpResponse<String> gateway = get("http://" + o.gateway() + ":" + port + "/");
            assertTrue(gateway != null, "nginx never answered on " + o.gateway() + ":" + port + " (DNAT)");
            assertEquals(200, gateway.statusCode());
            assertTrue(gateway.body().contains("nginx"), gateway.body());
            // from a container: the rule skips packets that come in on the bridge (! -i), so the proxy on the gateway answers, as docker-proxy does
            Result fromContainer = ok(e, "docker run --rm busybox wget -qO- http://" + o.gateway() + ":" + port + "/");
            assertTrue(fromContainer.out().contains("nginx"), fromContainer.text());
            assertTrue(e.lastTrace().events().stream().noneMatch(ev -> ev.action().equals("DNAT")), "no DNAT hop is claimed");
            e.run("docker ps"); // hands over the log lines written meanwhile
            assertTrue(ok(e, "docker logs web").text().contains("\"GET / HTTP/1.1\" 200"), "the access log went to the container's stdout");
            ok(e, "docker stop web");
            ok(e, "docker rm web");
            refused("127.0.0.1", port);
            refused(o.gateway(), port);
            assertEquals(List.of(), natRulesSettled(), "docker rm deleted the DNAT rule");
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
            int port = freePortUnchecked();
            for (int i = 0; i < cycles; i++) {
                String publish = i % 2 == 0 ? "-p " + port + ":80 " : ""; // every other cycle publishes a port: a DNAT rule and a proxy
                Result r = e.run("docker run --rm " + publish + "busybox true");
                assertEquals(0, r.exitStatus(), "cycle " + i + ": " + r.text());
            }
            assertEquals(List.of(), natRulesSettled(), "no DNAT rule is left while the daemon runs");
            assertEquals(List.of(), settled(() -> Reconciler.leftovers(options, CgroupLayout.detect()).stream()
                    .filter(l -> !l.startsWith("link " + options.bridge()) && !l.endsWith("/" + options.cgroupParent()) && !natChain(l)
                            && !runDir(l)).toList()),
                    "while the daemon runs, only its bridge, its cgroup parent, its (empty) nat chain and its run directory exist");
        }
        assertEquals(List.of(), Reconciler.leftovers(options, CgroupLayout.detect()), "after close, nothing");
    }

    /** The helpers' run directory, a tmpfs while the daemon runs. */
    private boolean runDir(String leftover) {
        return leftover.equals("mount " + root.resolve("run").toAbsolutePath().normalize());
    }

    /** The names in {@code <root>/.ahead} once both layers are there (they are made in the background, within a few seconds). */
    private List<String> ahead() {
        Path dir = root.resolve(".ahead");
        long deadline = System.currentTimeMillis() + 5_000;
        while (true) {
            try (var s = Files.list(dir)) {
                List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
                if (names.size() == 2 && Files.isDirectory(dir.resolve(names.get(0) + "/work"))) {
                    return names;
                }
            } catch (IOException e) {
                // not made yet
            }
            if (System.currentTimeMillis() > deadline) {
                return List.of();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }

    @Test
    void theNextContainersLayersAreMadeAheadOutOfOverlay2AndItsCreateTakesThem() throws IOException {
        try (Engine e = LinuxEngine.open(options, false)) {
            ok(e, "docker create --name first busybox true");
            List<String> spare = ahead();
            assertEquals(2, spare.size(), "layers made ahead: " + spare);
            String id = spare.get(0);
            assertEquals(List.of(id, id + "-init"), spare, "the next container's writable and init layers wait in .ahead");
            try (var s = Files.list(root.resolve("overlay2"))) {
                assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(id)), "overlay2 lists only layers in use");
            }
            ok(e, "docker create --name second busybox true");
            assertEquals(root.resolve("overlay2/" + id + "/diff").toString(), ok(e, "docker inspect -f '{{.GraphDriver.Data.UpperDir}}' second").out().strip(),
                    "the second container took them");
            assertTrue(ok(e, "docker inspect -f '{{.GraphDriver.Data.LowerDir}}' second").out().startsWith(root.resolve("overlay2/" + id + "-init/diff") + ":"));
            assertTrue(Files.isRegularFile(root.resolve("overlay2/" + id + "-init/diff/etc/hosts")), "its init layer has the mount points");
            assertFalse(ahead().contains(id), "and the layers after them are being made");
            assertEquals(0, ok(e, "docker start -a second").exitStatus(), "it runs on them");
            ok(e, "docker rm first second");
        }
        assertFalse(Files.exists(root.resolve(".ahead")), "a daemon that stops removes what it made ahead");
    }

    @Test
    void dockerTopListsTheProcessesInTheContainersCgroupDockerExecsToo() {
        try (Engine e = LinuxEngine.open(options, false)) {
            ok(e, "docker run -d --name tops busybox sleep 300");
            ok(e, "docker exec -d tops sleep 301");
            List<String> cmds = ok(e, "docker top tops").out().lines().skip(1).map(l -> l.substring(l.lastIndexOf("  ")).strip()).toList();
            assertEquals(List.of("sleep 300", "sleep 301"), cmds, "PID 1 and the exec'd process, not the helper that started it");
            ok(e, "docker rm -f tops");
        }
    }

    @Test
    void theHelpersRunDirectoryIsATmpfsWhileTheDaemonRunsAndGoneAfter() throws IOException {
        Path run = root.resolve("run").toAbsolutePath().normalize();
        try (Engine e = LinuxEngine.open(options, false)) {
            ok(e, "docker run --rm busybox sh -c 'echo hi'");
            List<String> tmpfs = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .filter(l -> l.split(" ")[1].equals(run.toString())).toList();
            assertEquals(1, tmpfs.size(), "one mount on " + run + ": " + tmpfs);
            assertTrue(tmpfs.get(0).startsWith("glassbox-run " + run + " tmpfs "), tmpfs.get(0));
            assertTrue(tmpfs.get(0).contains("nosuid,nodev,noexec"), tmpfs.get(0));
            try (var left = Files.list(run)) {
                assertEquals(List.of(), left.toList(), "a removed container's run directory is gone");
            }
        }
        assertFalse(LinuxOverlayMounts.isMounted(run), "close unmounts it");
    }

    @Test
    void closeLeavesNoDescriptorOnAnOverlayItDetached() throws IOException {
        int before = pathDescriptors();
        LinuxKernel k = LinuxKernel.open(options);
        String t = root.toRealPath() + "/t";
        try {
            for (String d : List.of("lower", "upper", "work", "merged")) {
                k.fs().mkdirs(t + "/" + d);
            }
            k.mounts().overlay(List.of(t + "/lower"), t + "/upper", t + "/work", t + "/merged");
            assertEquals(before + 1, pathDescriptors(), "an overlay is held by an O_PATH descriptor while mounted");
        } finally {
            k.close(); // the sweep detaches the overlay left mounted
        }
        assertEquals(before, pathDescriptors(), "close dropped the descriptor, so the detached overlay can end");
    }

    /** How many of this JVM's descriptors are O_PATH ones (the overlays' holds), from /proc/self/fdinfo. */
    private static int pathDescriptors() throws IOException {
        int n = 0;
        try (var fds = Files.list(Path.of("/proc/self/fdinfo"))) {
            for (Path f : fds.toList()) {
                try {
                    for (String line : Files.readAllLines(f)) {
                        if (line.startsWith("flags:") && (Long.parseLong(line.substring(6).trim(), 8) & 010000000L) != 0) {
                            n++;
                        }
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return n;
    }

    /** The daemon's nat chain and the jumps into it, not a rule in it. */
    private boolean natChain(String leftover) {
        String chain = LinuxNat.chain(options);
        return leftover.equals("nat -N " + chain) || leftover.startsWith("nat -A PREROUTING ") || leftover.startsWith("nat -A OUTPUT ");
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
        List<String> spare = new java.util.ArrayList<>();
        Process daemon = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LinuxEngineTest.class.getName(),
                root.toString(), Integer.toString(freePort()), options.cgroupParent().substring("glassbox-".length()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start(); // not into its answer: from Java 24 the JVM warns there of jnr's native calls
        try (BufferedReader r = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            assertEquals("ready", line);
            assertTrue(Reconciler.leftovers(options, CgroupLayout.detect()).stream().anyMatch(l -> l.startsWith("mount ")),
                    "the running container has its overlay mounted");
            spare.addAll(ahead());
            assertEquals(2, spare.size(), "the daemon made the next container's layers ahead");
        } finally {
            daemon.destroyForcibly();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(Reconciler.leftovers(options, CgroupLayout.detect()).size() > 0, "kill -9 left the container's things behind");
        assertEquals(1, natRules().size(), "kill -9 left the DNAT rule behind: " + host.leftovers());
        try (Engine e = LinuxEngine.open(options)) {
            assertEquals(List.of(), Reconciler.leftovers(options, CgroupLayout.detect()).stream()
                    .filter(l -> !l.startsWith("link " + options.bridge()) && !l.endsWith("/" + options.cgroupParent()) && !runDir(l)).toList(),
                    "the next start found the dead daemon's container and took it apart");
            assertFalse(Files.exists(root.resolve(".ahead/" + spare.get(0))), "nor the layers it made ahead");
            ok(e, "docker run --rm busybox true");
        }
    }
}
