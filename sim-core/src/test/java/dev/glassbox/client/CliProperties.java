package dev.glassbox.client;

import dev.glassbox.Progress;
import dev.glassbox.Result;
import dev.glassbox.api.Api;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import dev.glassbox.api.HostConfig;
import dev.glassbox.api.UsageException;
import dev.glassbox.kernel.ProcessInfo;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The CLI never throws, whatever it is given and however the daemon fails. */
class CliProperties {
    private static final Set<Integer> STATUSES = Set.of(0, 1, 2, 125, 126, 127, 64);

    @Property(tries = 500)
    boolean executeNeverThrowsOnTokenMixes(@ForAll("tokens") List<String> args, @ForAll long seed) {
        Result r = new Cli(new FlakyApi(seed), () -> 1_700_000_000_000L).execute(args, Progress.NONE);
        return STATUSES.contains(r.exitStatus()) && !r.err().contains("internal error");
    }

    @Property(tries = 300)
    boolean executeNeverThrowsOnArbitraryStrings(@ForAll List<String> args, @ForAll long seed) {
        Result r = new Cli(new FlakyApi(seed), () -> 0L).execute(args, null);
        return STATUSES.contains(r.exitStatus()) && !r.err().contains("internal error");
    }

    @Property(tries = 500)
    boolean splitThrowsOnlyUsageExceptions(@ForAll("lines") String line) {
        try {
            List<CommandLine.Segment> segments = CommandLine.split(line);
            return segments.stream().noneMatch(s -> s.words().isEmpty());
        } catch (UsageException e) {
            return e.exitStatus() == 2 && !e.getMessage().contains("\n");
        }
    }

    @Property(tries = 200)
    boolean quotedWordsSurviveSplitting(@ForAll("plainWords") List<String> words) {
        StringBuilder line = new StringBuilder("docker");
        for (String w : words) {
            line.append(" '").append(w).append('\'');
        }
        List<CommandLine.Segment> s = CommandLine.split(line.toString());
        return s.size() == 1 && s.get(0).words().subList(1, s.get(0).words().size()).equals(words);
    }

