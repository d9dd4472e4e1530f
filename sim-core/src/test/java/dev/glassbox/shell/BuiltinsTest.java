package dev.glassbox.shell;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** cd, pwd, ls, cat and mkdir at the prompt, on the client's workspace, with bash's and coreutils' words. */
class BuiltinsTest {
    @Test
    void mkdirThenCdMovesTheWorkingDirectory() {
        try (Engine e = Engine.sim()) {
            assertEquals("/home/student\n", ok(e, "pwd").out());
            ok(e, "mkdir app && cd app");
            assertEquals("/home/student/app\n", ok(e, "pwd").out());
            assertEquals("/home/student/app", e.workspace().cwd());
            ok(e, "mkdir -p web/html && cd web/html && cd ../..");
            assertEquals("web\n", ok(e, "ls").out());
            ok(e, "cd");
            assertEquals("/home/student\n", ok(e, "pwd").out());
            ok(e, "cd /");
            assertEquals("home\n", ok(e, "ls").out());
        }
    }

    @Test
    void lsAndCatShowTheWorkspacesFiles() {
        try (Engine e = Engine.sim()) {
            ((MemoryWorkspace) e.workspace()).put("Dockerfile", "FROM busybox\n").put("site/index.html", "<h1>hi</h1>\n").put(".hidden", "x");
            assertEquals("Dockerfile\nsite\n", ok(e, "ls").out());
            assertEquals(".\n..\n.hidden\nDockerfile\nsite\n", ok(e, "ls -a").out());
            assertEquals("index.html\n", ok(e, "ls site").out());
            assertEquals("Dockerfile\n", ok(e, "ls Dockerfile").out());
            assertEquals("Dockerfile\n\nsite:\nindex.html\n", ok(e, "ls Dockerfile site").out());
            assertEquals("FROM busybox\n<h1>hi</h1>\n", ok(e, "cat Dockerfile site/index.html").out());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "cd nope => cd: nope: No such file or directory => 1",
            "cd Dockerfile => cd: Dockerfile: Not a directory => 1",
            "cd a b => cd: too many arguments => 1",
            "ls nope => ls: cannot access 'nope': No such file or directory => 2",
            "ls -l => ls: invalid option -- 'l'\\nglassbox: this ls knows -a and -1 only => 2",
            "cat nope => cat: nope: No such file or directory => 1",
            "cat site => cat: site: Is a directory => 1",
            "cat => glassbox: cat: name a file (there is no input to read here) => 1",
            "mkdir => mkdir: missing operand\\nTry 'mkdir --help' for more information. => 1",
            "mkdir site => mkdir: cannot create directory 'site': File exists => 1",
            "mkdir a/b => mkdir: cannot create directory 'a/b': No such file or directory => 1",
            "mkdir -p Dockerfile/x => mkdir: cannot create directory 'Dockerfile/x': Not a directory => 1"})
    void mistakesGetTheShellsOwnWords(String line, String message, int status) {
        try (Engine e = Engine.sim()) {
            ((MemoryWorkspace) e.workspace()).put("Dockerfile", "FROM busybox\n").put("site/index.html", "x");
            Result r = e.run(line);
            assertEquals(message.replace("\\n", "\n") + "\n", r.err());
            assertEquals(status, r.exitStatus());
        }
    }

    @Test
    void aFailedCdStopsAnAndChain() {
        try (Engine e = Engine.sim()) {
            Result r = e.run("cd nope && mkdir x");
            assertEquals(1, r.exitStatus());
            assertEquals("", ok(e, "ls").out());
            ok(e, "mkdir -p x && mkdir -p x");
        }
    }
}
