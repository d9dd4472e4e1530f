package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Result;
import dev.glassbox.api.Api.ContainerSummary;
import dev.glassbox.api.Api.HistoryItem;
import dev.glassbox.api.Api.ImageSummary;
import dev.glassbox.api.Api.PortView;
import dev.glassbox.api.Api.Stats;
import dev.glassbox.kernel.ProcessInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RenderTest {
    static final long NOW = 1_700_000_000_000L;
    static final long NOW_S = NOW / 1000;
    static final String NGINX_ID = "sha256:9bea9f2796e2" + "0".repeat(52);

    private FakeApi api;
    private Cli cli;

    @BeforeEach
    void setUp() {
        api = new FakeApi();
        cli = new Cli(api, () -> NOW);
    }

    private Result docker(String line) {
        return cli.execute(CommandLine.split(line).get(0).words(), null);
    }

    private void twoContainers() {
        api.summaries.add(new ContainerSummary(FakeApi.ID, List.of("/web"), "nginx", NGINX_ID,
                "/docker-entrypoint.sh nginx -g 'daemon off;'", NOW_S - 120, "running", "Up 2 minutes",
                List.of(new PortView("::", 80, 8080, "tcp"), new PortView("0.0.0.0", 80, 8080, "tcp")), Map.of("tier", "front")));
        api.summaries.add(new ContainerSummary("b1c2d3e4f5a6" + "1".repeat(52), List.of("/db"), "redis:7", "sha256:" + "2".repeat(64),
                "docker-entrypoint.sh redis-server", NOW_S - 3 * 3600, "exited", "Exited (0) 1 hour ago",
                List.of(new PortView("", 6379, null, "tcp")), Map.of()));
    }

    @Test
    void psTableHasDockersLayout() {
        twoContainers();
        String expected = """
                CONTAINER ID   IMAGE     COMMAND                  CREATED         STATUS                  PORTS                                     NAMES
                4f9c1e2a7b3d   nginx     "/docker-entrypoint.…"   2 minutes ago   Up 2 minutes            0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web
                b1c2d3e4f5a6   redis:7   "docker-entrypoint.s…"   3 hours ago     Exited (0) 1 hour ago   6379/tcp                                  db
                """;
        Result r = docker("ps -a");
        assertEquals(expected, r.out());
        assertEquals("containers true", api.calls.get(0));
    }

    @Test
    void psEmptyPrintsTheHeaderOnly() {
        assertEquals("CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n", docker("ps").out());
        assertEquals("containers false", api.calls.get(0));
    }

    @Test
    void psQuietNoTruncLastAndFormat() {
        twoContainers();
        assertEquals("4f9c1e2a7b3d\nb1c2d3e4f5a6\n", docker("ps -aq").out());
        assertEquals(FakeApi.ID + "\n", docker("ps -q --no-trunc -l").out());
        assertEquals("web running\ndb exited\n", docker("ps -a --format '{{.Names}} {{.State}}'").out());
        assertEquals("NAMES     PORTS\nweb       0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\ndb        6379/tcp\n",
                docker("ps -a --format 'table {{.Names}}\\t{{.Ports}}'").out());
        assertEquals("web\n", docker("ps -a -f name=web -f status=running --format {{.Names}}").out());
        assertEquals("web\n", docker("ps -a -f label=tier=front --format {{.Names}}").out());
    }

    @Test
    void portsGroupConsecutiveRanges() {
        assertEquals("53/udp, 80-81/tcp, 0.0.0.0:443->443/tcp, 127.0.0.1:8080->80/tcp", PsCommand.displayPorts(List.of(
                new PortView("", 80, null, "tcp"), new PortView("", 81, null, "tcp"), new PortView("127.0.0.1", 80, 8080, "tcp"),
                new PortView("0.0.0.0", 443, 443, "tcp"), new PortView("", 53, null, "udp"))));
        assertEquals("", PsCommand.displayPorts(List.of()));
    }

    @Test
    void imagesTableWithUntaggedRows() {
        api.imageSummaries.add(new ImageSummary(NGINX_ID, List.of("nginx:latest", "nginx:1.27"), List.of(), NOW_S - 15 * 86400,
                192_400_000, 1));
        api.imageSummaries.add(new ImageSummary("sha256:27a71e19c956" + "3".repeat(52), List.of("busybox:latest"), List.of(),
                NOW_S - 400 * 86400, 4_264_960, 0));
        api.imageSummaries.add(new ImageSummary("sha256:0123456789ab" + "4".repeat(52), List.of(), List.of(), NOW_S - 3600, 1100, 0));
        String expected = """
                REPOSITORY   TAG       IMAGE ID       CREATED             SIZE
                nginx        latest    9bea9f2796e2   2 weeks ago         192MB
                nginx        1.27      9bea9f2796e2   2 weeks ago         192MB
                busybox      latest    27a71e19c956   13 months ago       4.26MB
                <none>       <none>    0123456789ab   About an hour ago   1.1kB
                """;
        assertEquals(expected, docker("images").out());
        assertEquals("9bea9f2796e2\n9bea9f2796e2\n27a71e19c956\n0123456789ab\n", docker("images -q").out());
        assertEquals("REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\nnginx        1.27      9bea9f2796e2   2 weeks ago   192MB\n",
                docker("image ls nginx:1.27").out());
        assertEquals("0123456789ab\n", docker("images -q -f dangling=true").out());
        assertEquals("latest\n1.27\n", docker("images -f reference=ngin* --format {{.Tag}}").out());
        assertEquals("1.27\n", docker("images -f reference=nginx:1.* --format {{.Tag}}").out());
        Result bad = docker("images -f foo=bar");
        assertEquals("Error response from daemon: invalid filter 'foo'\n", bad.err());
        assertEquals(1, bad.exitStatus());
    }

    @Test
    void historyMarksNonTopLayersMissingAndTruncates() {
        api.historyItems.add(new HistoryItem(NGINX_ID, NOW_S - 15 * 86400, "CMD [\"nginx\" \"-g\" \"daemon off;\"]", 0,
                "buildkit.dockerfile.v0"));
        api.historyItems.add(new HistoryItem("<missing>", NOW_S - 15 * 86400,
                "/bin/sh -c set -x     && groupadd --system --gid 101 nginx", 112_000_000, ""));
        api.historyItems.add(new HistoryItem(NGINX_ID, NOW_S - 400 * 86400,
                "/bin/sh -c #(nop) ADD file:9a4f77dfaba7fd2aa78186e4ef0e7486ad55101cefc1fabbc1b385601bb38920 in / ", 74_800_000, ""));
        String expected = "IMAGE          CREATED         CREATED BY                                      SIZE      COMMENT\n"
                + "9bea9f2796e2   2 weeks ago     CMD [\"nginx\" \"-g\" \"daemon off;\"]                0B        buildkit.dockerfile.v0\n"
                + "<missing>      2 weeks ago     /bin/sh -c set -x     && groupadd --system -…   112MB     \n"
                + "<missing>      13 months ago   /bin/sh -c #(nop) ADD file:9a4f77dfaba7fd2aa…   74.8MB    \n";
        assertEquals(expected, docker("history nginx").out());
        assertTrue(docker("history --no-trunc -H=false nginx").out().contains("74800000"));
    }

    @Test
    void topUsesPsEfColumnsTwentyWide() {
        long start = NOW - 60_000;
        api.containers.put("web", "running");
        api.processes = List.of(
                new ProcessInfo(1, 4200, List.of(4242, 1), 0, "S", "nginx: master process nginx -g daemon off;", "/x", 1, start),
                new ProcessInfo(29, 4242, List.of(4250, 29), 101, "S", "nginx: worker process", "/x", 1, start));
        String expected = """
                UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD
                root                4242                4200                0                   22:12               ?                   00:00:00            nginx: master process nginx -g daemon off;
                101                 4250                4242                0                   22:12               ?                   00:00:00            nginx: worker process
                """;
        assertEquals(expected, docker("top web").out());
    }

    @Test
    void statsNoStreamColumns() {
        api.containers.put("web", "running");
        api.stats = new Stats(FakeApi.ID, "/web", 2_621_440, 8_160_437_862L, 2, 1000, 0.125);
        String expected = """
                CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS
                4f9c1e2a7b3d   web       0.12%     2.5MiB / 7.6GiB     0.03%     0B / 0B   0B / 0B     2
                """;
        assertEquals(expected, docker("stats --no-stream web").out());
        assertEquals(expected, docker("container stats web").out());
    }

    @Test
    void versionShowsClientAndServer() {
        String out = docker("version").out();
        assertTrue(out.startsWith("Client:\n Version:           28.2.2\n API version:       1.50\n"), out);
        assertTrue(out.contains("\nServer: glassbox Engine - sim kernel\n Engine:\n  Version:          0.1.0\n"
                + "  API version:      1.50 (minimum version 1.24)\n"), out);
        assertEquals("0.1.0\n", docker("version -f {{.Server.Version}}").out());
    }

    @Test
    void infoShowsCountsAndMemory() {
        String out = docker("info").out();
        assertTrue(out.contains("Server:\n Containers: 3\n  Running: 1\n  Paused: 0\n  Stopped: 2\n Images: 5\n"), out);
        assertTrue(out.contains(" Total Memory: 2GiB\n"), out);
        assertEquals("2\n", docker("info --format {{.NCPU}}").out());
    }
}
