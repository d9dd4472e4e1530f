package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/** -u NAME[:GROUP] resolved from the image's /etc/passwd and /etc/group, and HOME as runc sets it. */
class UserFlagTest {
    @Test
    void namesComeFromTheImagesPasswdAndGroupFiles() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q busybox");
            assertEquals("uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n", ok(e, "docker run --rm -u nobody busybox id").out());
            assertEquals("uid=65534(nobody) gid=0(root) groups=0(root)\n", ok(e, "docker run --rm -u nobody:root busybox id").out());
            assertEquals("uid=1000 gid=0(root) groups=0(root)\n", ok(e, "docker run --rm -u 1000 busybox id").out());
            assertEquals("uid=1000 gid=1000 groups=1000\n", ok(e, "docker run --rm -u 1000:1000 busybox id").out());
            Result r = e.run("docker run --rm -u nosuch busybox id");
            assertEquals("docker: Error response from daemon: unable to find user nosuch: no matching entries in passwd file\n\nRun 'docker run --help' for more information\n", r.err());
            assertEquals(125, r.exitStatus());
            r = e.run("docker run --rm -u nobody:nosuch busybox id");
            assertEquals("docker: Error response from daemon: unable to find group nosuch: no matching entries in group file\n\nRun 'docker run --help' for more information\n", r.err());
        }
    }

    @Test
    void homeIsTheUsersOwnOrSlashWhenItHasNoEntry() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q busybox");
            assertEquals("/root\n", ok(e, "docker run --rm busybox sh -c 'echo $HOME'").out());
            assertEquals("/home\n", ok(e, "docker run --rm -u nobody busybox sh -c 'echo $HOME'").out());
            assertEquals("/\n", ok(e, "docker run --rm -u 4242 busybox sh -c 'echo $HOME'").out());
            assertEquals("/srv\n", ok(e, "docker run --rm -e HOME=/srv busybox sh -c 'echo $HOME'").out());
            assertEquals("HOME=/root\n", ok(e, "docker run --rm busybox sh -c 'env | grep HOME'").out());
            ok(e, "docker run -d --name box busybox sleep 300");
            assertEquals("/home\n", ok(e, "docker exec -u nobody box sh -c 'echo $HOME'").out());
        }
    }
}
