package dev.glassbox;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated command lines for fuzzing the client's parser and the engine: real commands with flags and values drawn
 * from what trips parsers (quotes, unicode, huge and negative numbers, bad port specs, 10,000-character arguments).
 * Programs in containers are ones that end by themselves, so a line never waits on purpose.
 */
public final class FuzzLines {
    private static final String[] COMMANDS = {"run", "run -d", "run --rm", "create", "ps", "ps -a", "images", "inspect", "rm", "rm -f",
        "rmi", "pull", "tag", "logs", "stop", "start", "kill", "exec", "port", "top", "stats --no-stream", "network create",
        "network rm", "network inspect", "network connect", "volume create", "volume rm", "volume inspect", "cp", "diff", "history",
        "commit", "rename", "update", "pause", "unpause", "wait", "system df", "info", "version", "search", "events --until 0",
        "compose ps", "service ls", "node ls", "swarm leave", "image prune -f", "container prune -f", "save -o x.tar", "load -i x.tar"};
    private static final String[] FLAGS = {"-p", "--publish", "--name", "-e", "--env", "-v", "--volume", "--memory", "-m", "--cpus",
        "--network", "--restart", "-d", "--rm", "-w", "--user", "-u", "--hostname", "--label", "-l", "--mount", "--tmpfs", "--ip",
        "--cap-add", "--pids-limit", "--health-cmd", "--entrypoint", "-f", "--format", "--filter", "-t", "--time", "-s", "--signal",
        "--subnet", "--driver", "-o", "--attachable", "--detach-keys", "--log-driver", "--ulimit", "--shm-size", "--add-host", "--dns", "-a"};
    private static final String[] VALUES = {"8080:80", "80", "-1:80", "65536:80", "0:0", "abc:def", "127.0.0.1:8080:80/udp", "::80",
        "1:2:3:4", "99999999999999999999", "-5", "0", "1e9", "0x10", "1.5", "NaN", "\"\"", "''", "\"unclosed", "'unclosed", "a\"b'c",
        "ünïcödé", "日本語", "😀", "\\\\", "$(true)", "`x`", "${HOME}", "a=b", "=", "a==b", "/", "//", "../..", "/etc/passwd:/x:ro",
        "type=bind,source=/,target=/x", "type=nosuch", "{{.ID}}", "{{", "{{json .}}", "{{.Nope}}", "name=x", "none", "host", "bridge",
        "container:nosuch", "no", "always", "on-failure:-3", "unless-stopped", "256m", "-1m", "10Q", "busybox", "nginx", "BUSYBOX",
        "a/b/c:tag", "busybox@sha256:00", "busybox:", ":latest", "nosuch/image", "web", "db", "x", "--", "-", "-x", "--nosuch"};
    private static final String[] PROGRAMS = {"true", "echo hi", "ls /", "cat /etc/hostname", "false", "nosuchcmd", "sh -c 'exit 3'",
        "id -u", "env", "hostname"};

    private FuzzLines() {}

    /** {@code n} lines from the seed. */
    public static List<String> of(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(line(r));
        }
        return out;
    }

    static String line(SplittableRandom r) {
        StringBuilder b = new StringBuilder(r.nextInt(10) == 0 ? "" : "docker ");
        String cmd = COMMANDS[r.nextInt(COMMANDS.length)];
        b.append(cmd);
        int args = r.nextInt(6);
        for (int i = 0; i < args; i++) {
            b.append(' ');
            int k = r.nextInt(10);
            if (k < 4) {
                b.append(FLAGS[r.nextInt(FLAGS.length)]).append(r.nextBoolean() ? " " : "=").append(value(r));
            } else if (k < 8) {
                b.append(value(r));
            } else {
                b.append(FLAGS[r.nextInt(FLAGS.length)]);
            }
        }
        if (cmd.startsWith("run") || cmd.equals("create") || cmd.equals("exec")) {
            b.append(' ').append(r.nextBoolean() ? "busybox" : value(r));
            if (r.nextBoolean()) {
                b.append(' ').append(PROGRAMS[r.nextInt(PROGRAMS.length)]);
            }
        }
        return b.toString();
    }

    private static String value(SplittableRandom r) {
        int k = r.nextInt(40);
        if (k == 0) {
            return "x".repeat(10_000);
        }
        if (k == 1) {
            return Long.toString(r.nextLong());
        }
        return VALUES[r.nextInt(VALUES.length)];
    }
}
