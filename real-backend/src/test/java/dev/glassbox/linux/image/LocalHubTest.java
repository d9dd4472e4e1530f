package dev.glassbox.linux.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.image.Digest;
import dev.glassbox.image.FileEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import dev.glassbox.registry.ImageJson;
import dev.glassbox.registry.LayerArchive;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;
import dev.glassbox.trace.TraceEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalHubTest {
    private static Image pull(String ref) {
        return Images.hub().resolve(ImageRef.parse(ref)).orElseThrow();
    }

    private static void assumeNginx() {
        if (!Images.hostHasNginx()) {
            System.out.println("glassbox: skipping: no " + Images.NGINX + " on this host (apt-get install nginx-light)");
        }
        assumeTrue(Images.hostHasNginx(), "no nginx on this host");
    }

    @Test
    void busyboxHasAStaticBinaryAndALinkForEveryApplet() throws IOException {
        Image image = pull("busybox");
        assertEquals(1, image.layers().size());
        Map<String, FileEntry> tree = Images.merged(image);
        FileEntry bin = tree.get("bin/busybox");
        assertEquals(FileEntry.Type.FILE, bin.type());
        assertEquals(0755, bin.mode());
        assertEquals(Files.size(Images.BUSYBOX), bin.size());
        byte[] host = Files.readAllBytes(Images.BUSYBOX);
        assertFalse(Elf.hasInterpreter(host), "the host's busybox should be static");
        assertTrue(Elf.hasInterpreter(Files.readAllBytes(Path.of("/bin/ls"))), "ls is dynamic: the check can tell");
        assertTrue(bin.data().length > 64 && bin.data()[0] == 0x7f && bin.data()[1] == 'E');
        List<String> applets = Images.lines(List.of(Images.BUSYBOX.toString(), "--list-full"));
        assertTrue(applets.size() > 100, "busybox-static offers hundreds of applets");
        for (String applet : applets) {
            if (applet.equals("bin/busybox")) {
                continue;
            }
            FileEntry link = tree.get(applet);
            assertEquals(FileEntry.Type.SYMLINK, link == null ? null : link.type(), applet);
            assertEquals("/bin/busybox", link.link(), applet);
        }
        assertEquals(bin, Images.lookup(tree, "/bin/sh").orElseThrow());
        assertEquals(bin, Images.lookup(tree, "/usr/bin/wget").orElseThrow());
    }

    @Test
    void busyboxHasTheOfficialImagesAccountsAndDirectories() {
        Image image = pull("busybox");
        Map<String, FileEntry> tree = Images.merged(image);
        String passwd = new String(tree.get("etc/passwd").data());
        for (String user : List.of("root:x:0:0:", "nobody:x:65534:", "www-data:x:33:33:")) {
            assertTrue(passwd.contains(user), user);
        }
        assertTrue(new String(tree.get("etc/group").data()).contains("www-data:x:33:"));
        assertEquals(01777, tree.get("tmp").mode());
        assertEquals(0700, tree.get("root").mode());
        for (String dir : List.of("proc", "sys", "dev", "etc", "var/www")) {
            assertEquals(FileEntry.Type.DIR, tree.get(dir).type(), dir);
        }
        for (FileEntry e : image.layers().get(0).entries()) {
            assertEquals(0, e.uid(), e.path());
            assertEquals(0, e.gid(), e.path());
        }
        assertEquals(List.of("sh"), image.config().cmd());
        assertEquals(List.of(LocalHub.PATH), image.config().env());
        assertEquals(LocalHub.CREATED, image.config().created());
    }

    @Test
    void twoBuildsGiveTheSameDigests() {
        LocalHub other = LocalHub.fromHost();
        for (String name : List.of("busybox", "nginx")) {
            Image a = pull(name);
            Image b = other.resolve(ImageRef.parse(name)).orElseThrow();
            assertEquals(a.id(), b.id(), name);
            assertEquals(a.manifestDigest(), b.manifestDigest(), name);
            assertEquals(a.layers().stream().map(Layer::digest).toList(), b.layers().stream().map(Layer::digest).toList());
            assertEquals(a, b, name);
        }
    }

    @Test
    void nginxHoldsEveryLibraryLddNames() {
        assumeNginx();
        Image image = pull("nginx");
        Map<String, FileEntry> tree = Images.merged(image);
        List<String> ldd = Images.lines(List.of("ldd", Images.NGINX.toString()));
        int files = 0;
        for (String line : ldd) {
            String path = line.contains("=>") ? line.split("=>")[1].strip().split(" ")[0] : line.split(" ")[0];
            if (!path.startsWith("/")) {
                continue; // linux-vdso.so.1 lives in the kernel, not in a file
            }
            FileEntry lib = Images.lookup(tree, path).orElse(null);
            assertTrue(lib != null && lib.type() == FileEntry.Type.FILE, "missing in the image: " + path);
            files++;
        }
        assertTrue(files >= 2, "nginx links at least libc and the loader");
        assertEquals(FileEntry.Type.FILE, tree.get("usr/sbin/nginx").type());
        assertTrue(new String(tree.get("etc/nginx/nginx.conf").data()).contains("listen 80;"));
        assertTrue(new String(tree.get("etc/nginx/nginx.conf").data()).lines().map(String::strip)
                .noneMatch(l -> l.startsWith("daemon")), "daemon off; belongs in the CMD, not the config");
        assertTrue(new String(tree.get("usr/share/nginx/html/index.html").data()).contains("Welcome to nginx!"));
        assertEquals("/dev/stdout", tree.get("var/log/nginx/access.log").link());
        assertEquals(List.of("nginx", "-g", "daemon off;"), image.config().cmd());
        assertEquals(List.of("80/tcp"), image.config().exposedPorts());
        assertEquals("SIGQUIT", image.config().stopSignal());
    }

    @Test
    void nginxSharesTheBusyboxLayer() {
        Image busybox = pull("busybox");
        Image nginx = pull("nginx");
        assertEquals(2, nginx.layers().size());
        assertSame(busybox.layers().get(0), nginx.layers().get(0));
        Map<String, FileEntry> base = Images.merged(busybox);
        for (FileEntry e : nginx.layers().get(1).entries()) {
            FileEntry below = base.get(e.path());
            assertTrue(below == null || below.type() == e.type(), "nginx's layer would replace " + below + " by " + e);
        }
    }

    @Test
    void layerDiffIdsAreTheConfigsRootfsDiffIds() throws IOException {
        for (String name : List.of("busybox", "nginx")) {
            Image image = pull(name);
            assertEquals(image.layers().stream().map(Layer::diffId).toList(), image.config().diffIds());
            String config = new String(ImageJson.config(image.config()));
            for (Layer l : image.layers()) {
                assertTrue(config.contains("\"" + l.diffId() + "\""), name);
                MessageDigest md = Digest.sha256();
                try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
                    LayerArchive.writeTar(l.entries(), out);
                }
                assertEquals(l.diffId(), Digest.finish(md), "the diff id is the digest of the layer's tar");
            }
            assertEquals(Digest.of(ImageJson.config(image.config())), image.id());
        }
    }

    @Test
    void resolvesByTagAndByDigest() {
        LocalHub hub = Images.hub();
        Image latest = pull("busybox");
        String version = hub.references().stream().filter(r -> r.startsWith("busybox:") && !r.endsWith(":latest"))
                .findFirst().orElseThrow();
        assertTrue(version.matches("busybox:\\d+(\\.\\d+)+"), version);
        assertEquals(latest, pull(version));
        assertEquals(latest, pull("docker.io/library/busybox:latest"));
        assertEquals(latest, pull("busybox@" + latest.manifestDigest()));
        Image nginx = pull("nginx");
        assertEquals(nginx, pull("nginx@" + nginx.manifestDigest()));
        assertTrue(hub.resolve(ImageRef.parse("nginx@" + latest.manifestDigest())).isEmpty());
        assertTrue(hub.references().contains("nginx:latest"));
    }

    @Test
    void unknownRepositoriesTagsAndRegistriesResolveToNothing() {
        LocalHub hub = Images.hub();
        assertTrue(hub.resolve(ImageRef.parse("redis")).isEmpty());
        assertFalse(hub.hasRepository("library/redis"));
        assertTrue(hub.hasRepository("library/busybox"));
        assertTrue(hub.resolve(ImageRef.parse("busybox:0.0.1")).isEmpty());
        assertTrue(hub.resolve(ImageRef.parse("quay.io/library/busybox")).isEmpty());
        assertEquals("", hub.origin(ImageRef.parse("redis")));
    }

    @Test
    void theOriginSaysWhichNginxItIs() {
        assumeNginx();
        String origin = Images.hub().origin(ImageRef.parse("nginx"));
        assertTrue(origin.contains("this host's nginx "), origin);
        assertTrue(Images.hub().baseUrl().startsWith("glassbox-local://"));
    }

    @Test
    void withoutNginxBusyboxHttpdServesThePage() {
        LocalHub hub = new LocalHub(Images.BUSYBOX, Path.of("/nonexistent/nginx"));
        assertFalse(hub.hasNginx());
        Image image = hub.resolve(ImageRef.parse("nginx")).orElseThrow();
        assertEquals(List.of("httpd", "-f", "-p", "80", "-h", "/usr/share/nginx/html"), image.config().cmd());
        assertEquals(List.of("80/tcp"), image.config().exposedPorts());
        Map<String, FileEntry> tree = Images.merged(image);
        assertTrue(tree.containsKey("usr/share/nginx/html/index.html"));
        assertEquals(tree.get("bin/busybox"), Images.lookup(tree, "/usr/sbin/httpd").orElseThrow());
        assertTrue(hub.origin(ImageRef.parse("nginx")).contains("busybox httpd"));
        String version = Images.hub().references().stream().filter(r -> r.startsWith("busybox:") && !r.endsWith(":latest"))
                .findFirst().orElseThrow();
        assertEquals(List.of(version, "busybox:latest", "nginx:latest"), hub.references());
    }

    @Test
    void dockerPullSaysWhereTheImageComesFrom() {
        try (Engine engine = Engine.on(new SimKernel(1, Programs::lookup), Images.hub())) {
            Result r = engine.run("docker pull nginx");
            assertEquals(0, r.exitStatus(), r.err());
            TraceEvent manifest = engine.lastTrace().events().stream()
                    .filter(e -> e.layer() == dev.glassbox.trace.Layer.REGISTRY && e.object().contains("/manifests/"))
                    .findFirst().orElseThrow();
            assertTrue(manifest.sentence().contains(Images.hub().origin(ImageRef.parse("nginx"))), manifest.sentence());
            assertTrue(manifest.equivalent().contains(LocalHub.BASE_URL + "/v2/library/nginx/manifests/latest"),
                    manifest.equivalent());
        }
    }
}
