package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Progress;
import dev.glassbox.Result;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.HostConfig;
import dev.glassbox.api.PortBinding;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CliParseTest {
    private FakeApi api;
    private Cli cli;

    @BeforeEach
    void setUp() {
        api = new FakeApi();
        api.images.add("nginx:latest");
        api.images.add("busybox:latest");
        cli = new Cli(api, () -> 1_700_000_000_000L);
    }

    private Result docker(String line) {
        return cli.execute(CommandLine.split(line).get(0).words(), Progress.NONE);
    }

    private ContainerConfig created(String line) {
        Result r = docker(line);
        assertEquals(0, r.exitStatus(), r.err());
        return api.lastConfig;
    }

    /** Command lines with the first line of their error and the exit status. */
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("run --foo x", "unknown flag: --foo", 125),
                Arguments.of("run -z x", "unknown shorthand flag: 'z' in -z", 125),
                Arguments.of("run -dz x", "unknown shorthand flag: 'z' in -z", 125),
                Arguments.of("ps -az", "unknown shorthand flag: 'z' in -z", 125),
                Arguments.of("run -m abc x", "invalid argument \"abc\" for \"-m, --memory\" flag: invalid size: 'abc'", 125),
                Arguments.of("run --memory=1x x", "invalid argument \"1x\" for \"-m, --memory\" flag: invalid suffix: 'x'", 125),
                Arguments.of("run --cpus abc x", "invalid argument \"abc\" for \"--cpus\" flag: failed to parse abc as a rational number", 125),
                Arguments.of("run --pids-limit x x", "invalid argument \"x\" for \"--pids-limit\" flag: strconv.ParseInt: parsing \"x\": invalid syntax", 125),
                Arguments.of("run --detach=foo x", "invalid argument \"foo\" for \"-d, --detach\" flag: strconv.ParseBool: parsing \"foo\": invalid syntax", 125),
                Arguments.of("run -e =x x", "invalid argument \"=x\" for \"-e, --env\" flag: invalid environment variable: =x", 125),
                Arguments.of("run -l =x x", "invalid argument \"=x\" for \"-l, --label\" flag: invalid label '=x': empty name", 125),
                Arguments.of("run -a foo x", "invalid argument \"foo\" for \"-a, --attach\" flag: valid streams are STDIN, STDOUT and STDERR", 125),
                Arguments.of("stop -t x a", "invalid argument \"x\" for \"-t, --timeout\" flag: strconv.ParseInt: parsing \"x\": invalid syntax", 125),
                Arguments.of("run --name", "flag needs an argument: --name", 125),
                Arguments.of("run -e", "flag needs an argument: 'e' in -e", 125),
                Arguments.of("run -h", "flag needs an argument: 'h' in -h", 125),
                Arguments.of("run ---x img", "bad flag syntax: ---x", 125),
                Arguments.of("stop", "docker: 'docker stop' requires at least 1 argument", 1),
                Arguments.of("run", "docker: 'docker run' requires at least 1 argument", 1),
                Arguments.of("run -d", "docker: 'docker run' requires at least 1 argument", 1),
                Arguments.of("exec web", "docker: 'docker exec' requires at least 2 arguments", 1),
                Arguments.of("logs a b", "docker: 'docker logs' requires 1 argument", 1),
                Arguments.of("tag a", "docker: 'docker tag' requires 2 arguments", 1),
                Arguments.of("ps extra", "docker: 'docker ps' accepts no arguments", 1),
                Arguments.of("container ls extra", "docker: 'docker container ls' accepts no arguments", 1),
                Arguments.of("images a b", "docker: 'docker images' requires at most 1 argument", 1),
                Arguments.of("image ls a b", "docker: 'docker image ls' requires at most 1 argument", 1),
                Arguments.of("frob", "docker: unknown command: docker frob", 1),
                Arguments.of("container frob", "docker: unknown command: docker container frob", 1),
                Arguments.of("--foo", "unknown flag: --foo", 125),
                Arguments.of("buildx ls", "glassbox: 'docker buildx' is not supported yet", 1),
                Arguments.of("buildx ls", "glassbox: 'docker buildx' is not supported yet", 1),
                Arguments.of("container cp web a", "must specify at least one container source", 1),
                Arguments.of("run -p abc x", "docker: invalid containerPort: abc", 125),
                Arguments.of("run -p abc:80 x", "docker: invalid hostPort: abc", 125),
                Arguments.of("run -p 70000:80 x", "docker: invalid hostPort: 70000", 125),
                Arguments.of("run -p 80:70000 x", "docker: invalid containerPort: 70000", 125),
                Arguments.of("run -p 80-79:80 x", "docker: invalid hostPort: 80-79", 125),
                Arguments.of("run -p 1.2.3:80:80 x", "docker: invalid IP address: 1.2.3", 125),
                Arguments.of("run -p 0.0.0.0:8080:80:90 x", "docker: invalid IP address: 0.0.0.0:8080", 125),
                Arguments.of("run -p 8080:80/xyz x", "docker: invalid proto: xyz", 125),
                Arguments.of("run -p 80: x", "docker: no port specified: 80:<empty>", 125),
                Arguments.of("run -p 80-81:90-95 x", "docker: invalid ranges specified for container and host Ports: 90-95 and 80-81", 125),
                Arguments.of("run --expose abc x", "docker: invalid range format for --expose: abc, error: strconv.ParseUint: parsing \"abc\": invalid syntax", 125),
                Arguments.of("run --rm --restart always x", "docker: conflicting options: cannot specify both --restart and --rm", 125),
                Arguments.of("run -d -a stdout x", "conflicting options: cannot specify both --attach and --detach", 1),
                Arguments.of("run --pull foo x", "docker: invalid pull option: 'foo': must be one of \"always\", \"missing\" or \"never\"", 125),
                Arguments.of("run -- -d", "docker: invalid reference format", 125),
                Arguments.of("run UPPER", "docker: invalid reference format: repository name (library/UPPER) must be lowercase", 125),
                Arguments.of("pull UPPER", "invalid reference format: repository name (library/UPPER) must be lowercase", 1),
                Arguments.of("run --network= x", "docker: no name set for network", 125),
                Arguments.of("start -a a b", "you cannot start and attach multiple containers at once", 1),
                Arguments.of("inspect --type foo x", "unknown type: \"foo\": must be one of \"config\", \"container\", \"image\", "
                        + "\"network\", \"node\", \"plugin\", \"secret\", \"service\", \"task\", \"volume\"", 1),
                Arguments.of("inspect -f {{foo}} x", "template parsing error: template: :1: function \"foo\" not defined", 64),
                Arguments.of("inspect -f {{.Foo x", "template parsing error: template: :1: unclosed action", 64),
                Arguments.of("ps --format {{foo}}", "failed to parse template: template: :1: function \"foo\" not defined", 1),
                Arguments.of("run --restart foo x", "docker: Error response from daemon: invalid restart policy: unknown policy 'foo'; use one of 'no', "
                        + "'always', 'on-failure', or 'unless-stopped'", 125),
                Arguments.of("run -m 1k nginx", "docker: Error response from daemon: Minimum memory limit allowed is 6MB", 125));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errorsUseDockersWordsAndStatus(String line, String message, int status) {
        Result r = docker(line);
        assertEquals(message, r.err().lines().findFirst().orElse("")); // the rest: ClientErrorsMatchDockerCliTest
        assertEquals("", r.out());
        assertEquals(status, r.exitStatus());
    }

    @Test
    void usageErrorsEndAsTheDockerCliEndsThem() {
        assertEquals("""
                unknown flag: --foo

                Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]

                Run 'docker run --help' for more information
                """, docker("run --foo x").err());
        assertEquals("""
                docker: 'docker logs' requires 1 argument

                Usage:  docker logs [OPTIONS] CONTAINER

                Run 'docker logs --help' for more information
                """, docker("logs a b").err());
        assertTrue(docker("stop").err().endsWith("\n\nSee 'docker stop --help' for more information\n"));
        assertEquals("""
                docker: invalid hostPort: abc

                Run 'docker create --help' for more information
                """, docker("create -p abc:80 x").err());
        assertEquals("""
                unknown shorthand flag: 'x' in -x

                Usage:  docker network

                Run 'docker network --help' for more information
                """, docker("network -x").err());
        assertEquals("docker: Error response from daemon: invalid restart policy: unknown policy 'foo'; use one of 'no', "
                + "'always', 'on-failure', or 'unless-stopped'\n\nRun 'docker run --help' for more information\n",
                docker("run --restart foo x").err());
    }

    @Test
    void errorsNeverReachTheDaemon() {
        docker("run -p abc nginx");
        docker("run --foo nginx");
        assertEquals(List.of(), api.calls);
    }

    @Test
    void runFlagsBecomeTheCreateRequest() {
        ContainerConfig c = created("run -d --name web -p 8080:80 -p 127.0.0.1::443/udp -e A=1 -e ONLY_KEY -l tier=front "
                + "-l solo -h box -w /srv -u 1000:1000 --stop-signal SIGQUIT --stop-timeout 5 --restart on-failure:3 "
                + "--network backend -m 64m --pids-limit 100 --cpus 1.5 -v /data:/data:ro --privileged nginx nginx -g daemon");
        assertEquals("web", api.lastCreateName);
        assertEquals("nginx", c.image());
        assertEquals(List.of("nginx", "-g", "daemon"), c.cmd());
        assertNull(c.entrypoint());
        assertEquals(List.of("A=1"), c.env());
        assertEquals(Map.of("tier", "front", "solo", ""), c.labels());
        assertEquals("box", c.hostname());
        assertEquals("/srv", c.workingDir());
        assertEquals("1000:1000", c.user());
        assertEquals("SIGQUIT", c.stopSignal());
        assertEquals(5, c.stopTimeout());
        assertEquals(List.of("80/tcp", "443/udp"), c.exposedPorts());
        HostConfig h = api.lastHost;
        assertEquals(List.of(new PortBinding("", 8080, 80, "tcp"), new PortBinding("127.0.0.1", 0, 443, "udp")), h.portBindings());
        assertEquals("on-failure", h.restartPolicy().name());
        assertEquals(3, h.restartPolicy().maximumRetryCount());
        assertEquals("backend", h.networkMode());
        assertEquals(64L * 1024 * 1024, h.memory());
        assertEquals(100, h.pidsLimit());
        assertEquals(1_500_000_000L, h.nanoCpus());
        assertEquals(List.of("/data:/data:ro"), h.binds());
        assertTrue(h.privileged());
    }

    @Test
    void combinedShortFlagsAndAttachedValues() {
        ContainerConfig c = created("run -dit -p8080:80 -eA=1 --name=web -t=false busybox");
        assertTrue(c.openStdin());
        assertEquals(false, c.tty());
        assertEquals(List.of("A=1"), c.env());
        assertEquals("web", api.lastCreateName);
        assertNull(c.cmd());
        assertEquals(8080, api.lastHost.portBindings().get(0).hostPort());
    }

    @Test
    void optionsStopAtTheImageSoTheCommandKeepsItsFlags() {
        ContainerConfig c = created("run -d busybox ls -l --color -d");
        assertEquals(List.of("ls", "-l", "--color", "-d"), c.cmd());
        ContainerConfig d = created("run -d -- busybox -x");
        assertEquals(List.of("-x"), d.cmd());
    }

    @Test
    void entrypointEmptyStringResetsIt() {
        assertEquals(List.of(), created("run -d --entrypoint \"\" busybox").entrypoint());
        assertEquals(List.of("/bin/sh"), created("run -d --entrypoint /bin/sh busybox").entrypoint());
    }

    @Test
    void publishFormsAndRanges() {
        created("run -d -p 80 -p 8080-8081:90-91 -p [::1]:53:53/udp --expose 7000-7001 nginx");
        assertEquals(List.of(new PortBinding("", 0, 80, "tcp"), new PortBinding("", 8080, 90, "tcp"),
                new PortBinding("", 8081, 91, "tcp"), new PortBinding("::1", 53, 53, "udp")), api.lastHost.portBindings());
        assertEquals(List.of("80/tcp", "90/tcp", "91/tcp", "53/udp", "7000/tcp", "7001/tcp"), api.lastConfig.exposedPorts());
    }

    @Test
    void netIsAnAliasOfNetworkAndPidsMinusOneMeansUnlimited() {
        created("run -d --net host --pids-limit -1 --rm nginx");
        assertEquals("host", api.lastHost.networkMode());
        assertEquals(0, api.lastHost.pidsLimit());
        assertTrue(api.lastHost.autoRemove());
    }

    @Test
    void interspersedFlagsAfterArgumentsForStop() {
        api.containers.put("web", "running");
        Result r = docker("stop web -t 3 --signal KILL");
        assertEquals("web\n", r.out());
        assertEquals("stop web 3 KILL", api.calls.get(0));
        docker("container stop --time 7 web");
        assertEquals("stop web 7 null", api.calls.get(1));
    }

    @Test
    void helpPrintsUsageAndOptionsExitZero() {
        Result r = docker("stop --help");
        assertEquals(0, r.exitStatus());
        assertEquals("Usage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nStop one or more running containers\n\n"
                + "Aliases:\n  docker container stop, docker stop\n\nOptions:\n"
                + "  -s, --signal string   Signal to send to the container\n"
                + "  -t, --timeout int     Seconds to wait before killing the container\n", r.out());
        assertEquals(r.out(), docker("stop -h").out());
        assertTrue(docker("run --help").out().contains("  -h, --hostname string                  Container host name\n"));
        assertTrue(docker("container ls --help").out().startsWith("Usage:  docker container ls [OPTIONS]\n"));
        assertTrue(docker("tag --help").out().endsWith("Aliases:\n  docker image tag, docker tag\n"));
    }

    @Test
    void psHelpIsDockersWrappedTable() {
        String expected = """
                Usage:  docker ps [OPTIONS]

                List containers

                Aliases:
                  docker container ls, docker container list, docker container ps, docker ps

                Options:
                  -a, --all             Show all containers (default shows just running)
                  -f, --filter filter   Filter output based on conditions provided
                      --format string   Format output using a custom template:
                                        'table':            Print output in table format
                                        with column headers (default)
                                        'table TEMPLATE':   Print output in table format
                                        using the given Go template
                                        'json':             Print in JSON format
                                        'TEMPLATE':         Print output using the given
                                        Go template.
                                        Refer to https://docs.docker.com/go/formatting/
                                        for more information about formatting output with
                                        templates
                  -n, --last int        Show n last created containers (includes all
                                        states) (default -1)
                  -l, --latest          Show the latest created container (includes all
                                        states)
                      --no-trunc        Don't truncate output
                  -q, --quiet           Only display container IDs
                  -s, --size            Display total file sizes
                """;
        assertEquals(expected, docker("ps --help").out());
    }

    @Test
    void helpWinsOverMissingArgumentsButNotOverBadFlags() {
        assertEquals(0, docker("logs --help").exitStatus());
        assertEquals(125, docker("run --foo --help").exitStatus());
        assertEquals(1, docker("stop --help=false").exitStatus());
    }

    @Test
    void topLevelHelpVersionAndGroups() {
        assertTrue(cli.execute(List.of(), null).out().startsWith("Usage:  docker [OPTIONS] COMMAND\n"));
        assertEquals("Docker version 28.2.2, build e6534b4\n", docker("--version").out());
        Result group = docker("container");
        assertEquals(0, group.exitStatus());
        assertTrue(group.err().contains("  ls          List containers\n"), "a group named alone: its help on stderr, as cobra's ShowHelp");
        assertTrue(docker("image --help").out().contains("  pull        Download an image from a registry\n"));
    }

    @Test
    void completionLists() {
        List<String> commands = Cli.commands();
        assertTrue(commands.containsAll(List.of("run", "ps", "container", "image", "build", "compose", "buildx", "volume")));
        List<String> runFlags = Cli.flags("run");
        assertTrue(runFlags.containsAll(List.of("--detach", "-d", "--publish", "-p", "--hostname", "-h", "--rm", "--help")));
        assertTrue(!runFlags.contains("--net"));
        assertEquals(Cli.flags("ps"), Cli.flags("container ls"));
        assertEquals(List.of(), Cli.flags("buildx"));
        assertTrue(Cli.takesContainer("stop") && Cli.takesContainer("container logs") && !Cli.takesContainer("pull"));
        assertTrue(Cli.takesImage("run") && Cli.takesImage("image rm") && !Cli.takesImage("stop"));
    }
}
