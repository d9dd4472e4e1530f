package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.daemon.volume.RemotePlugin;
import org.junit.jupiter.api.Test;

/** docker volume create -d DRIVER: the local driver and the glassbox/remote plugin behind one interface. */
class VolumePluginTest {
    @Test
    void aRemoteVolumeLivesUnderThePluginsPropagatedMountAndContainersShareIt() {
        try (Engine e = Engine.sim()) {
            assertEquals("data\n", ok(e, "docker volume create -d glassbox/remote data").out());
            String mount = "/var/lib/docker/plugins/" + RemotePlugin.ID + "/propagated-mount/data";
            assertEquals("glassbox/remote " + mount + " global\n",
                    ok(e, "docker volume inspect -f '{{.Driver}} {{.Mountpoint}} {{.Scope}}' data").out());
            assertTrue(ok(e, "docker volume inspect data").out().contains("\"Driver\": \"glassbox/remote\""));
            ok(e, "docker run --rm -v data:/srv busybox sh -c 'echo kept > /srv/note'");
            assertEquals("kept\n", ok(e, "docker run --rm -v data:/in busybox cat /in/note").out());
            assertEquals("kept\n", new String(e.hostFile(mount + "/note").orElseThrow()));
            assertTrue(e.hostFile("/var/lib/docker/volumes/data/_data/note").isEmpty(), "nothing under dockerd's own volumes");
            assertEquals("DRIVER            VOLUME NAME\nglassbox/remote   data\nlocal             mine\n",
                    ok(e, "docker volume create mine").out().replace("mine\n", "") + ok(e, "docker volume ls").out());
            ok(e, "docker volume rm data");
            assertTrue(e.hostFile(mount + "/note").isEmpty());
        }
    }

    @Test
    void anUnknownDriverIsRefusedInDockersWordsAndNothingIsMade() {
        try (Engine e = Engine.sim()) {
            Result r = e.run("docker volume create -d nosuch x");
            assertEquals(1, r.exitStatus());
            assertEquals("Error response from daemon: create x: error looking up volume plugin nosuch: plugin \"nosuch\" not found\n", r.err());
            assertFalse(e.volumeNames().contains("x"));
        }
    }

    @Test
    void aNameOneDriverHasIsNotTakenByAnother() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker volume create data");
            Result r = e.run("docker volume create -d glassbox/remote data");
            assertEquals(1, r.exitStatus());
            assertEquals("Error response from daemon: create data: driver 'local' already has volume 'data': volume name must be unique\n", r.err());
            assertEquals("local\n", ok(e, "docker volume inspect -f '{{.Driver}}' data").out());
        }
    }
}
