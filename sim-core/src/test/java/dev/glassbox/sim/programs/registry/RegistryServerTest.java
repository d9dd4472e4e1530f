package dev.glassbox.sim.programs.registry;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** registry:2 in a container: the Registry HTTP API v2 over the sim network, stored as distribution lays it out. */
class RegistryServerTest {
    @Test
    void theImageHasRegistrysConfig() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q registry:2");
            assertEquals("[/entrypoint.sh] [/etc/docker/registry/config.yml] {\"5000/tcp\":{}}\n",
                    ok(e, "docker image inspect registry:2 --format '{{.Config.Entrypoint}} {{.Config.Cmd}} {{json .Config.ExposedPorts}}'").out());
            String history = ok(e, "docker history --no-trunc --format '{{.CreatedBy}}' registry:2").out();
            assertTrue(history.contains("VOLUME [/var/lib/registry]\n"), history);
        }
    }

    @Test
    void answersTheApiAndKeepsWhatIsPushed() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker network create lab");
            ok(e, "docker run -d --name reg --network lab registry:2");
            ok(e, "docker run --name base alpine apk add -q curl");
            ok(e, "docker commit base withcurl");
            String run = "docker run --rm --network lab withcurl curl -s ";
            assertEquals("{}", ok(e, run + "reg:5000/v2/").out());
            assertEquals("{\"repositories\":[]}\n", ok(e, run + "reg:5000/v2/_catalog").out());

            String blob = RegistryStorage.sha256("hello".getBytes(StandardCharsets.UTF_8));
            assertEquals("201", ok(e, run + "-o /dev/null -w %{http_code} -X POST -d hello "
                    + "reg:5000/v2/demo/blobs/uploads/?digest=" + blob).out());
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}";
            String put = ok(e, run + "-i -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' -d '"
                    + manifest + "' reg:5000/v2/demo/manifests/v1").out();
            String digest = RegistryStorage.sha256(manifest.getBytes(StandardCharsets.UTF_8));
            assertTrue(put.startsWith("HTTP/1.1 201 Created\r\n") && put.contains("\r\nDocker-Content-Digest: " + digest + "\r\n"), put);

            assertEquals("{\"repositories\":[\"demo\"]}\n", ok(e, run + "reg:5000/v2/_catalog").out());
            assertEquals("{\"name\":\"demo\",\"tags\":[\"v1\"]}\n", ok(e, run + "reg:5000/v2/demo/tags/list").out());
            assertEquals(manifest, ok(e, run + "reg:5000/v2/demo/manifests/v1").out());
            assertEquals("hello", ok(e, run + "reg:5000/v2/demo/blobs/" + blob).out());
            Result missing = e.run(run + "-f reg:5000/v2/demo/manifests/v2");
            assertEquals(22, missing.exitStatus());
            assertEquals("{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\","
                    + "\"detail\":{\"name\":\"other\"}}]}\n", e.run(run + "reg:5000/v2/other/tags/list").out());
            assertEquals("v1\n", ok(e, "docker exec reg ls /var/lib/registry/docker/registry/v2/repositories/demo/_manifests/tags").out());
            assertEquals(digest, ok(e, "docker exec reg cat /var/lib/registry/docker/registry/v2/repositories/demo/_manifests/tags/v1/current/link").out());
            String logs = ok(e, "docker logs reg").out();
            assertTrue(logs.contains("\"PUT /v2/demo/manifests/v1 HTTP/1.1\" 201 0 \"\" \"curl/8.11.0\"\n"), logs);
            assertTrue(ok(e, "docker logs reg").err().contains("level=info msg=\"listening on [::]:5000\""));
        }
    }
}
