package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** POST /containers/{id}/rename: Docker's checks and wording, and what follows the new name. */
class RenameTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "web | web | INVALID | Renaming a container with the same name as its current name",
            "web | /web | INVALID | Renaming a container with the same name as its current name",
            "web | '' | INVALID | Neither old nor new names may be empty",
            "web | a b | INVALID | Error when allocating new name: Invalid container name (/a b), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
            "nope | x | NOT_FOUND | No such container: nope",
    })
    void refusals(String from, String to, ErrorKind kind, String message) {
        try (Engine e = Engine.sim()) {
            ok(e, "docker create --name web busybox");
            DockerException x = assertThrows(DockerException.class, () -> e.api().rename(from, to));
            assertEquals(message, x.getMessage());
            assertEquals(kind, x.kind());
        }
    }

    @Test
    void aNameInUseIsAConflictNamingItsHolder() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker create --name web busybox");
            String db = ok(e, "docker create --name db busybox").out().strip();
            DockerException x = assertThrows(DockerException.class, () -> e.api().rename("web", "db"));
            assertEquals("Error when allocating new name: Conflict. The container name \"/db\" is already in use by container \"" + db
                    + "\". You have to remove (or rename) that container to be able to reuse that name.", x.getMessage());
            assertEquals(ErrorKind.CONFLICT, x.kind());
        }
    }

    @Test
    void theNewNameWorksTheOldIsFreeAndTheListKeepsItsOrder() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker create --name aa busybox");
            ok(e, "docker create --name web busybox");
            ok(e, "docker create --name cc busybox");
            e.api().rename("web", "/site");
            assertEquals(List.of("/cc", "/site", "/aa"), e.api().containers(true).stream().map(s -> s.names().get(0)).toList());
            assertEquals("/site", e.api().inspectContainer("site").get("Name"));
            ok(e, "docker create --name web busybox");
            Api.Event renamed = e.api().events(0, Long.MAX_VALUE).stream().filter(ev -> ev.action().equals("rename")).findFirst().orElseThrow();
            assertEquals(Map.of("image", "busybox", "name", "site", "oldName", "/web"), renamed.attributes());
        }
    }

    @Test
    void peersOnAUserNetworkFindTheNewNameAndTheContainersOwnHostsFileStays() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker network create net");
            ok(e, "docker run -d --name web --network net busybox sleep 1000");
            ok(e, "docker run -d --name client --network net busybox sleep 1000");
            String own = ok(e, "docker exec web cat /etc/hosts").out();
            ok(e, "docker rename web api");
            String after = ok(e, "docker exec api cat /etc/hosts").out();
            String docker = own.substring(0, own.indexOf("# peers"));
            assertEquals(docker, after.substring(0, after.indexOf("# peers")), "the lines Docker writes stay");
            assertTrue(after.contains("\tapi ") && !after.contains("\tweb "), "its embedded-DNS names change: " + after);
            String peers = ok(e, "docker exec client cat /etc/hosts").out();
            assertTrue(peers.contains("\tapi ") && !peers.contains("\tweb "), peers);
            assertEquals(0, e.run("docker exec client ping -c 1 api").exitStatus());
        }
    }

    @Test
    void theNewNameOutlivesADaemonRestart() {
        dev.glassbox.kernel.Kernel kernel = new dev.glassbox.sim.SimKernel(7, dev.glassbox.sim.programs.Programs::lookup);
        try (Engine e = Engine.persistent(kernel, dev.glassbox.registry.SimHub.standard(), false)) {
            ok(e, "docker create --name web busybox");
            ok(e, "docker rename web site");
        }
        dev.glassbox.kernel.Kernel second = new dev.glassbox.sim.SimKernel(8, dev.glassbox.sim.programs.Programs::lookup);
        String root = kernel.layout().dataRoot();
        second.fs().unpackLayer(root, kernel.fs().readTree(root));
        try (Engine e = Engine.persistent(second, dev.glassbox.registry.SimHub.standard(), false)) {
            assertEquals(List.of("site"), e.containerNames());
        }
    }
}
