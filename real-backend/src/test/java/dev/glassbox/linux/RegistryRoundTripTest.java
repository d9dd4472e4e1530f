package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import dev.glassbox.linux.image.HttpRegistry;
import dev.glassbox.linux.image.LocalHub;
import dev.glassbox.linux.image.RegistryServer;
import dev.glassbox.registry.Registries;
import dev.glassbox.registry.SimHub;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker push and pull through the whole engine against Debian's real docker-registry on 127.0.0.1.
 * The daemon's registry client is the same on both kernels; the sim kernel is given the HTTP client
 * here (Engine.sim() never is) so the protocol is tested without root, and the Linux kernel then runs
 * a container from the image pulled back (root only; skipped with the reason printed otherwise).
 */
class RegistryRoundTripTest {
    @TempDir
    Path dir;
    private RegistryServer server;
    private LinuxKernel.Options linux;
    private Path linuxRoot;

    @BeforeEach
    void start() throws Exception {
        String why = RegistryServer.unavailable();
        if (why != null) {
            System.out.println("glassbox: skipping RegistryRoundTripTest: " + why);
        }
        assumeTrue(why == null, why);
        server = RegistryServer.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (linux != null) {
                List<String> left = Reconciler.leftovers(linux, CgroupLayout.detect());
                Reconciler.sweep(linux, CgroupLayout.detect());
                assertEquals(List.of(), left, "nothing of glassbox's is left on the host");
            }
        } finally {
            if (linuxRoot != null) {
                Cmd.run(List.of("rm", "-rf", linuxRoot.toString()), 60_000);
            }
            if (server != null) {
                server.close();
            }
        }
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    private Engine simWithRegistry() {
        return Engine.on(new SimKernel(Engine.DEFAULT_SEED, Programs::lookup), new Registries(SimHub.standard(), HttpRegistry::at));
    }

