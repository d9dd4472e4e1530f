package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.image.Digest;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import dev.glassbox.registry.ImageJson;
import dev.glassbox.registry.Registries;
import dev.glassbox.registry.Registry;
import dev.glassbox.registry.SimHub;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * docker push and pull through the registry router on the sim kernel: Docker Hub refuses a push
 * without login, nothing listens on localhost:5000 unless a registry is given, and with an in-memory
 * registry behind localhost:5000 a pushed image (pulled or committed) comes back the same.
 */
class PushTest {
    private static Result run(Engine e, String line) {
        return e.run(line);
    }

    @Test
    void dockerHubDeniesAPushWithoutLogin() {
        Engine e = Engine.sim();
        ok(e, "docker pull busybox");
        Result r = run(e, "docker push busybox");
        assertEquals(1, r.exitStatus());
        assertTrue(r.out().startsWith("Using default tag: latest\nThe push refers to repository [docker.io/library/busybox]\n"), r.out());
        assertTrue(r.out().contains(": Preparing\n"), r.out());
        assertEquals("denied: requested access to the resource is denied\n", r.err());
    }

    @Test
    void onTheSimKernelNothingListensOnLocalhost() {
        Engine e = Engine.sim();
        ok(e, "docker pull busybox");
        ok(e, "docker tag busybox localhost:5000/busybox");
        Result push = run(e, "docker push localhost:5000/busybox");
        assertEquals(1, push.exitStatus());
        assertEquals("Get \"http://localhost:5000/v2/\": dial tcp 127.0.0.1:5000: connect: connection refused\n", push.err());
        Result pull = run(e, "docker pull localhost:5000/busybox");
        assertEquals(1, pull.exitStatus());
        assertEquals("Error response from daemon: Get \"http://localhost:5000/v2/\": dial tcp 127.0.0.1:5000: connect: connection refused\n",
                pull.err());
    }

    @Test
    void pushingAnImageThatIsNotThereSaysSo() {
        Result r = run(Engine.sim(), "docker push localhost:5000/nope:1");
        assertEquals(1, r.exitStatus());
        assertEquals("The push refers to repository [localhost:5000/nope]\n", r.out());
        assertEquals("An image does not exist locally with the tag: localhost:5000/nope\n", r.err());
    }

    @Test
    void aPushedImageIsPulledBackTheSameAndASecondPushSendsNoLayer() {
        Memory mem = new Memory();
        Engine e = Engine.on(new SimKernel(Engine.DEFAULT_SEED, Programs::lookup), new Registries(SimHub.standard(), d -> mem));
        ok(e, "docker pull nginx");
        ok(e, "docker tag nginx localhost:5000/web:v1");
        String id = ok(e, "docker images -q --no-trunc nginx").out();
        Result push = ok(e, "docker push localhost:5000/web:v1");
        Image nginx = SimHub.standard().resolve(ImageRef.parse("nginx:latest")).orElseThrow();
        assertTrue(push.out().startsWith("The push refers to repository [localhost:5000/web]\n"), push.out());
        assertEquals(nginx.layers().size(), count(push.out(), ": Pushed\n"));
        assertTrue(push.out().endsWith("v1: digest: " + nginx.manifestDigest() + " size: "
                + ImageJson.manifest(nginx.config(), nginx.layers()).length + "\n"), push.out());
        assertEquals("[\"nginx@" + nginx.manifestDigest() + "\",\"localhost:5000/web@" + nginx.manifestDigest() + "\"]\n",
                ok(e, "docker image inspect -f '{{json .RepoDigests}}' nginx").out());
        assertTrue(ok(e, "docker images --digests localhost:5000/web").out().contains("v1        " + nginx.manifestDigest()));
        Result again = ok(e, "docker push localhost:5000/web:v1");
        assertEquals(nginx.layers().size(), count(again.out(), ": Layer already exists\n"));
        ok(e, "docker rmi nginx localhost:5000/web:v1");
        Result pull = ok(e, "docker pull localhost:5000/web:v1");
        assertTrue(pull.out().contains("Digest: " + nginx.manifestDigest()), pull.out());
        assertEquals(id, ok(e, "docker images -q --no-trunc localhost:5000/web:v1").out());
    }

    @Test
    void aCommittedImageRebuildsItsNewLayerByteForByte() {
        Memory mem = new Memory();
        Engine e = Engine.on(new SimKernel(Engine.DEFAULT_SEED, Programs::lookup), new Registries(SimHub.standard(), d -> mem));
        ok(e, "docker run --name maker busybox sh -c 'echo hi > /greeting'");
        ok(e, "docker commit maker localhost:5000/greeter");
        ok(e, "docker tag busybox localhost:5000/busybox");
        assertTrue(ok(e, "docker images --digests localhost:5000/busybox").out().contains("latest    <none>"), "tagged, not pushed: no digest");
        ok(e, "docker push localhost:5000/busybox");
        Result push = ok(e, "docker push localhost:5000/greeter");
        assertEquals(1, count(push.out(), ": Pushed\n"), push.out());
        assertEquals(1, count(push.out(), ": Layer already exists\n"), push.out());
        ok(e, "docker rm maker");
        ok(e, "docker rmi localhost:5000/greeter localhost:5000/busybox busybox");
        ok(e, "docker pull localhost:5000/greeter");
        assertEquals("hi\n", ok(e, "docker run --rm localhost:5000/greeter cat /greeting").out());
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    /** A registry in memory: blobs by digest, manifests by repository and tag. */
    static final class Memory implements Registry {
        final Map<Digest, byte[]> blobs = new HashMap<>();
        final Map<String, byte[]> manifests = new HashMap<>();

        @Override
        public String domain() {
            return "localhost:5000";
        }

        @Override
        public String baseUrl() {
            return "http://localhost:5000";
        }

        @Override
        public boolean hasRepository(String path) {
            return manifests.keySet().stream().anyMatch(k -> k.startsWith(path + ":"));
        }

        @Override
        public List<String> references() {
            return List.of();
        }

        @Override
        public Optional<Image> resolve(ImageRef ref) {
            byte[] manifest = manifests.get(ref.path() + ":" + ref.tag());
            if (manifest == null) {
                return Optional.empty();
            }
            String json = new String(manifest, StandardCharsets.UTF_8);
            Digest config = Digest.parse(json.replaceAll(".*\"config\":\\{[^}]*\"digest\":\"(sha256:[a-f0-9]{64})\".*", "$1"));
            return Optional.of(ImageJson.image(ImageJson.parseConfig(blobs.get(config)), layersOf(json)));
        }

        private List<dev.glassbox.image.Layer> layersOf(String json) {
            List<dev.glassbox.image.Layer> layers = new java.util.ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"size\":\\d+,\"digest\":\"(sha256:[a-f0-9]{64})\"").matcher(
                    json.substring(json.indexOf("\"layers\"")));
            while (m.find()) {
                byte[] blob = blobs.get(Digest.parse(m.group(1)));
                try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(blob))) {
                    layers.add(dev.glassbox.registry.LayerArchive.layer(dev.glassbox.registry.LayerArchive.readTar(in)));
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
            return layers;
        }

        @Override
        public boolean hasBlob(String path, Digest digest) {
            return blobs.containsKey(digest);
        }

        @Override
        public void putBlob(String path, Digest digest, byte[] bytes) {
            assertEquals(digest, Digest.of(bytes));
            blobs.put(digest, bytes);
        }

        @Override
        public Digest putManifest(String path, String tag, String mediaType, byte[] manifest) {
            manifests.put(path + ":" + tag, manifest);
            return Digest.of(manifest);
        }
    }
}
