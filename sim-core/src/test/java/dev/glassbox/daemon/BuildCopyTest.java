package dev.glassbox.daemon;

import static dev.glassbox.daemon.BuildTest.NOTICE;
import static dev.glassbox.daemon.BuildTest.files;
import static dev.glassbox.daemon.BuildTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.image.FileEntry;
import dev.glassbox.registry.LayerArchive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** COPY and ADD: directories, globs, --chown, an ADDed tar unpacked, FROM scratch, and what the builder refuses. */
class BuildCopyTest {
    @Test
    void copiesDirectoriesAndGlobsWithTheirOwnersAndModes() {
        try (Engine e = Engine.sim()) {
            files(e).put("/home/student/app/Dockerfile", "FROM busybox\nCOPY src /opt/src\nCOPY --chown=1000:50 *.txt /docs/\n"
                    + "RUN stat -c '%u %g %n' /docs/one.txt /docs/two.txt && find /opt/src -type f | sort\n")
                    .put("/home/student/app/src/a.c", "a").put("/home/student/app/src/lib/b.c", "b")
                    .put("/home/student/app/one.txt", "1").put("/home/student/app/two.txt", "2").put("/home/student/app/skip.md", "no");
            Result r = ok(e, "docker build app");
            assertTrue(r.out().contains("1000 50 /docs/one.txt\n1000 50 /docs/two.txt\n/opt/src/a.c\n/opt/src/lib/b.c\n"), r.out());
        }
    }

    @Test
    void addUnpacksALocalTarAndChownTakesNamesFromTheImage() throws IOException {
        try (Engine e = Engine.sim()) {
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            LayerArchive.writeTar(List.of(FileEntry.dir("site", 0755), FileEntry.file("site/index.html", 0644, "<h1>hi</h1>\n")), tar);
            files(e).put("/home/student/app/Dockerfile", "FROM busybox\nADD site.tar /var/www/\nCOPY --chown=nobody note /note\n"
                    + "RUN cat /var/www/site/index.html && stat -c %u /note\n")
                    .put("/home/student/app/note", "n");
            e.workspace().writeFile("/home/student/app/site.tar", tar.toByteArray(), 0644);
            Result r = ok(e, "docker build app");
            assertTrue(r.out().contains("<h1>hi</h1>\n65534\n"), r.out());
            files(e).put("/home/student/app/Dockerfile", "FROM busybox\nCOPY --chown=nosuchuser note /note\n");
            Result bad = e.run("docker build app");
            assertEquals(NOTICE + "unable to convert uid/gid chown string to host mapping: can't find uid for user nosuchuser: no such user: nosuchuser\n",
                    bad.err());
        }
    }

    @Test
    void fromScratchTakesOnlyWhatIsCopied() {
        try (Engine e = Engine.sim()) {
            files(e).put("/home/student/app/Dockerfile", "FROM scratch\nCOPY hello.txt /\nCMD [\"/hello\"]\n").put("/home/student/app/hello.txt", "x\n");
            Result r = ok(e, "docker build -t tiny app");
            assertTrue(r.out().startsWith("Sending build context to Docker daemon  3.072kB\r\r\nStep 1/3 : FROM scratch\n ---> \nStep 2/3 : COPY hello.txt /\n ---> "),
                    r.out());
            assertEquals("2B\n", ok(e, "docker images --format '{{.Size}}' tiny").out());
            assertEquals("[\"/hello\"]\n", ok(e, "docker inspect -f '{{json .Config.Cmd}}' tiny").out());
        }
    }

    @Test
    void chmodIsRefusedWhenTheStepComesAsTheClassicBuilderDoesAndLinkIsIgnored() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            files(e).put("/home/student/app/Dockerfile", "FROM busybox\nCOPY --chmod=755 Dockerfile /\n");
            Result chmod = e.run("docker build app");
            assertEquals(1, chmod.exitStatus(), chmod.text());
            assertTrue(chmod.out().endsWith("Step 2/2 : COPY --chmod=755 Dockerfile /\n"), chmod.out());
            assertEquals(NOTICE + "the --chmod option requires BuildKit. "
                    + "Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled\n", chmod.err());
            files(e).put("/home/student/app/Dockerfile", "FROM busybox\nCOPY --link Dockerfile /copied\n");
            ok(e, "docker build -t linked app");
            assertEquals("FROM busybox\nCOPY --link Dockerfile /copied\n", ok(e, "docker run --rm linked cat /copied").out());
        }
    }
}
