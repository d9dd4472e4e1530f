package dev.glassbox.linux.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import dev.glassbox.linux.Cmd;
import dev.glassbox.linux.LinuxHostFs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built images run for real: their layers unpacked by LinuxHostFs, their programs under chroot. */
class LocalImagesRootTest {
    @TempDir
    Path tmp;

    private LinuxHostFs rootFs() {
        LinuxHostFs fs = new LinuxHostFs(tmp.resolve("state"));
        if (!fs.asRoot()) {
            System.out.println("glassbox: skipping: chroot needs uid 0");
        }
        assumeTrue(fs.asRoot(), "chroot needs uid 0");
        return fs;
    }

    private static String unpack(LinuxHostFs fs, Image image) {
        String dir = fs.root() + "/rootfs";
        for (Layer l : image.layers()) {
            fs.unpackLayer(dir, l.entries());
        }
        return dir;
    }

    @Test
    void busyboxShellSaysHi() {
        LinuxHostFs fs = rootFs();
        String dir = unpack(fs, Images.hub().resolve(ImageRef.parse("busybox")).orElseThrow());
        Cmd.Result r = Cmd.run(List.of("chroot", dir, "/bin/sh", "-c", "echo hi"), 10_000);
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("hi", r.stdout().strip());
        Cmd.Result ls = Cmd.run(List.of("chroot", dir, "/bin/sh", "-c", "ls -ld /tmp && id -un && ls /usr/bin | wc -l"), 10_000);
        assertTrue(ls.stdout().startsWith("drwxrwxrwt"), ls.stdout());
        assertTrue(ls.stdout().contains("root"), ls.stdout());
    }

    @Test
    void nginxChecksItsConfigInsideTheImage() {
        LinuxHostFs fs = rootFs();
        if (!Images.hostHasNginx()) {
            System.out.println("glassbox: skipping: no " + Images.NGINX + " on this host (apt-get install nginx-light)");
        }
        assumeTrue(Images.hostHasNginx(), "no nginx on this host");
        String dir = unpack(fs, Images.hub().resolve(ImageRef.parse("nginx")).orElseThrow());
        // /dev/stderr and /dev/stdout (nginx's logs) need /dev and /proc: mounted in a private mount
        // namespace of this one command, so they vanish with it.
        String script = "mount --rbind /dev " + dir + "/dev && mount -t proc proc " + dir + "/proc && chroot " + dir
                + " /usr/sbin/nginx -t";
        Cmd.Result r = Cmd.run(List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script), 20_000);
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("syntax is ok"), r.stderr());
        assertTrue(r.stderr().contains("test is successful"), r.stderr());
    }
}
