package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.image.FileEntry;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** docker save, load and import through the kernel's HostFs. */
class SaveLoadTest {
    @Test
    void savedImagesLoadBackWithTheSameIdsAndRun() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name box busybox sh -c 'echo hi > /hi'");
            String id = ok(e, "docker commit box mine:v1").out().strip();
            ok(e, "docker save -o imgs.tar busybox mine:v1");
            ok(e, "docker rm box");
            ok(e, "docker rmi busybox mine:v1");
            assertEquals("Loaded image: busybox:latest\nLoaded image: mine:v1\n", ok(e, "docker load -i imgs.tar").out());
            assertEquals(id + "\n", ok(e, "docker image inspect -f '{{.Id}}' mine:v1").out());
            assertEquals("hi\n", ok(e, "docker run --rm mine:v1 cat /hi").out());
        }
    }

    @Test
    void theArchiveIsReproducible() {
        byte[][] archives = new byte[2][];
        for (int i = 0; i < 2; i++) {
            try (SimKernel k = new SimKernel(Engine.DEFAULT_SEED + i, Programs::lookup); Engine e = Engine.on(k)) {
                ok(e, "docker pull -q busybox");
                ok(e, "docker save -o /tmp/b.tar busybox");
                archives[i] = ((dev.glassbox.kernel.Kernel) k).fs().readFile("/tmp/b.tar");
            }
        }
        assertArrayEquals(archives[0], archives[1]);
        List<String> names = ImageArchives.read(archives[0]).stream().map(x -> x.tags().get(0).familiar()).toList();
        assertEquals(List.of("busybox:latest"), names);
    }

    @Test
    void importMakesAOneLayerImage() {
        try (SimKernel k = new SimKernel(Engine.DEFAULT_SEED, Programs::lookup); Engine e = Engine.on(k)) {
            ((dev.glassbox.kernel.Kernel) k).fs().writeFile("/var/lib/docker/files/root.tar", ImageArchives.tar(List.of(FileEntry.dir("etc", 0755),
                    FileEntry.file("etc/motd", 0644, "welcome\n"))));
            String id = ok(e, "docker import -m 'from a tarball' -c 'CMD [\"cat\", \"/etc/motd\"]' root.tar motd").out().strip();
            assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
            assertEquals("1 [\"cat\",\"/etc/motd\"] from a tarball\n",
                    ok(e, "docker image inspect -f '{{len .RootFS.Layers}} {{json .Config.Cmd}} {{.Comment}}' motd").out());
            assertTrue(ok(e, "docker history motd").out().contains("from a tarball"));
        }
    }

    @Test
    void exportThenImportGivesAnImageWithTheContainersFilesystem() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name box busybox sh -c 'echo hi > /hi && rm /bin/ls'");
            ok(e, "docker export -o box.tar box");
            ok(e, "docker import -c 'CMD [\"sh\"]' box.tar flat");
            assertEquals("hi\n", ok(e, "docker run --rm flat cat /hi").out());
            assertEquals(127, e.run("docker run --rm flat ls /").exitStatus(), "what the container deleted is not in the export");
            assertEquals("1\n", ok(e, "docker image inspect -f '{{len .RootFS.Layers}}' flat").out());
            assertEquals("", ok(e, "docker diff box").err());
        }
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("docker load -i nope.tar", "open nope.tar: no such file or directory\n", 1),
                Arguments.of("docker load", "requested load from stdin, but stdin is empty\n", 1),
                Arguments.of("docker save busybox", "cowardly refusing to save to a terminal. Use the -o flag or redirect\n", 1),
                Arguments.of("docker save -o x.tar nope", "Error response from daemon: No such image: nope:latest\n", 1),
                Arguments.of("docker import nope.tar", "open nope.tar: no such file or directory\n", 1),
                Arguments.of("docker export nope", "cowardly refusing to save to a terminal. Use the -o flag or redirect\n", 1),
                Arguments.of("docker export -o x.tar nope", "Error response from daemon: No such container: nope\n", 1));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errorsInDockersWords(String line, String err, int status) {
        try (Engine e = Engine.sim()) {
            Result r = e.run(line);
            assertEquals(err, r.err());
            assertEquals(status, r.exitStatus());
        }
    }
}
