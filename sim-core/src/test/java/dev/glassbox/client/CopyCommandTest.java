package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.glassbox.Engine;
import dev.glassbox.Progress;
import dev.glassbox.Result;
import dev.glassbox.image.FileEntry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docker cp both ways between a container and the client's workspace, with the docker 28 CLI's words (checked against it). */
class CopyCommandTest {
    private Engine e;
    private MemoryWorkspace ws;

    @BeforeEach
    void start() {
        e = Engine.sim();
        ws = new MemoryWorkspace();
        e.workspace(ws);
        ws.put("index.html", "hello\n").put("site/a", "a\n").put("site/sub/b", "b\n");
        ok("docker run -d --name web nginx");
    }

    @AfterEach
    void stop() {
        e.close();
    }

    /** At a terminal (a console): the CLI prints its summary on stderr. */
    private Result tty(String line) {
        return e.run(line, Progress.NONE, new ScriptedConsole());
    }

    private Result ok(String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    private String text(String path) {
        return new String(ws.readFile(path), StandardCharsets.UTF_8);
    }

    @Test
    void copiesAFileOutOfTheContainerIntoTheWorkingDirectory() {
        Result r = tty("docker cp web:/etc/nginx/nginx.conf .");
        assertEquals("Successfully copied 2.56kB to /home/student/.\n", r.err());
        assertEquals(0, r.exitStatus());
        assertEquals(ok("docker exec web cat /etc/nginx/nginx.conf").out(), text("nginx.conf"));
        assertEquals("", ok("docker cp web:/etc/hostname host.txt").err(), "no terminal: quiet, as the CLI with stdout redirected");
        assertEquals(ok("docker exec web hostname").out(), text("host.txt"));
        assertEquals("", tty("docker cp -q web:/etc/hostname .").err());
    }

    @Test
    void theWorkspaceRootOrADestinationWithoutANameIsCopiedAsItsContents() {
        Result r = e.run("docker cp / nosuch:");
        assertEquals("Error response from daemon: No such container: nosuch\n", r.err(), "found by the fuzz run: it was an internal error");
        assertEquals(1, r.exitStatus());
        assertEquals(1, e.run("docker cp ../.. 65536:80").exitStatus());
        ok("docker cp / web:/tmp");
        assertEquals("hello\n", ok("docker exec web cat /tmp/home/student/index.html").out());
    }

    @Test
    void copiesFilesAndDirectoriesIntoTheContainer() {
        assertEquals("Successfully copied 2.05kB to web:/usr/share/nginx/html/\n", tty("docker cp index.html web:/usr/share/nginx/html/").err());
        assertEquals("hello\n", ok("docker exec web cat /usr/share/nginx/html/index.html").out());
        assertEquals("Successfully copied 4.1kB to web:/tmp/\n", tty("docker cp site web:/tmp/").err());
        assertEquals("b\n", ok("docker exec web cat /tmp/site/sub/b").out());
        ok("docker cp site web:/tmp/site2");
        assertEquals("a\nsub\n", ok("docker exec web ls /tmp/site2").out());
        ok("docker cp site/. web:/tmp/site");
        ok("docker cp index.html web:/tmp/new.html");
        assertEquals("hello\n", ok("docker exec web cat /tmp/new.html").out());
        assertEquals("0:0\n", ok("docker exec web stat -c %u:%g /tmp/new.html").out());
    }

    @Test
    void copiesADirectoryOutAndIntoAnExistingOne() {
        ok("docker cp web:/etc/nginx/conf.d ./conf");
        assertEquals(ok("docker exec web cat /etc/nginx/conf.d/default.conf").out(), text("conf/default.conf"));
        ok("docker cp web:/etc/nginx/conf.d/ site");
        assertEquals(FileEntry.Type.FILE, ws.stat("site/conf.d/default.conf").type());
        ok("docker cp web:/etc/nginx/conf.d/. flat");
        assertEquals(FileEntry.Type.FILE, ws.stat("flat/default.conf").type());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "docker cp missing web:/tmp/ => lstat /home/student/missing: no such file or directory",
            "docker cp index.html web:/nope/ => no such directory",
            "docker cp index.html web:/tmp/newdir/ => no such directory",
            "docker cp site web:/etc/hostname => cannot copy directory",
            "docker cp index.html web:/nope/x => Successfully copied 2.05kB to web:/nope/x\\nError response from daemon: Could not find the file /nope in container web",
            "docker cp web:/nope . => Error response from daemon: Could not find the file /nope in container web",
            "docker cp web:/etc/hostname nope/x => invalid output path: directory \"/home/student/nope\" does not exist",
            "docker cp web:/etc/nginx index.html => Successfully copied 0B to /home/student/index.html\\ncannot copy directory",
            "docker cp web:/etc/hostname newdir/ => Successfully copied 0B to /home/student/newdir/\\nno such directory",
            "docker cp web:/etc/hostname index.html/ => stat /home/student/index.html/: not a directory",
            "docker cp nope:/etc/hostname . => Error response from daemon: No such container: nope",
            "docker cp a b => must specify at least one container source",
            "docker cp a:/x b:/y => copying between containers is not supported",
            "docker cp web:/etc/hostname - => glassbox: 'docker cp' with '-' (a tar on stdin or stdout) is not supported here; name a file or directory",
            "docker cp '' web:/tmp => source can not be empty",
            "docker cp web => docker: 'docker cp' requires 2 arguments"})
    void refusesAsTheCliDoes(String line, String message) {
        Result r = tty(line);
        assertEquals(1, r.exitStatus(), r.text());
        String want = message.replace("\\n", "\n") + "\n";
        assertEquals(want, line.endsWith("web") ? r.err().substring(0, want.length()) : r.err());
    }

    @Test
    void aSymlinkOutOfTheCopyIsRefusedAfterWhatCameBefore() {
        ok("docker exec web sh -c 'mkdir -p /srv/d/a && echo x > /srv/d/a/f && ln -s ../../etc/passwd /srv/d/z'");
        Result r = e.run("docker cp web:/srv/d ./d");
        assertEquals("invalid symlink \"/home/student/d/z\" -> \"../../etc/passwd\"\n", r.err());
        assertEquals("x\n", text("d/a/f"));
        assertNull(ws.stat("d/z"));
    }

    @Test
    void followLinkCopiesWhatTheLinkPointsTo() {
        ok("docker exec web sh -c 'echo target > /tmp/real && ln -s /tmp/real /tmp/link'");
        ok("docker cp web:/tmp/link ./plain");
        assertEquals(FileEntry.Type.SYMLINK, ws.stat("plain").type());
        ok("docker cp -L web:/tmp/link ./followed");
        assertEquals("target\n", text("followed"));
        ok("docker cp -L web:/tmp/link .");
        assertEquals("target\n", text("link"));
    }
}
