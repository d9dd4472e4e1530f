package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Volumes, bind mounts and tmpfs on the sim kernel, through the docker CLI. */
class VolumeTest {
    @Test
    void aNamedVolumeOutlivesItsContainerAndIsSharedReadOnly() {
        try (Engine e = Engine.sim()) {
            assertEquals("data\n", ok(e, "docker volume create data").out());
            ok(e, "docker run --name writer -v data:/data busybox sh -c 'echo hi > /data/f'");
            assertEquals("hi\n", ok(e, "docker run --rm -v data:/d:ro busybox cat /d/f").out());
            Result touch = e.run("docker run --rm --mount type=volume,source=data,target=/d,readonly busybox touch /d/g");
            assertEquals(1, touch.exitStatus(), touch.text());
            assertTrue(touch.err().contains("Read-only file system"), touch.err());
            assertEquals("DRIVER    VOLUME NAME\nlocal     data\n", ok(e, "docker volume ls").out());
            Result inUse = e.run("docker volume rm data");
            String id = ok(e, "docker inspect -f '{{.Id}}' writer").out().strip();
            assertEquals("Error response from daemon: remove data: volume is in use - [" + id + "]\n", inUse.err());
            assertEquals(1, inUse.exitStatus());
            assertEquals("[{\"Type\":\"volume\",\"Name\":\"data\",\"Source\":\"/var/lib/docker/volumes/data/_data\",\"Destination\":\"/data\","
                    + "\"Driver\":\"local\",\"Mode\":\"z\",\"RW\":true,\"Propagation\":\"\"}]\n", ok(e, "docker inspect -f '{{json .Mounts}}' writer").out());
            ok(e, "docker rm -v writer");
            assertEquals("hi\n", ok(e, "docker run --rm -v data:/d busybox cat /d/f").out(), "rm -v keeps named volumes");
            assertEquals("data\n", ok(e, "docker volume rm data").out());
            Result gone = e.run("docker volume inspect data");
            assertEquals("[]\n", gone.out());
            assertEquals("Error response from daemon: get data: no such volume\n", gone.err());
            assertTrue(e.state().at("/daemon/volumes").isEmpty());
        }
    }

    @Test
    void inspectShowsTheVolumeAsDockerDoes() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker volume create --label team=blue cache");
            assertEquals("""
                    [
                        {
                            "CreatedAt": "2026-01-05T09:00:01Z",
                            "Driver": "local",
                            "Labels": {
                                "team": "blue"
                            },
                            "Mountpoint": "/var/lib/docker/volumes/cache/_data",
                            "Name": "cache",
                            "Options": {},
                            "Scope": "local"
                        }
                    ]
                    """, ok(e, "docker volume inspect cache").out());
        }
    }

    @Test
    void anonymousVolumesGoWithRmVAndPrune() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name one -v /cache busybox true");
            ok(e, "docker run --name two -v /cache busybox true");
            assertEquals(2, ok(e, "docker volume ls -q").out().lines().count());
            ok(e, "docker rm -v one");
            assertEquals(1, ok(e, "docker volume ls -q").out().lines().count());
            ok(e, "docker rm two");
            ok(e, "docker volume create keep");
            Result prune = ok(e, "docker volume prune -f");
            assertTrue(prune.out().startsWith("Deleted Volumes:\n"), prune.out());
            assertTrue(prune.out().endsWith("\nTotal reclaimed space: 0B\n"), prune.out());
            assertEquals("keep\n", ok(e, "docker volume ls -q").out(), "prune without --all keeps named volumes");
            ok(e, "docker volume prune -af");
            assertEquals("", ok(e, "docker volume ls -q").out());
        }
    }

    @Test
    void anEmptyVolumeIsFilledFromTheImageUnlessNocopy() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web -v html:/usr/share/nginx/html nginx");
            assertEquals("50x.html\nindex.html\n", ok(e, "docker run --rm -v html:/h busybox ls /h").out());
            ok(e, "docker run --rm -v html:/h busybox sh -c 'echo hello > /h/index.html'");
            assertEquals("hello\n", ok(e, "docker exec web cat /usr/share/nginx/html/index.html").out(), "a filled volume is not filled again");
            assertEquals("", ok(e, "docker run --rm -v empty:/usr/share/nginx/html:nocopy nginx ls /usr/share/nginx/html").out());
            assertTrue(ok(e, "docker run --rm -v etcv:/etc busybox cat /etc/passwd").out().startsWith("root:"));
            assertTrue(ok(e, "docker run --rm -v etc2:/etc:nocopy busybox cat /etc/hosts").out().startsWith("127.0.0.1\tlocalhost"),
                    "the daemon's /etc files are mounted on top of a volume at /etc");
        }
    }

    @Test
    void bindMountsAndTmpfs() {
        try (Engine e = Engine.sim()) {
            assertEquals("i\n", ok(e, "docker run --rm -v /srv/www:/www busybox sh -c 'echo x > /www/i; ls /www'").out(),
                    "docker creates a missing -v host path");
            assertEquals("x\n", ok(e, "docker run --rm --mount type=bind,src=/srv/www,dst=/w busybox cat /w/i").out());
            assertEquals("tmpfs on /scratch type tmpfs (rw,nosuid,nodev,noexec)\n",
                    ok(e, "docker run --rm --tmpfs /scratch busybox sh -c 'mount | grep scratch'").out());
            ok(e, "docker create --name box --tmpfs /run:size=64m --mount type=bind,src=/srv/www,dst=/w,readonly busybox");
            assertEquals("{\"/run\":\"size=64m\"} [{\"Type\":\"bind\",\"Source\":\"/srv/www\",\"Target\":\"/w\",\"ReadOnly\":true}]\n",
                    ok(e, "docker inspect -f '{{json .HostConfig.Tmpfs}} {{json .HostConfig.Mounts}}' box").out());
        }
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("docker run --rm --mount type=bind,source=/nope,target=/x busybox true",
                        "docker: Error response from daemon: invalid mount config for type \"bind\": bind source path does not exist: /nope\n", 125),
                Arguments.of("docker run --rm -v data:rel busybox true", "docker: Error response from daemon: invalid volume specification: 'data:rel': "
                        + "invalid mount config for type \"volume\": invalid mount path: 'rel' mount path must be absolute\n", 125),
                Arguments.of("docker run --rm -v data:/d:xyz busybox true", "docker: Error response from daemon: invalid mode: xyz\n", 125),
                Arguments.of("docker run --rm -v aa:/d -v bb:/d busybox true", "docker: Error response from daemon: Duplicate mount point: /d\n", 125),
                Arguments.of("docker run --rm --mount source=x busybox true",
                        "invalid argument \"source=x\" for \"--mount\" flag: target is required\n", 125),
                Arguments.of("docker volume rm nope", "Error response from daemon: get nope: no such volume\n", 1),
                Arguments.of("docker volume create 'bad name'", "Error response from daemon: create bad name: \"bad name\" includes invalid characters"
                        + " for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path\n", 1));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errorsInDockersWords(String line, String err, int status) {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q busybox");
            Result r = e.run(line);
            assertTrue(r.err().startsWith(err), r.err());
            assertEquals(status, r.exitStatus());
        }
    }
}
