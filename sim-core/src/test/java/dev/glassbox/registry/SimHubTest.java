package dev.glassbox.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.image.Digest;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimHubTest {
    private final SimHub hub = SimHub.standard();

    @Test
    void standardIsOneSharedInstance() {
        assertSame(hub, SimHub.standard());
        assertEquals("docker.io", hub.domain());
    }

    @Test
    void repositoriesAndTags() {
        assertTrue(hub.hasRepository("library/nginx"));
        assertTrue(hub.hasRepository("progrium/stress"));
        assertFalse(hub.hasRepository("nginx"), "paths are normalised");
        assertFalse(hub.hasRepository("library/postgres"));
        assertEquals(List.of("1.27", "1.27.3", "latest"), hub.tags("library/nginx"));
        assertEquals(List.of("24.04", "latest", "noble"), hub.tags("library/ubuntu"));
        assertEquals(List.of(), hub.tags("library/nope"));
    }

    @Test
    void tagsOfOneImageResolveToTheSameImage() {
        Image latest = resolve("busybox:latest");
        assertSame(latest, resolve("busybox:1.36"));
        assertSame(latest, resolve("busybox:1.36.1"));
        assertSame(latest, resolve("docker.io/library/busybox"));
        assertEquals(List.of("sh"), latest.config().cmd());
        assertEquals(List.of("/bin/bash"), resolve("ubuntu:noble").config().cmd());
        assertEquals(List.of("/bin/sh"), resolve("alpine:3.20.3").config().cmd());
    }

    @Test
    void resolvesByManifestDigest() {
        Image redis = resolve("redis:7.4");
        assertSame(redis, hub.resolve(ImageRef.parse("redis@" + redis.manifestDigest())).orElseThrow());
        assertSame(redis, hub.resolve(ImageRef.parse("redis:nonsense@" + redis.manifestDigest())).orElseThrow(),
                "a digest wins over a tag");
        assertTrue(hub.resolve(ImageRef.parse("nginx@" + redis.manifestDigest())).isEmpty(), "digests are per repository");
        assertTrue(hub.resolve(ImageRef.parse("redis@" + redis.id())).isEmpty(), "the image id is not a manifest digest");
    }

    @Test
    void unknownNamesResolveToNothing() {
        assertTrue(hub.resolve(ImageRef.parse("nginx:0.1")).isEmpty());
        assertTrue(hub.resolve(ImageRef.parse("nosuchimage:latest")).isEmpty());
        assertTrue(hub.resolve(ImageRef.parse("quay.io/library/nginx:latest")).isEmpty());
    }

    @Test
    void jsonIsWhatTheDigestsAreOf() {
        Image nginx = resolve("nginx");
        assertEquals(nginx.id(), Digest.of(hub.configJson(nginx)));
        assertEquals(nginx.manifestDigest(), Digest.of(hub.manifestJson(nginx)));
        assertTrue(hub.configJson(nginx).contains("\"ExposedPorts\":{\"80/tcp\":{}}"));
        assertTrue(hub.configJson(nginx).contains("\"NGINX_VERSION=1.27.3\""));
    }

    private Image resolve(String ref) {
        return hub.resolve(ImageRef.parse(ref).withDefaultTag()).orElseThrow();
    }
}
