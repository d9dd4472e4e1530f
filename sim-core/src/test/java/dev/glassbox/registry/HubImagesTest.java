package dev.glassbox.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.image.ImageRef;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The simulated Docker Hub's teaching images as a user meets them: pinned digests, hello-world, a name it lacks. */
class HubImagesTest {
    private static final String HUB_HINT = "glassbox: this Docker Hub is simulated; it has alpine, busybox, debian,"
            + " hello-world, nginx, progrium/stress, python, redis, registry, ubuntu\n";

    /** A digest that changed would be a different image to every learner who pulled the old one: pinned here. */
    @Test
    void manifestDigestsArePinned() {
        Map<String, String> pinned = new TreeMap<>(Map.of(
                "python:3.12-alpine", "sha256:1211642a30029019466e62acde883d937e2b3b6f46a02e46c95a99db4564ca97",
                "python:3.12-slim", "sha256:5d11fff60abbcf6f1ea7e0e801691df02a16ac81a70df6edec479e865461b967"));
        pinned.putAll(Map.of(
                "busybox", "sha256:bb20b50cd3763e64f7a349eadd8f989be0f375e24fab41508e1ed463ab556c7a",
                "alpine", "sha256:d63cb7936397888c534b33f1b281f47e4a7d60fc7175ab54858bf4abd56d5ad4",
                "ubuntu", "sha256:6eb8352948566364404cc3b4bc3cfd8106727b1766ec598bdfe5c6a2611b167d",
                "nginx", "sha256:29a776dd4969eec61e1138bedd3bdfbcf306c720b682aac0af7f6bde23ccc8b8",
                "redis", "sha256:dbf664f4734340d74e79b23acde4373412a1a7a87af2af6ebe40a40225375df0",
                "progrium/stress", "sha256:af788c2c5bf814e8123176ba96607a37a2a8cacc2dd28a724b7fcb3ebf91a3a2",
                "hello-world", "sha256:5aac8d64061c611ddf5f04d0c0d87d823f1d0687444f778039fd1de46ce7da44",
                "debian", "sha256:3a75d714118be26009bedd3296037d9fdc17b557c81000e130d34e4c67293942"));
        Map<String, String> actual = new TreeMap<>();
        SimHub hub = new SimHub(Catalog.standard());
        pinned.keySet().forEach(name -> actual.put(name,
                hub.resolve(ImageRef.parse(name).withDefaultTag()).orElseThrow().manifestDigest().toString()));
        assertEquals(pinned, actual);
    }

    @Test
    void helloWorldPullsThenPrintsDockersMessage() {
        try (Engine e = Engine.sim()) {
            Result r = e.run("docker run --rm hello-world");
            assertEquals(0, r.exitStatus(), r.text());
            assertEquals("""
                    Unable to find image 'hello-world:latest' locally
                    latest: Pulling from library/hello-world
                    67502ca4eb9b: Pull complete
                    Digest: sha256:5aac8d64061c611ddf5f04d0c0d87d823f1d0687444f778039fd1de46ce7da44
                    Status: Downloaded newer image for hello-world:latest
                    """, r.err());
            assertEquals("""

                    Hello from Docker!
                    This message shows that your installation appears to be working correctly.

                    To generate this message, Docker took the following steps:
                     1. The Docker client contacted the Docker daemon.
                     2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
                        (amd64)
                     3. The Docker daemon created a new container from that image which runs the
                        executable that produces the output you are currently reading.
                     4. The Docker daemon streamed that output to the Docker client, which sent it
                        to your terminal.

                    To try something more ambitious, you can run an Ubuntu container with:
                     $ docker run -it ubuntu bash

                    Share images, automate workflows, and more with a free Docker ID:
                     https://hub.docker.com/

                    For more examples and ideas, visit:
                     https://docs.docker.com/get-started/

                    """, r.out());
            assertEquals("", e.run("docker ps -aq").out(), "--rm removed it");
            Result ls = e.run("docker run --rm --entrypoint /bin/sh hello-world");
            assertEquals(127, ls.exitStatus(), "a scratch image has no shell: " + ls.text());
        }
    }

    @Test
    void aRepositoryTheHubLacksIsDockersDenialThenWhatTheHubHas() {
        try (Engine e = Engine.sim()) {
            Result run = e.run("docker run foo");
            assertEquals("Unable to find image 'foo:latest' locally\n"
                    + "docker: Error response from daemon: pull access denied for foo, repository does not exist or may require"
                    + " 'docker login': denied: requested access to the resource is denied\n\n"
                    + "Run 'docker run --help' for more information\n" + HUB_HINT, run.err());
            assertEquals(125, run.exitStatus());
            Result pull = e.run("docker pull foo");
            assertEquals("Using default tag: latest\n", pull.out());
            assertEquals("Error response from daemon: pull access denied for foo, repository does not exist or may require"
                    + " 'docker login': denied: requested access to the resource is denied\n" + HUB_HINT, pull.err());
            assertEquals(1, pull.exitStatus());
            Result create = e.run("docker create foo:1.0");
            assertEquals("Unable to find image 'foo:1.0' locally\nError response from daemon: pull access denied for foo,"
                    + " repository does not exist or may require 'docker login': denied: requested access to the resource"
                    + " is denied\n" + HUB_HINT, create.err());
            assertEquals(1, create.exitStatus());
            Result tag = e.run("docker pull alpine:9.9");
            assertEquals("Error response from daemon: manifest for alpine:9.9 not found: manifest unknown: manifest unknown\n",
                    tag.err(), "a repository the hub has: Docker's unknown-manifest error, no hint");
        }
    }
}