    @Test
    void busyboxGoesUpAndComesBackTheSameImage() throws Exception {
        String d = server.domain();
        Image busybox = SimHub.standard().resolve(ImageRef.parse("busybox")).orElseThrow();
        try (Engine e = simWithRegistry()) {
            ok(e, "docker pull busybox");
            String id = ok(e, "docker images -q --no-trunc busybox").out();
            ok(e, "docker tag busybox " + d + "/busybox");
            Result push = ok(e, "docker push " + d + "/busybox");
            assertEquals("Using default tag: latest\nThe push refers to repository [" + d + "/busybox]\n"
                    + busybox.layers().get(0).digest().shortId() + ": Pushed\nlatest: digest: " + busybox.manifestDigest() + " size: "
                    + dev.glassbox.registry.ImageJson.manifest(busybox.config(), busybox.layers()).length + "\n", push.out());
            Result again = ok(e, "docker push " + d + "/busybox:latest");
            assertTrue(again.out().contains(busybox.layers().get(0).digest().shortId() + ": Layer already exists\n"), again.out());
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.equivalent().equals("HEAD http://" + d + "/v2/busybox/blobs/"
                    + busybox.layers().get(0).digest())), "the trace shows the HEAD request");
            skopeoSees(d + "/busybox", busybox.manifestDigest().toString());
            ok(e, "docker tag busybox " + d + "/teach/box");
            Result mounted = ok(e, "docker push " + d + "/teach/box");
            assertTrue(mounted.out().contains(busybox.layers().get(0).digest().shortId() + ": Mounted from busybox\n"), mounted.out());
            ok(e, "docker rmi busybox " + d + "/busybox " + d + "/teach/box");
            Result pull = ok(e, "docker pull " + d + "/busybox");
            assertTrue(pull.out().contains("Digest: " + busybox.manifestDigest() + "\nStatus: Downloaded newer image for " + d + "/busybox:latest"),
                    pull.out());
            assertEquals(id, ok(e, "docker images -q --no-trunc " + d + "/busybox").out());
            assertEquals(d + "/busybox@" + busybox.manifestDigest() + "\n",
                    ok(e, "docker image inspect -f '{{index .RepoDigests 0}}' " + d + "/busybox").out());
            assertEquals("hi\n", ok(e, "docker run --rm " + d + "/busybox echo hi").out());
        }
    }

    @Test
    void unknownRepositoriesAndForeignHostsAreAnsweredInDockersWords() throws Exception {
        String d = server.domain();
        try (Engine e = simWithRegistry()) {
            Result unknown = e.run("docker pull " + d + "/nope");
            assertEquals(1, unknown.exitStatus());
            assertTrue(unknown.err().endsWith("Error response from daemon: manifest for " + d
                    + "/nope:latest not found: manifest unknown: manifest unknown\n"), unknown.err());
            int closed = RegistryServer.freePort();
            Result refused = e.run("docker pull localhost:" + closed + "/busybox");
            assertEquals("Error response from daemon: Get \"http://localhost:" + closed + "/v2/\": dial tcp 127.0.0.1:" + closed
                    + ": connect: connection refused\n", refused.err());
            String refusal = "glassbox: refusing to contact the registry ghcr.io: only registries on loopback (127.0.0.0/8, localhost, [::1]) are allowed";
            Result foreign = e.run("docker pull ghcr.io/someone/app");
            assertEquals("Error response from daemon: " + refusal + "\n", foreign.err());
            ok(e, "docker pull busybox");
            ok(e, "docker tag busybox ghcr.io/someone/app");
            Result push = e.run("docker push ghcr.io/someone/app");
            assertEquals(1, push.exitStatus());
            assertEquals(refusal + "\n", push.err());
        }
    }

    /**
     * The daemon keeps files, not blobs: a layer that another tool compressed differently cannot be
     * rebuilt byte for byte. The registry can still mount it from a repository that has it; with no
     * such repository known, pushing it is refused rather than changing the image's digests.
     */
    @Test
    void aLayerGlassboxCannotRebuildIsNotPushed() throws Exception {
        String d = server.domain();
        Image busybox = SimHub.standard().resolve(ImageRef.parse("busybox")).orElseThrow();
        dev.glassbox.image.Layer ours = busybox.layers().get(0);
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            dev.glassbox.registry.LayerArchive.writeTar(ours.entries(), out);
        }
        byte[] blob = gz.toByteArray();
        dev.glassbox.image.Layer theirs = new dev.glassbox.image.Layer(dev.glassbox.image.Digest.of(blob), blob.length, ours.diffId(),
                ours.uncompressedSize(), ours.entries());
        HttpRegistry r = HttpRegistry.at(d);
        r.putBlob("elsewhere/busybox", theirs.digest(), blob);
        r.putBlob("elsewhere/busybox", busybox.id(), dev.glassbox.registry.ImageJson.config(busybox.config()));
        r.putManifest("elsewhere/busybox", "latest", dev.glassbox.registry.ImageJson.MANIFEST_TYPE,
                dev.glassbox.registry.ImageJson.manifest(busybox.config(), List.of(theirs)));
        try (Engine e = simWithRegistry()) {
            ok(e, "docker pull " + d + "/elsewhere/busybox");
            assertEquals("hi\n", ok(e, "docker run --rm " + d + "/elsewhere/busybox echo hi").out());
            ok(e, "docker tag " + d + "/elsewhere/busybox " + d + "/mine/busybox");
            Result mounted = ok(e, "docker push " + d + "/mine/busybox");
            assertTrue(mounted.out().contains(theirs.digest().shortId() + ": Mounted from elsewhere/busybox\n"), mounted.out());
            ok(e, "docker tag " + d + "/elsewhere/busybox " + d + "/yours/busybox");
            ok(e, "docker rmi " + d + "/elsewhere/busybox " + d + "/mine/busybox");
            Result push = e.run("docker push " + d + "/yours/busybox");
            assertEquals(1, push.exitStatus());
            assertEquals("glassbox: cannot push layer " + theirs.digest().shortId() + ": its files rebuild to " + ours.digest()
                    + ", another blob than the one the image was made with\n", push.err());
        }
    }

    /** The pulled-back image runs on the host's kernel (root only). */
    @Test
    void onTheLinuxKernelThePulledBackImageRuns() throws Exception {
        List<String> problems = Preflight.host().problems();
        if (!problems.isEmpty()) {
            System.out.println("glassbox: skipping the Linux half of RegistryRoundTripTest: " + String.join("; ", problems));
        }
        assumeTrue(problems.isEmpty(), String.join("; ", problems));
        linuxRoot = Files.createTempDirectory("glassbox-dist-");
        linux = LinuxKernel.Options.at(linuxRoot).named("dist");
        String d = "localhost:" + server.port();
        Image busybox = LocalHub.fromHost().resolve(ImageRef.parse("busybox:latest")).orElseThrow();
        try (Engine e = LinuxEngine.open(linux)) {
            ok(e, "docker pull busybox");
            String id = ok(e, "docker images -q --no-trunc busybox").out();
            ok(e, "docker tag busybox " + d + "/teach/busybox:v1");
            Result push = ok(e, "docker push " + d + "/teach/busybox:v1");
            assertTrue(push.out().endsWith("v1: digest: " + busybox.manifestDigest() + " size: "
                    + dev.glassbox.registry.ImageJson.manifest(busybox.config(), busybox.layers()).length + "\n"), push.out());
            ok(e, "docker rmi busybox " + d + "/teach/busybox:v1");
            ok(e, "docker pull " + d + "/teach/busybox:v1");
            assertEquals(id, ok(e, "docker images -q --no-trunc " + d + "/teach/busybox:v1").out());
            assertEquals("hi\n", ok(e, "docker run --rm " + d + "/teach/busybox:v1 echo hi").out());
            ok(e, "docker run --name maker " + d + "/teach/busybox:v1 sh -c 'echo made here > /greeting'");
            ok(e, "docker commit maker " + d + "/teach/busybox:greeter");
            ok(e, "docker rm maker");
            Result committed = ok(e, "docker push " + d + "/teach/busybox:greeter");
            assertTrue(committed.out().contains(": Layer already exists\n") && committed.out().contains(": Pushed\n"), committed.out());
            ok(e, "docker rmi " + d + "/teach/busybox:greeter");
            ok(e, "docker pull " + d + "/teach/busybox:greeter");
            assertEquals("made here\n", ok(e, "docker run --rm " + d + "/teach/busybox:greeter cat /greeting").out());
        }
        skopeoSees("127.0.0.1:" + server.port() + "/teach/busybox:v1", busybox.manifestDigest().toString());
    }

    /** skopeo, where installed, sees the digest glassbox pushed: another client agrees on the bytes. */
    private static void skopeoSees(String reference, String digest) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/skopeo"))) {
            System.out.println("glassbox: no skopeo: skipping the cross-check of " + reference);
            return;
        }
        Process p = new ProcessBuilder("skopeo", "inspect", "--tls-verify=false", "docker://" + reference).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "skopeo finished");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("\"Digest\": \"" + digest + "\""), out);
    }
}
