package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Progress;
import dev.glassbox.Result;
import dev.glassbox.api.Api.LogLine;
import dev.glassbox.api.Api.WaitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunFlowTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private FakeApi api;
    private Cli cli;

    @BeforeEach
    void setUp() {
        api = new FakeApi();
        cli = new Cli(api, () -> 0L);
    }

    private Result docker(String line) {
        return cli.execute(CommandLine.split(line).get(0).words(), Progress.NONE);
    }

    @Test
    void runPullsOnNoSuchImageThenCreatesAgain() {
        List<String> progress = new ArrayList<>();
        Result r = cli.execute(List.of("run", "--rm", "busybox", "echo", "hello"),
                (id, status, cur, total) -> progress.add(id + " " + status));
        assertEquals(List.of("create  busybox", "pull docker.io/library/busybox:latest", "create  busybox",
                "attach " + FakeApi.ID, "start " + FakeApi.ID, "await " + FakeApi.ID + " removed", "drain", "close"), api.calls);
        assertEquals("""
                Unable to find image 'busybox:latest' locally
                latest: Pulling from library/busybox
                a2318d6c47ec: Pull complete
                7b4c1f0e2d3a: Already exists
                Digest: %s
                Status: Downloaded newer image for busybox:latest
                """.formatted(DIGEST), r.err());
        assertEquals("hello\n", r.out());
        assertEquals(0, r.exitStatus());
        assertEquals(List.of("a2318d6c47ec Pull complete"), progress);
    }

    @Test
    void detachedRunPrintsTheFullId() {
        api.images.add("nginx:latest");
        Result r = docker("run -d -p 8080:80 --name web nginx");
        assertEquals(FakeApi.ID + "\n", r.out());
        assertEquals("", r.err());
        assertEquals(List.of("create web nginx", "start " + FakeApi.ID), api.calls);
    }

    @Test
    void createPrintsTheIdWithoutStarting() {
        api.images.add("nginx:latest");
        Result r = docker("create --name web nginx");
        assertEquals(FakeApi.ID + "\n", r.out());
        assertEquals(List.of("create web nginx"), api.calls);
    }

    @Test
    void exitCodeAndStreamsPropagate() {
        api.images.add("busybox:latest");
        api.exitCode = 3;
        api.output = List.of(new LogLine(1, 0, "out1\n"), new LogLine(2, 0, "oops\n"), new LogLine(1, 0, "out2\n"));
        Result r = docker("run busybox sh -c 'exit 3'");
        assertEquals("out1\nout2\n", r.out());
        assertEquals("oops\n", r.err());
        assertEquals(3, r.exitStatus());
        assertTrue(api.calls.contains("await " + FakeApi.ID + " not-running"));
    }

    @Test
    void stillRunningContainerDetaches() {
        api.images.add("nginx:latest");
        api.exitCode = -1;
        api.inspectContainerResult = Map.of("Name", "/quirky_pike");
        Result r = docker("run nginx");
        assertEquals("hello\n", r.out());
        assertEquals("glassbox: quirky_pike is still running; detached (as Ctrl-P Ctrl-Q would)\n", r.err());
        assertEquals(0, r.exitStatus());
        Result named = docker("run --name web nginx");
        assertEquals("glassbox: web is still running; detached (as Ctrl-P Ctrl-Q would)\n", named.err());
    }

    @Test
    void startFailuresMapTo127And126() {
        api.images.add("busybox:latest");
        api.startError = "failed to create task for container: failed to create shim task: OCI runtime create failed: "
                + "runc create failed: unable to start container process: exec: \"foo\": executable file not found in $PATH: unknown";
        Result r = docker("run busybox foo");
        assertEquals("docker: Error response from daemon: " + api.startError + "\n\nRun 'docker run --help' for more information\n", r.err());
        assertEquals(127, r.exitStatus());
        api.startError = "failed to create task: exec: \"/etc/passwd\": permission denied: unknown";
        assertEquals(126, docker("run -d busybox /etc/passwd").exitStatus());
        api.startError = "driver failed programming external connectivity: port is already allocated";
        assertEquals(125, docker("run busybox").exitStatus());
    }

    @Test
    void pullFailureInsideRunIsExit125() {
        Result r = docker("run nosuch");
        assertEquals("Unable to find image 'nosuch:latest' locally\n"
                + "docker: Error response from daemon: pull access denied for nosuch, repository does not exist or may require "
                + "'docker login'\n\nRun 'docker run --help' for more information\n", r.err());
        assertEquals(125, r.exitStatus());
    }

    @Test
    void pullNeverAndAlways() {
        Result never = docker("run --pull never busybox");
        assertEquals("docker: Error response from daemon: No such image: busybox:latest\n\nRun 'docker run --help' for more information\n", never.err());
        assertEquals(125, never.exitStatus());
        api.calls.clear();
        docker("run -d --pull always busybox");
        assertEquals("pull docker.io/library/busybox:latest", api.calls.get(0));
    }

    @Test
    void pullCommandShowsTheWholeStory() {
        Result r = docker("pull nginx");
        assertEquals("""
                Using default tag: latest
                latest: Pulling from library/nginx
                a2318d6c47ec: Pull complete
                7b4c1f0e2d3a: Already exists
                Digest: %s
                Status: Downloaded newer image for nginx:latest
                docker.io/library/nginx:latest
                """.formatted(DIGEST), r.out());
        Result again = docker("image pull nginx:latest");
        assertEquals("""
                latest: Pulling from library/nginx
                Digest: %s
                Status: Image is up to date for nginx:latest
                docker.io/library/nginx:latest
                """.formatted(DIGEST), again.out());
        assertEquals("docker.io/library/nginx:latest\n", docker("pull -q nginx").out());
        Result missing = docker("pull nosuch");
        assertEquals(1, missing.exitStatus());
        assertTrue(missing.err().startsWith("Error response from daemon: pull access denied for nosuch"));
    }

    @Test
    void multiContainerCommandsReportEach() {
        api.containers.put("a", "running");
        api.containers.put("b", "exited");
        Result r = docker("stop a ghost b");
        assertEquals("a\nb\n", r.out());
        assertEquals("Error response from daemon: No such container: ghost\n", r.err());
        assertEquals(1, r.exitStatus());
        assertEquals(0, docker("stop a b").exitStatus());
        Result start = docker("start a ghost");
        assertEquals("a\n", start.out());
        assertEquals("Error response from daemon: No such container: ghost\nError: failed to start containers: ghost\n", start.err());
        api.containers.put("c", "running");
        Result rm = docker("rm c");
        assertEquals(1, rm.exitStatus());
        assertTrue(rm.err().startsWith("Error response from daemon: cannot remove container \"/c\": container is running"));
        assertEquals("c\n", docker("rm -f c").out());
    }

    @Test
    void startAttachWaitsAndExitsWithTheStatus() {
        api.containers.put("job", "exited");
        api.exitCode = 2;
        api.inspectContainerResult = Map.of("Id", "job", "Config", Map.of("Tty", false), "HostConfig", Map.of("AutoRemove", false));
        Result r = docker("start -a job");
        assertEquals("hello\n", r.out());
        assertEquals(2, r.exitStatus());
        assertEquals(List.of("inspectContainer job", "attach job", "start job", "await job not-running", "drain", "close"), api.calls);
    }

    @Test
    void waitLogsExecAndRmi() {
        api.containers.put("web", "running");
        api.exitCode = 0;
        assertEquals("0\n", docker("wait web").out());
        api.output = List.of(new LogLine(1, 1_700_000_000_123L, "line one\nline two\n"), new LogLine(2, 0, "warn\n"));
        Result logs = docker("logs -t -n 5 web");
        assertEquals("2023-11-14T22:13:20.123000000Z line one\n2023-11-14T22:13:20.123000000Z line two\n", logs.out());
        assertEquals("1970-01-01T00:00:00.000000000Z warn\n", logs.err());
        assertTrue(api.calls.contains("logs web 5 true"));
        api.exitCode = 7;
        Result exec = docker("exec -e A=1 web sh -c 'exit 7'");
        assertEquals(7, exec.exitStatus());
        assertTrue(api.calls.contains("execCreate web [sh, -c, exit 7]"));
        api.calls.clear();
        Result detached = docker("exec -d web sleep 1");
        assertEquals("", detached.out());
        assertEquals(0, detached.exitStatus());
        assertTrue(api.calls.contains("execStartDetached exec1"), api.calls.toString());
        assertFalse(api.calls.contains("execStart exec1"), "exec -d does not wait for the command: " + api.calls);
        api.images.add("nginx:latest");
        Result rmi = docker("rmi nginx:latest ghost");
        assertEquals("Untagged: nginx:latest\nDeleted: sha256:" + "cd".repeat(32) + "\n", rmi.out());
        assertEquals("Error response from daemon: No such image: ghost\n", rmi.err());
        assertEquals(1, rmi.exitStatus());
    }

    @Test
    void daemonErrorsForSingleCommandsAreExitOne() {
        Result r = docker("logs ghost");
        assertEquals("Error response from daemon: No such container: ghost\n", r.err());
        assertEquals(1, r.exitStatus());
        Result w = docker("wait ghost");
        assertEquals(1, w.exitStatus());
    }

    @Test
    void waitOnAContainerThatNeverEnds() {
        api.containers.put("web", "running");
        api.exitCode = -1;
        Result r = docker("wait web");
        assertEquals(1, r.exitStatus());
        assertTrue(r.err().startsWith("glassbox: web is still running"));
        assertEquals(new WaitResult(-1, ""), api.await("web", "not-running"));
    }
}
