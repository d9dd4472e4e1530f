package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.daemon.DaemonOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The same scripts on the sim kernel and on the host's Linux kernel give the same output once ids,
 * times and addresses are masked. Each script (src/test/resources/differential) is a list of
 * command lines; its {@code #> text} lines name what the output must contain, so a script passes
 * only when both kernels do the right thing, not merely the same thing. Without root or the host
 * features the Linux half is skipped, with the reason printed, and the sim half still checks its
 * expectations. A {@code #! userns-remap default} line starts both daemons with {@code --userns-remap=default}.
 */
class DifferentialTest {
    private static final List<String> SCRIPTS = List.of("01-hostname", "02-pid-one", "03-ps-sees-own-tree", "04-mounts-seen",
            "05-whiteout", "06-write-upper", "07-oom", "08-pids-limit", "09-exit-code", "10-stop-pid1-ignores-term", "11-kill",
            "12-stop-trapped", "13-exec", "14-exec-missing", "15-logs", "16-env", "17-workdir-user", "18-ping-between",
            "19-serve-between", "20-readonly-sys", "21-network-none", "22-wait", "23-tmp-write", "24-etc-hosts", "25-exit-signal", "26-volume", "27-user-network", "28-diff", "29-commit", "30-isolated-networks", "31-capabilities",
            "32-userns-maps", "33-userns-volume-owner", "34-userns-host-file", "35-userns-stdio", "36-published-port", "37-redirect-errors", "38-exec-detached",
            "39-rename", "40-container-prune", "41-network-alias", "42-macvlan", "43-oom-report");

    private static DifferentialHost host;

    record Script(String name, List<String> lines, List<String> expected, DaemonOptions daemon) {
        /** The script with {@code @PORT} replaced by a host port. */
        Script withPort(int port) {
            return new Script(name, lines.stream().map(l -> l.replace("@PORT", String.valueOf(port))).toList(),
                    expected.stream().map(l -> l.replace("@PORT", String.valueOf(port))).toList(), daemon);
        }

        static Script load(String name) throws IOException {
            try (InputStream in = Objects.requireNonNull(DifferentialTest.class.getResourceAsStream("/differential/" + name + ".txt"), name)) {
                List<String> lines = new ArrayList<>();
                List<String> expected = new ArrayList<>();
                DaemonOptions daemon = DaemonOptions.DEFAULT;
                for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (l.startsWith("#! userns-remap ")) {
                        daemon = DaemonOptions.usernsRemap(l.substring("#! userns-remap ".length()).strip());
                    } else if (l.startsWith("#> ")) {
                        expected.add(l.substring(3));
                    } else if (!l.isBlank() && !l.startsWith("#")) {
                        lines.add(l);
                    }
                }
                return new Script(name, lines, expected, daemon);
            }
        }
    }

    @BeforeAll
    static void host() throws IOException {
        host = DifferentialHost.open("DifferentialTest", "glassbox-diff-", "diff");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        host.cleanUp();
    }

    @TestFactory
    Stream<DynamicTest> scripts() {
        return SCRIPTS.stream().map(name -> DynamicTest.dynamicTest(name, () -> compare(Script.load(name))));
    }

    private void compare(Script s) throws IOException {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // @PORT: the same free host port on both kernels
        }
        String sim = transcript(s.withPort(port), () -> Engine.sim(s.daemon()), "172.17.");
        for (String e : s.expected()) {
            assertTrue(sim.contains(e), s.name() + " on the sim kernel lacks '" + e + "':\n" + sim);
        }
        if (host.skip != null) {
            return;
        }
        LinuxKernel.Options o = host.options();
        String prefix = DifferentialHost.subnetPrefix(o);
        String linux = transcript(s.withPort(port), () -> LinuxEngine.open(o, true, s.daemon()), prefix);
        assertEquals(sim, linux, s.name() + ": the sim kernel (expected) and the Linux kernel (actual) differ");
    }

    /** Every line, its output and exit status, masked; the engine closed at the end. */
    static String transcript(Script s, Supplier<Engine> engine, String subnetPrefix) {
        StringBuilder sb = new StringBuilder();
        try (Engine e = engine.get()) {
            for (String line : s.lines()) {
                String real = line.replace("@IP2", subnetPrefix + "0.2").replace("@GW", subnetPrefix + "0.1");
                Result r = e.run(real);
                sb.append("$ ").append(line).append('\n').append(r.text()).append(r.text().isEmpty() || r.text().endsWith("\n") ? "" : "\n")
                        .append("[exit ").append(r.exitStatus()).append("]\n");
            }
        }
        return mask(sb.toString(), subnetPrefix);
    }

    private static final Pattern PULL = Pattern.compile("(?m)^(Unable to find image .*|\\S+: Pulling from .*|[0-9a-f]{12}: (Pull complete|Already exists|Downloading|Extracting|Waiting|Verifying Checksum|Download complete).*|Digest: sha256:.*|Status: (Downloaded newer image|Image is up to date) for .*)\\n");
    private static final Pattern ID = Pattern.compile("\\b[0-9a-f]{64}\\b|\\b[0-9a-f]{12}\\b");
    private static final Pattern AGO = Pattern.compile("(Less than a second|About a minute|About an hour|\\d+ (seconds?|minutes?|hours?)) ago");
    private static final Pattern UP = Pattern.compile("Up (Less than a second|About a minute|\\d+ (seconds?|minutes?))");
    private static final Pattern NETWORK = Pattern.compile("\\b172\\.(1[6-9]|2\\d|3[01])\\.");
    private static final Pattern PING_TIME = Pattern.compile("time=[0-9.]+ ms|min/avg/max = [0-9./]+ ms");

    static String mask(String text, String subnetPrefix) {
        String t = PULL.matcher(text).replaceAll("");
        t = ID.matcher(t).replaceAll("<id>");
        t = t.replace(subnetPrefix, "<subnet>.");
        t = NETWORK.matcher(t).replaceAll("<net>."); // user-defined networks: each kernel takes the next free /16 of its own pool
        t = AGO.matcher(t).replaceAll("<when> ago");
        t = UP.matcher(t).replaceAll("Up <when>");
        t = PING_TIME.matcher(t).replaceAll(Matcher.quoteReplacement("<time>"));
        return t;
    }
}