    @Provide
    Arbitrary<List<String>> tokens() {
        Arbitrary<String> known = Arbitraries.of("run", "create", "start", "stop", "kill", "restart", "rm", "logs", "inspect",
                "exec", "wait", "pause", "unpause", "top", "stats", "ps", "images", "pull", "rmi", "tag", "history",
                "version", "info", "container", "image", "ls", "build", "help", "-d", "-it", "-dit", "-p", "8080:80",
                "127.0.0.1::80", "abc:80", "-e", "A=1", "=x", "--name", "web", "--rm", "-m", "64m", "abc", "--cpus", "1.5",
                "--restart", "always", "on-failure:x", "-f", "{{.Id}}", "{{json .}}", "{{range .A}}", "{{index . \"x\"}}",
                "--format", "table {{.ID}}", "json", "-a", "-q", "--no-trunc", "-n", "-1", "-t", "5", "-s", "KILL", "--",
                "-h", "--help", "nginx", "busybox", "UPPER", "nginx:1.27", "sh", "-c", "echo hi", "--type", "image",
                "--entrypoint", "", "-v", "/a:/b", "--network", "host", "--pull", "never", "--expose", "80-81", "-l",
                "k=v", "-H=false", "--pids-limit", "9999999999999999999999", "-u", "0", "-w", "/", "--stop-timeout");
        Arbitrary<String> random = Arbitraries.strings().ofMaxLength(12);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, known), net.jqwik.api.Tuple.of(1, random))
                .list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> pieces = Arbitraries.of("docker", " ", "'", "\"", "\\", "&&", "||", ";", "&", "|", "#", "a b",
                "$HOME", "\n", "run", "-d", "\\\"", ">", "<", "''", "\"\"");
        return Arbitraries.oneOf(pieces.list().ofMaxSize(12).map(l -> String.join("", l)), Arbitraries.strings().ofMaxLength(30));
    }

    @Provide
    Arbitrary<List<String>> plainWords() {
        return Arbitraries.strings().withCharRange(' ', '~').excludeChars('\'').ofMinLength(0).ofMaxLength(8).list().ofMaxSize(5);
    }

    /** A daemon that answers with made-up data or fails at random with one of the API's errors. */
    static final class FlakyApi implements Api {
        private final Random random;

        FlakyApi(long seed) {
            random = new Random(seed);
        }

        private void maybeFail() {
            if (random.nextInt(3) == 0) {
                ErrorKind[] kinds = ErrorKind.values();
                String[] messages = {"No such image: nginx:latest", "No such container: web", "conflict",
                        "exec: \"foo\": executable file not found in $PATH", "permission denied", "boom"};
                throw new DockerException(kinds[random.nextInt(kinds.length)], messages[random.nextInt(messages.length)]);
            }
        }

        private int code() {
            int[] codes = {0, 1, 2, 125, 126, 127, -1};
            return codes[random.nextInt(codes.length)];
        }

        @Override
        public VersionInfo version() {
            maybeFail();
            return new VersionInfo("1", "1.50", "1.24", "linux", "amd64", "6", "go", "c", "b", "sim");
        }

        @Override
        public SystemInfo info() {
            maybeFail();
            return new SystemInfo("id", 1, 1, 0, 0, 1, "1", "overlay2", "os", "linux", "x86_64", "6", 1, 1L << 30, "n", "/", "2",
                    "cgroupfs", "sim", java.util.List.of(), null);
        }

        @Override
        public PullResult pull(String image, Progress progress) {
            maybeFail();
            return new PullResult(image, "latest", "sha256:" + "0".repeat(64), random.nextBoolean(),
                    List.of(new LayerStatus("abc", "Pull complete", 1)));
        }

        @Override
        public PushResult push(String image, Progress progress) {
            maybeFail();
            return new PushResult(image, "latest", List.of(new LayerStatus("abc", "Pushed", 1)), "sha256:" + "0".repeat(64), 1, "");
        }

        @Override
        public List<ImageSummary> images(boolean all) {
            maybeFail();
            return List.of(new ImageSummary("sha256:" + "1".repeat(64), List.of("nginx:latest"), List.of(), 0, 1000, 0),
                    new ImageSummary("sha256:" + "2".repeat(64), null, null, 0, 0, 0));
        }

        @Override
        public Map<String, Object> inspectImage(String name) {
            maybeFail();
            return Map.of("Id", name, "Config", Map.of("Env", List.of("A=1")));
        }

        @Override
        public List<HistoryItem> history(String name) {
            maybeFail();
            return List.of(new HistoryItem("sha256:" + "1".repeat(64), 0, "CMD x", 0, ""), new HistoryItem(null, 0, null, 5, null));
        }

        @Override
        public void tag(String source, String target) {
            maybeFail();
        }

        @Override
        public List<Map<String, String>> removeImage(String name, boolean force) {
            maybeFail();
            return List.of(Map.of("Untagged", name));
        }

        @Override
        public CreateResult create(String name, ContainerConfig config, HostConfig hostConfig) {
            maybeFail();
            return new CreateResult("f".repeat(64), random.nextBoolean() ? List.of("careful") : null);
        }

        @Override
        public void start(String id) {
            maybeFail();
        }

        @Override
        public void stop(String id, Integer timeoutSeconds, String signal) {
            maybeFail();
        }

        @Override
        public void kill(String id, String signal) {
            maybeFail();
        }

        @Override
        public void restart(String id, Integer timeoutSeconds) {
            maybeFail();
        }

        @Override
        public void remove(String id, boolean force, boolean volumes) {
            maybeFail();
        }

        @Override
        public void pause(String id) {
            maybeFail();
        }

        @Override
        public void unpause(String id) {
            maybeFail();
        }

        @Override
        public List<ContainerSummary> containers(boolean all) {
            maybeFail();
            return List.of(new ContainerSummary("f".repeat(64), List.of("/web"), "nginx", "sha256:1", "nginx -g", 0, "running",
                    "Up", List.of(new PortView("0.0.0.0", 80, 8080, "tcp"), new PortView(null, 81, null, null)), null));
        }

        @Override
        public Map<String, Object> inspectContainer(String id) {
            maybeFail();
            return Map.of("Id", id, "State", Map.of("Status", "running"), "Name", "/web");
        }

        @Override
        public List<LogLine> logs(String id, boolean stdout, boolean stderr, String tail, boolean timestamps) {
            maybeFail();
            return List.of(new LogLine(1, 0, "x\n"), new LogLine(2, 0, null));
        }

        @Override
        public WaitResult await(String id, String condition) {
            maybeFail();
            return new WaitResult(code(), "");
        }

        @Override
        public Attachment attach(String id) {
            maybeFail();
            return new Attachment() {
                @Override
                public List<LogLine> drain() {
                    return List.of(new LogLine(1, 0, "hi\n"));
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public List<ProcessInfo> top(String id) {
            maybeFail();
            return List.of(new ProcessInfo(1, 0, List.of(), 0, "S", null, "", 0, 0));
        }

        @Override
        public Stats stats(String id) {
            maybeFail();
            return new Stats(null, null, 1, 0, 1, 0, Double.NaN);
        }

        @Override
        public String execCreate(String id, ExecConfig config) {
            maybeFail();
            return "e1";
        }

        @Override
        public ExecResult execStart(String execId) {
            maybeFail();
            int c = code();
            return new ExecResult(List.of(new LogLine(1, 0, "ok\n")), c < 0 ? 0 : c);
        }

        @Override
        public void execStartDetached(String execId) {
            maybeFail();
        }

        @Override
        public ExecInspect execInspect(String execId) {
            maybeFail();
            return new ExecInspect(execId, "c", false, 0, 1);
        }
    }
}
