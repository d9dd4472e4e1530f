package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.daemon.DaemonOptions;
import dev.glassbox.kernel.TreeCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * dockerd --storage-driver vfs on the host's kernel: layers and containers are real full copies
 * (cp -a) under the state root's vfs/dir, a container's '/' is that directory with no overlay
 * mounted, and commit finds the changes by comparing the copies.
 */
class LinuxVfsTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "vfs";
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    private List<String> dirs() throws IOException {
        Path dir = host.root.resolve("vfs/dir");
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void runCommitRunTheCommittedImageThenRemoveEverything() throws IOException {
        try (Engine e = LinuxEngine.open(host.options, true, DaemonOptions.DEFAULT.withStorageDriver("vfs"))) {
            assertEquals("vfs\n", ok(e, "docker info -f '{{.Driver}}'").out());
            ok(e, "docker run --name vfsbox busybox sh -c 'echo written > /note; rm /bin/cat'");
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.action().equals(TreeCopy.ACTION)
                    && ev.equivalent().startsWith("cp -a --reflink=auto -T ")), "the trace shows the container's copies");
            assertFalse(e.lastTrace().events().stream().anyMatch(ev -> ev.action().equals("mount overlay")), "no union mount under vfs");
            String id = ok(e, "docker inspect -f '{{.Id}}' vfsbox").out().strip();
            assertEquals("vfs null\n", ok(e, "docker inspect -f '{{.GraphDriver.Name}} {{json .GraphDriver.Data}}' vfsbox").out());
            List<String> withContainer = dirs();
            assertEquals(3, withContainer.size(), "busybox's layer, the container's init copy and its own: " + withContainer);
            Path own = host.root.resolve("vfs/dir").resolve(withContainer.stream().filter(n -> !n.endsWith("-init")
                    && Files.exists(host.root.resolve("vfs/dir").resolve(n + "-init"))).findFirst().orElseThrow());
            assertEquals("written\n", Files.readString(own.resolve("note")), "the container wrote into its own full copy");
            assertTrue(Files.isRegularFile(own.resolve("bin/sh"), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    || Files.isSymbolicLink(own.resolve("bin/sh")), "the whole image is in it");

            String diff = ok(e, "docker diff vfsbox").out();
            assertTrue(diff.contains("A /note") && diff.contains("D /bin/cat"), diff);
            ok(e, "docker commit vfsbox vfssnap");
            assertEquals("written\n", ok(e, "docker run --rm vfssnap sh -c 'cat /note 2>&1 || head -n 1 /note'").out()
                    .replace("sh: cat: not found\n", ""));
            assertEquals("gone\n", ok(e, "docker run --rm vfssnap sh -c 'test -e /bin/cat || echo gone'").out());
            ok(e, "docker rm vfsbox");
            ok(e, "docker rmi vfssnap busybox");
            assertEquals(List.of(), dirs(), "no layer or container directory is left");
            assertFalse(Files.exists(host.root.resolve("containers").resolve(id)));
        }
    }
}
