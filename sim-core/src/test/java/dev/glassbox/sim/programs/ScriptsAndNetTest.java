package dev.glassbox.sim.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.sim.SimBox;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScriptsAndNetTest {
    /** The official nginx image's entrypoint, as Debian's dash runs it. */
    private static final String ENTRYPOINT = """
            #!/bin/sh
            # vim:sw=4:ts=4:et

            set -e

            entrypoint_log() {
                if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
                    echo "$@"
                fi
            }

            if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
                if /usr/bin/find "/docker-entrypoint.d/" -mindepth 1 -maxdepth 1 -type f -print -quit 2>/dev/null | read v; then
                    entrypoint_log "$0: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"

                    entrypoint_log "$0: Looking for shell scripts in /docker-entrypoint.d/"
                    find "/docker-entrypoint.d/" -follow -type f -print | sort -V | while read -r f; do
                        case "$f" in
                            *.envsh)
                                if [ -x "$f" ]; then
                                    entrypoint_log "$0: Sourcing $f";
                                    . "$f"
                                else
                                    # warn on shell scripts without exec bit
                                    entrypoint_log "$0: Ignoring $f, not executable";
                                fi
                                ;;
                            *.sh)
                                if [ -x "$f" ]; then
                                    entrypoint_log "$0: Launching $f";
                                    "$f"
                                else
                                    # warn on shell scripts without exec bit
                                    entrypoint_log "$0: Ignoring $f, not executable";
                                fi
                                ;;
                            *) entrypoint_log "$0: Ignoring $f";;
                        esac
                    done

                    entrypoint_log "$0: Configuration complete; ready for start up"
                else
                    entrypoint_log "$0: No files found in /docker-entrypoint.d/, skipping configuration"
                fi
            fi

            exec "$@"
            """;

    private SimBox w = new SimBox();

    @AfterEach
    void noCrashes() {
        w.close();
        assertEquals(List.of(), w.crashes());
    }

    @Test
    void theNginxEntrypointRunsItsHooksThenExecs() {
        w.binary("/bin/dash", "dash");
        w.mkdirs("/usr/bin");
        w.symlink("/bin/busybox", "/usr/bin/find");
        w.script("/docker-entrypoint.sh", ENTRYPOINT.replace("#!/bin/sh", "#!/bin/dash"));
        w.script("/docker-entrypoint.d/20-hello.sh", "#!/bin/dash\necho \"hello from $0\"\n");
        w.file("/docker-entrypoint.d/30-readme.txt", "");
        w.script("/usr/local/bin/nginx", "#!/bin/dash\necho \"nginx started with: $*\"\n");
        SimBox.Result r = w.run("", "/bin/dash", "/docker-entrypoint.sh", "nginx", "-g", "daemon off;");
        assertEquals("", r.err());
        assertEquals("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n"
                + "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n"
                + "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-hello.sh\n"
                + "hello from /docker-entrypoint.d/20-hello.sh\n"
                + "/docker-entrypoint.sh: Ignoring /docker-entrypoint.d/30-readme.txt\n"
                + "/docker-entrypoint.sh: Configuration complete; ready for start up\n"
                + "nginx started with: -g daemon off;\n", r.out());
        assertEquals(0, r.status());
    }

    @Test
    void ncTalksToAServerAndServesOne() {
        StringBuilder out = new StringBuilder();
        int server = w.start("hi client\n", out, new StringBuilder(), "nc", "-l", "-p", "9000");
        w.until(() -> w.listening(9000), "nc to listen");
        SimBox.Result r = w.run("hello server\n", "nc", "-w", "1", "localhost", "9000");
        assertEquals("hi client\n", r.out());
        assertEquals(0, w.await(server));
        assertEquals("hello server\n", out.toString());
        r = w.applet("nc", "localhost", "9001");
        assertEquals("nc: can't connect to remote host (127.0.0.1): Connection refused\n", r.err());
        assertEquals(1, r.status());
    }

    @Test
    void wgetReportsRefusedAndUnknownHosts() {
        SimBox.Result r = w.applet("wget", "-O-", "http://web:8080/");
        assertEquals("Connecting to web:8080 (172.17.0.5:8080)\n"
                + "wget: can't connect to remote host (172.17.0.5): No route to host\n", r.err(), "no host on the bridge has that address");
        assertEquals(1, r.status());
        r = w.applet("wget", "-O-", "http://c0ffee123456:8080/");
        assertEquals("Connecting to c0ffee123456:8080 (172.17.0.2:8080)\n"
                + "wget: can't connect to remote host (172.17.0.2): Connection refused\n", r.err());
        assertEquals(1, r.status());
        r = w.applet("wget", "-q", "http://unreachable/");
        assertEquals("wget: bad address 'unreachable'\n", r.err());
    }

    @Test
    void netstatReadsProcNetTcp() {
        w.close();
        w = SimBox.withoutProcfs();
        SimBox.Result r = w.applet("netstat", "-tln");
        assertEquals("netstat: can't open '/proc/net/tcp': No such file or directory\n", r.err());
        w.file("/proc/net/tcp", "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid\n"
                + "   0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0\n");
        r = w.applet("netstat", "-tln");
        assertEquals("Active Internet connections (only servers)\n"
                + "Proto Recv-Q Send-Q Local Address           Foreign Address         State       \n"
                + "tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      \n", r.out());
    }

    @Test
    void nslookupAnswersAsBusyboxDoesFromTheEmbeddedDnsNames() {
        assertEquals("Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tweb\n"
                + "Address: 172.17.0.5\n\nNon-authoritative answer:\n\n", w.applet("nslookup", "web").out());
        SimBox.Result r = w.applet("nslookup", "db");
        assertEquals("Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n** server can't find db: NXDOMAIN\n\n"
                + "** server can't find db: NXDOMAIN\n\n", r.out());
        assertEquals(1, r.status(), "busybox's nslookup exits 1 when the server found no such name");
        SimBox.Result away = w.applet("nslookup", "db", "10.0.2.3");
        assertEquals(";; connection timed out; no servers could be reached\n\n", away.out(), "no server outside the machine answers");
        assertEquals(1, away.status());
    }

    @Test
    void topPrintsOneBatchFrame() {
        w.procFile("/proc/meminfo", "MemTotal: 1000 kB\nMemFree: 400 kB\nShmem: 0 kB\nBuffers: 0 kB\nCached: 100 kB\n");
        w.procFile("/proc/loadavg", "0.00 0.01 0.05 1/80 9\n");
        String out = w.applet("top", "-b", "-n", "1").out();
        assertTrue(out.startsWith("Mem: 600K used, 400K free, 0K shrd, 0K buff, 100K cached\n"
                + "Load average: 0.00 0.01 0.05 1/80 9\n"
                + "  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND\n"), out);
        assertTrue(out.contains("    1     0 root     R      128  13%   0   0% top -b -n 1\n"), out);
    }

    @Test
    void busyboxListsItsApplets() {
        String list = w.run("", "busybox", "--list").out();
        assertTrue(list.contains("\nls\n") && list.contains("\nwget\n"), list);
        assertEquals("hi\n", w.run("", "busybox", "echo", "hi").out());
        assertTrue(Programs.lookup("ls").isPresent() && Programs.lookup("nginx").isPresent());
        assertTrue(Programs.lookup("vim").isEmpty());
    }
}
