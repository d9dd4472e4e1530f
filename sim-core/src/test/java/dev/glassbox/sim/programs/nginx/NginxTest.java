package dev.glassbox.sim.programs.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.kernel.Signals;
import dev.glassbox.sim.SimBox;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NginxTest {
    private static final String CONF = """
            user  nginx;
            worker_processes  2;

            error_log  /var/log/nginx/error.log notice;
            pid        /var/run/nginx.pid;

            events {
                worker_connections  1024;
            }

            http {
                include       /etc/nginx/mime.types;
                default_type  application/octet-stream;
                log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                                  '$status $body_bytes_sent "$http_referer" '
                                  '"$http_user_agent" "$http_x_forwarded_for"';
                access_log  /var/log/nginx/access.log  main;
                sendfile        on;
                keepalive_timeout  65;
                include /etc/nginx/conf.d/*.conf;
            }
            """;
    private static final String SITE = """
            server {
                listen       80;
                listen  [::]:80;
                server_name  localhost;
                location / {
                    root   /usr/share/nginx/html;
                    index  index.html index.htm;
                }
                error_page   500 502 503 504  /50x.html;
                location = /50x.html {
                    root   /usr/share/nginx/html;
                }
            }
            """;

    private final SimBox w = new SimBox();
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    NginxTest() {
        w.binary("/usr/sbin/nginx", "nginx");
        w.file("/etc/nginx/nginx.conf", CONF);
        w.file("/etc/nginx/conf.d/default.conf", SITE);
        w.file("/etc/nginx/mime.types", "types {\n    text/html  html htm;\n    text/css css;\n}\n");
        w.file("/usr/share/nginx/html/index.html", "<h1>Welcome to nginx!</h1>\n");
        w.mkdirs("/var/log/nginx");
        w.mkdirs("/var/run");
        w.symlink("/dev/stdout", "/var/log/nginx/access.log");
        w.symlink("/dev/stderr", "/var/log/nginx/error.log");
    }

    @AfterEach
    void noCrashes() {
        w.close();
        assertEquals(List.of(), w.crashes());
    }

    private int start() {
        int p = w.start("", out, err, "nginx", "-g", "daemon off;");
        w.until(() -> w.listening(80) && err.toString().contains("start worker process 3"), "nginx to listen");
        w.until(() -> w.live().stream().filter(q -> "nginx: worker process".equals(q.command())).count() == 2, "workers");
        return p;
    }

    private String text(StringBuilder sb) {
        return sb.toString();
    }

    @Test
    void startsWithTheRealNoticesAndTitles() {
        start();
        String[] log = text(err).split("\n");
        assertEquals("2024/01/01 00:00:00 [notice] 1#1: using the \"epoll\" event method", log[0]);
        assertEquals("2024/01/01 00:00:00 [notice] 1#1: nginx/1.27.3", log[1]);
        assertEquals("2024/01/01 00:00:00 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ", log[2]);
        assertEquals("2024/01/01 00:00:00 [notice] 1#1: OS: Linux 6.1.0-glassbox-sim", log[3]);
        assertEquals("2024/01/01 00:00:00 [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576", log[4]);
        assertEquals("2024/01/01 00:00:00 [notice] 1#1: start worker processes", log[5]);
        assertEquals("2024/01/01 00:00:00 [notice] 1#1: start worker process 2", log[6]);
        assertEquals("2024/01/01 00:00:00 [notice] 1#1: start worker process 3", log[7]);
        assertEquals("1\n", w.read("/var/run/nginx.pid"));
        String ps = w.sh("ps").out();
        assertTrue(ps.contains("    1 root      0:00 nginx: master process nginx -g daemon off;\n"), ps);
        assertTrue(ps.contains("    2 root      0:00 nginx: worker process\n"), ps);
    }

    @Test
    void servesStaticFilesAndLogsEachRequest() {
        start();
        String resp = w.exchange(80, "GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/8.5.0\r\n\r\n");
        assertTrue(resp.startsWith("HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\n"
                + "Content-Type: text/html\r\nContent-Length: 27\r\n"), resp);
        assertTrue(resp.endsWith("\r\n\r\n<h1>Welcome to nginx!</h1>\n"), resp);
        assertEquals("172.17.0.1 - - [01/Jan/2024:00:00:00 +0000] \"GET / HTTP/1.1\" 200 27 \"-\" \"curl/8.5.0\" \"-\"\n",
                text(out));

        String missing = w.exchange(80, "GET /nope HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertTrue(missing.startsWith("HTTP/1.1 404 Not Found\r\n"), missing);
        assertTrue(missing.contains("<center><h1>404 Not Found</h1></center>"), missing);
        assertTrue(text(err).contains("[error] 1#1: *2 open() \"/usr/share/nginx/html/nope\" failed (2: No such file or "
                + "directory), client: 172.17.0.1, server: localhost, request: \"GET /nope HTTP/1.1\", host: \"localhost\""));

        assertTrue(w.exchange(80, "POST / HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 405 Not Allowed\r\n"));
        String head = w.exchange(80, "HEAD /index.html HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 200 OK") && head.endsWith("\r\n\r\n"), head);
    }

    @Test
    void wgetInsideTheContainerFetchesThePage() {
        start();
        SimBox.Result r = w.applet("wget", "-qO-", "http://localhost/");
        assertEquals("<h1>Welcome to nginx!</h1>\n", r.out());
        r = w.applet("wget", "http://localhost/index.html", "-O", "/tmp/page");
        assertEquals("Connecting to localhost (127.0.0.1:80)\nsaving to '/tmp/page'\n"
                + "/tmp/page            100% |********************************|    27  0:00:00 ETA\n'/tmp/page' saved\n", r.err());
        assertEquals("<h1>Welcome to nginx!</h1>\n", w.read("/tmp/page"));
        r = w.applet("wget", "-q", "http://localhost/nope");
        assertEquals("wget: server returned error: HTTP/1.1 404 Not Found\n", r.err());
        assertEquals(1, r.status());
    }

    @Test
    void quitShutsDownGracefully() {
        int p = start();
        w.kill(p, Signals.SIGQUIT);
        assertEquals(0, w.await(p));
        String log = text(err);
        assertTrue(log.contains("[notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n"), log);
        for (int worker : new int[] {2, 3}) {
            String me = worker + "#" + worker + ": ";
            int graceful = log.indexOf(me + "gracefully shutting down\n");
            int exiting = log.indexOf(me + "exiting\n");
            int exit = log.indexOf(me + "exit\n");
            int reaped = log.indexOf("1#1: signal 17 (SIGCHLD) received from " + worker + "\n");
            int code = log.indexOf("1#1: worker process " + worker + " exited with code 0\n");
            assertTrue(0 < graceful && graceful < exiting && exiting < exit && exit < reaped && reaped < code, log);
        }
        assertTrue(log.endsWith("[notice] 1#1: exit\n"), log);
        assertTrue(!w.exists("/var/run/nginx.pid"));
        assertTrue(w.live().isEmpty());
    }

    @Test
    void termIsAFastShutdown() {
        int p = start();
        w.kill(p, Signals.SIGTERM);
        assertEquals(0, w.await(p));
        String log = text(err);
        assertTrue(log.contains("[notice] 1#1: signal 15 (SIGTERM) received, exiting\n"), log);
        assertTrue(!log.contains("gracefully"), log);
        assertTrue(log.endsWith("[notice] 1#1: exit\n"), log);
    }

    @Test
    void reloadStartsNewWorkersAndRetiresOldOnes() {
        int p = start();
        w.kill(p, Signals.SIGHUP);
        w.until(() -> text(err).contains("worker process 3 exited with code 0"), "old workers to exit");
        String log = text(err);
        assertTrue(log.contains("signal 1 (SIGHUP) received, reconfiguring\n"), log);
        assertTrue(log.contains("start worker process 4\n") && log.contains("start worker process 5\n"), log);
        assertEquals(3, w.live().size());
    }

    @Test
    void theErrorLogIsOpenedOnceAndReopenedOnUsr1() {
        int p = start();
        // the log was opened at start, through its symlink to /dev/stderr: replacing the link changes nothing yet
        w.sh("rm /var/log/nginx/error.log && touch /var/log/nginx/error.log");
        w.kill(p, Signals.SIGUSR1);
        w.until(() -> text(err).contains("[notice] 3#3: reopening logs\n"), "the workers' reopen notices");
        assertTrue(text(err).contains("1#1: reopening logs\n2024/01/01 00:00:00 [notice] 2#2: reopening logs\n"), text(err));
        assertEquals("", w.read("/var/log/nginx/error.log"));
        // after the reopen, lines go to the new file and no longer to stderr
        w.kill(p, Signals.SIGTERM);
        assertEquals(0, w.await(p));
        String file = w.read("/var/log/nginx/error.log");
        assertTrue(file.contains("[notice] 1#1: signal 15 (SIGTERM) received, exiting\n"), file);
        assertTrue(file.contains("[notice] 2#2: exiting\n") && file.contains("[notice] 3#3: exit\n"), file);
        assertTrue(!text(err).contains("SIGTERM"), text(err));
    }

    @Test
    void commandLineModes() {
        SimBox.Result r = w.run("", "nginx", "-t");
        assertEquals("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n"
                + "nginx: configuration file /etc/nginx/nginx.conf test is successful\n", r.err());
        assertEquals("nginx version: nginx/1.27.3\n", w.run("", "nginx", "-v").err());
        w.file("/etc/nginx/conf.d/bad.conf", "server {\n  listen 8080;\n  bogus on;\n}\n");
        r = w.run("", "nginx", "-t");
        assertEquals(1, r.status());
        assertEquals("nginx: [emerg] unknown directive \"bogus\" in /etc/nginx/conf.d/bad.conf:3\n"
                + "nginx: configuration file /etc/nginx/nginx.conf test failed\n", r.err());
    }

    @Test
    void aFileParsedBeforeIsReadAgainAndErrorsComeInTheOrderNginxFindsThem() {
        assertEquals(0, w.run("", "nginx", "-t").status()); // the files as parsed once are kept by their text
        w.file("/etc/nginx/conf.d/default.conf", SITE.replace("80;", "8080;"));
        w.file("/etc/nginx/mime.types", "types {\n    text/html  html htm;\n    text/plain txt;\n}\n");
        w.file("/usr/share/nginx/html/notes.txt", "hello\n");
        w.start("", out, err, "nginx", "-g", "daemon off;");
        w.until(() -> w.listening(8080), "nginx to listen on the port the changed include names");
        String resp = w.exchange(8080, "GET /notes.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertTrue(resp.contains("Content-Type: text/plain\r\n"), resp);
        assertTrue(!w.listening(80));

        // nginx reads an include where it stands: an unclosed block there is reported before the stray brace after it
        w.file("/etc/nginx/conf.d/default.conf", "server {\n    listen 8081;\n");
        w.file("/etc/nginx/nginx.conf", CONF + "}\n");
        SimBox.Result r = w.run("", "nginx", "-t");
        assertEquals("nginx: [emerg] unexpected end of file, expecting \";\" or \"}\" in /etc/nginx/conf.d/default.conf:3\n"
                + "nginx: configuration file /etc/nginx/nginx.conf test failed\n", r.err());
        w.file("/etc/nginx/conf.d/default.conf", SITE);
        r = w.run("", "nginx", "-t");
        assertEquals("nginx: [emerg] unexpected \"}\" in /etc/nginx/nginx.conf:22\n"
                + "nginx: configuration file /etc/nginx/nginx.conf test failed\n", r.err());
    }

    @Test
    void daemonModeForksAndTheParentExits() {
        // PID 1 is a shell that stays: were nginx PID 1, its exit would end the container and the daemon with it
        w.start("", new StringBuilder(), new StringBuilder(), "sh", "-c", "while true; do sleep 3600; done");
        int p = w.start("", out, err, "nginx");
        assertEquals(0, w.await(p));
        w.until(() -> w.listening(80), "the daemon to listen");
    }
}
