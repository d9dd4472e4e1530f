package dev.glassbox.repl;

import static dev.glassbox.repl.InteractiveReplTest.keys;
import static dev.glassbox.repl.InteractiveReplTest.run;
import static dev.glassbox.repl.InteractiveReplTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher in tmux, started in a directory: cd, docker cp to and from it, a prune's [y/N] answered. */
class ShellReplTest {
    @TempDir
    Path dir;

    @Test
    void theUsersDirectoryIsTheClientsAndPromptsTakeTheirAnswerThere() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed");
        Files.writeString(dir.resolve("index.html"), "<h1>from my laptop</h1>\n");
        String session = "glassbox-sh-" + ProcessHandle.current().pid();
        String java = ProcessHandle.current().info().command().orElse("java");
        String cmd = "GLASSBOX_HOME=" + dir.resolve("home") + " " + java + " -cp " + System.getProperty("java.class.path") + " dev.glassbox.repl.Main";
        run("tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "50", "-c", dir.toString(), cmd);
        try {
            waitFor(session, "glassbox$ ", 1);
            keys(session, "docker run -d --name web nginx > /dev/null", "Enter");
            waitFor(session, "glassbox: redirection (>) is not supported here", 1);
            keys(session, "docker run -d --name web nginx && docker cp index.html web:/usr/share/nginx/html/", "Enter");
            waitFor(session, "Successfully copied 2.05kB to web:/usr/share/nginx/html/", 1);
            keys(session, "mkdir -p conf && cd conf && docker cp web:/etc/nginx/nginx.conf . && pwd", "Enter");
            String screen = waitFor(session, "Successfully copied 2.56kB to " + dir.resolve("conf") + "/.", 1);
            waitFor(session, dir.resolve("conf") + "\n", 1);
            assertTrue(Files.readString(dir.resolve("conf/nginx.conf")).contains("worker_processes"), screen);
            keys(session, "docker exec web cat /usr/share/nginx/html/index.html", "Enter");
            waitFor(session, "<h1>from my laptop</h1>", 1);
            keys(session, "docker rm -f $(docker ps -q) && docker run --name gone busybox true", "Enter");
            waitFor(session, "glassbox$ ", 6);
            keys(session, "docker container prune", "Enter");
            waitFor(session, "Are you sure you want to continue? [y/N] ", 1);
            keys(session, "y", "Enter");
            screen = waitFor(session, "Total reclaimed space: 0B", 1);
            assertTrue(screen.contains("Deleted Containers:"), screen);
            keys(session, "docker ps -aq | wc -l", "Enter");
            waitFor(session, "glassbox: pipes (|) are not supported here", 1);
            keys(session, "exit", "Enter");
        } finally {
            new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals("<h1>from my laptop</h1>\n", Files.readString(dir.resolve("index.html")));
    }
}
