package dev.glassbox.linux.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.api.DockerException;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import dev.glassbox.registry.ImageJson;
import dev.glassbox.registry.SimHub;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution API client against Debian's real docker-registry on loopback. */
class HttpRegistryTest {
    @TempDir
    static Path dir;
    static RegistryServer server;

    @BeforeAll
    static void start() throws Exception {
        String why = RegistryServer.unavailable();
        if (why != null) {
            System.out.println("glassbox: skipping HttpRegistryTest: " + why);
        }
        assumeTrue(why == null, why);
        server = RegistryServer.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static void push(HttpRegistry r, String path, String tag, Image img) {
        for (Layer l : img.layers()) {
            if (!r.hasBlob(path, l.digest())) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                try {
                    dev.glassbox.registry.LayerArchive.writeGzip(l.entries(), out);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                r.putBlob(path, l.digest(), out.toByteArray());
            }
        }
        r.putBlob(path, img.id(), ImageJson.config(img.config()));
        r.putManifest(path, tag, ImageJson.MANIFEST_TYPE, ImageJson.manifest(img.config(), img.layers()));
    }

    @Test
    void anImagePushedBlobByBlobIsPulledBackByTagAndByDigest() {
        HttpRegistry r = HttpRegistry.at(server.domain());
        Image nginx = SimHub.standard().resolve(ImageRef.parse("nginx")).orElseThrow();
        assertFalse(r.hasBlob("teach/web", nginx.layers().get(0).digest()));
        push(r, "teach/web", "v1", nginx);
        assertTrue(r.hasBlob("teach/web", nginx.layers().get(0).digest()));
        assertTrue(r.hasRepository("teach/web"));
        assertFalse(r.hasRepository("teach/nothing"));
        Image back = r.resolve(ImageRef.parse(server.domain() + "/teach/web:v1")).orElseThrow();
        assertEquals(nginx.id(), back.id());
        assertEquals(nginx.manifestDigest(), back.manifestDigest());
        assertEquals(nginx.config(), back.config());
        assertEquals(nginx.layers().stream().map(Layer::diffId).toList(), back.layers().stream().map(Layer::diffId).toList());
        Image byDigest = r.resolve(ImageRef.parse(server.domain() + "/teach/web@" + nginx.manifestDigest())).orElseThrow();
        assertEquals(nginx.id(), byDigest.id());
    }

    /** The other direction: skopeo uploads an OCI-format manifest, glassbox pulls it (Accept lists both types). */
    @Test
    void anOciManifestSkopeoPushedIsPulledWithTheSameImageId() throws Exception {
        assumeTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/skopeo")), "no skopeo");
        Image busybox = SimHub.standard().resolve(ImageRef.parse("busybox")).orElseThrow();
        Path layout = dir.resolve("oci-layout");
        new OciLayout(layout).write(busybox, "bb", OciLayout.Format.OCI);
        Process p = new ProcessBuilder("skopeo", "copy", "--dest-tls-verify=false", "oci:" + layout + ":bb",
                "docker://" + server.domain() + "/oci/busybox:1").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Image back = HttpRegistry.at(server.domain()).resolve(ImageRef.parse(server.domain() + "/oci/busybox:1")).orElseThrow();
        assertEquals(busybox.id(), back.id());
        assertEquals(dev.glassbox.image.Digest.of(OciLayout.ociManifest(busybox)), back.manifestDigest());
        assertEquals(busybox.layers().get(0).digest(), back.layers().get(0).digest());
    }

    @Test
    void missingRepositoriesAndTagsAreNamedInDockersWords() {
        assertFalse(HttpRegistry.at(server.domain()).hasRepository("nope"));
        HttpRegistry r = HttpRegistry.at(server.domain());
        push(r, "teach/box", "latest", SimHub.standard().resolve(ImageRef.parse("busybox")).orElseThrow());
        DockerException repo = assertThrows(DockerException.class, () -> r.resolve(ImageRef.parse(server.domain() + "/nope:latest")));
        // distribution 2.8 answers MANIFEST_UNKNOWN (not NAME_UNKNOWN) for a repository it never saw; Docker words it so too
        assertEquals("manifest for " + server.domain() + "/nope:latest not found: manifest unknown: manifest unknown", repo.getMessage());
        DockerException tag = assertThrows(DockerException.class, () -> r.resolve(ImageRef.parse(server.domain() + "/teach/box:v9")));
        assertEquals("manifest for " + server.domain() + "/teach/box:v9 not found: manifest unknown: manifest unknown", tag.getMessage());
    }

    @Test
    void aPortNobodyListensOnIsARefusedConnection() throws Exception {
        int port = RegistryServer.freePort();
        DockerException e = assertThrows(DockerException.class,
                () -> HttpRegistry.at("localhost:" + port).resolve(ImageRef.parse("localhost:" + port + "/x:latest")));
        assertEquals("Get \"http://localhost:" + port + "/v2/\": dial tcp 127.0.0.1:" + port + ": connect: connection refused", e.getMessage());
    }

    /**
     * A registry may send a blob request on to its storage. A stub on loopback stands in for one that
     * redirects off the machine (docker-registry does so only with a cloud storage driver): the redirect
     * is refused, not followed.
     */
    @Test
    void aRedirectOffLoopbackIsRefusedNotFollowed() throws Exception {
        Image busybox = SimHub.standard().resolve(ImageRef.parse("busybox")).orElseThrow();
        byte[] manifest = ImageJson.manifest(busybox.config(), busybox.layers());
        com.sun.net.httpserver.HttpServer stub = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", x -> {
            String path = x.getRequestURI().getPath();
            if (path.contains("/manifests/")) {
                x.getResponseHeaders().add("Content-Type", ImageJson.MANIFEST_TYPE);
                x.sendResponseHeaders(200, manifest.length);
                x.getResponseBody().write(manifest);
            } else if (path.contains("/blobs/")) {
                x.getResponseHeaders().add("Location", "http://storage.example.com/blob");
                x.sendResponseHeaders(307, -1);
            } else {
                x.sendResponseHeaders(200, -1);
            }
            x.close();
        });
        stub.start();
        try {
            String domain = "127.0.0.1:" + stub.getAddress().getPort();
            DockerException e = assertThrows(DockerException.class, () -> HttpRegistry.at(domain).resolve(ImageRef.parse(domain + "/box:latest")));
            assertEquals("glassbox: refusing to contact the registry storage.example.com: only registries on loopback (127.0.0.0/8, localhost, [::1])"
                    + " are allowed", e.getMessage());
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void hostsOffLoopbackAreRefusedBeforeAnyConnection() {
        for (String domain : List.of("registry-1.docker.io", "example.com:5000", "10.0.0.1:5000", "192.168.1.1", "127.0.0.1.nip.io:5000",
                "128.0.0.1:5000", "[2001:db8::1]:5000", "localhost.example.com", "0.0.0.0:5000")) {
            DockerException e = assertThrows(DockerException.class, () -> HttpRegistry.at(domain), domain);
            assertEquals("glassbox: refusing to contact the registry " + domain
                    + ": only registries on loopback (127.0.0.0/8, localhost, [::1]) are allowed", e.getMessage());
        }
        for (String domain : List.of("localhost:5000", "LOCALHOST", "127.0.0.1:5000", "127.255.0.9:80", "[::1]:5000", "[::1]")) {
            assertTrue(HttpRegistry.at(domain).baseUrl().startsWith("http://"), domain);
        }
    }
}
