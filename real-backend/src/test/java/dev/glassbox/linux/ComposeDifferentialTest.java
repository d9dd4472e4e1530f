package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.client.MemoryWorkspace;
import dev.glassbox.daemon.DaemonOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code docker compose} scripts on the sim kernel and on the host's Linux kernel give the same
 * transcript once ids, times and addresses are masked (as {@link DifferentialTest} compares them), and
 * each contains what its {@code #>} lines name. Each script (src/test/resources/differential-compose)
 * runs with its compose file as {@code /home/student/app/compose.yaml} in the client's workspace, so
 * the project is {@code app}. Without root or the host's features the Linux half is skipped.
 */
class ComposeDifferentialTest {
    private static final List<String> SCRIPTS = List.of("01-web-and-client");
    /** The time a step took at the right edge of Compose's progress lines (the host's real clock), with the padding before it. */
    private static final Pattern TIMER = Pattern.compile(" +\\d+\\.\\ds \\n");

    private static DifferentialHost host;

    @BeforeAll
    static void host() throws IOException {
        host = DifferentialHost.open("ComposeDifferentialTest", "glassbox-compose-", "compose");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        host.cleanUp();
    }

    @TestFactory
    Stream<DynamicTest> scripts() {
        return SCRIPTS.stream().map(name -> DynamicTest.dynamicTest(name, () -> compare(name)));
    }

    private void compare(String name) throws IOException {
        String file = resource(name + ".yaml");
        List<String> lines = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String l : resource(name + ".txt").split("\n")) {
            if (l.startsWith("#> ")) {
                expected.add(l.substring(3));
            } else if (!l.isBlank() && !l.startsWith("#")) {
                lines.add(l);
            }
        }
        DifferentialTest.Script script = new DifferentialTest.Script(name, lines, expected, DaemonOptions.DEFAULT);
        String sim = TIMER.matcher(DifferentialTest.transcript(script, withFile(Engine::sim, file), "172.17.")).replaceAll(" <time>\n");
        for (String e : expected) {
            assertTrue(sim.contains(e), name + " on the sim kernel lacks '" + e + "':\n" + sim);
        }
        if (host.skip != null) {
            return;
        }
        LinuxKernel.Options o = host.options();
        String prefix = DifferentialHost.subnetPrefix(o);
        String linux = TIMER.matcher(DifferentialTest.transcript(script, withFile(() -> LinuxEngine.open(o, true, DaemonOptions.DEFAULT), file),
                prefix)).replaceAll(" <time>\n");
        assertEquals(sim, linux, name + ": the sim kernel (expected) and the Linux kernel (actual) differ");
    }

    private static Supplier<Engine> withFile(Supplier<Engine> engine, String compose) {
        return () -> {
            Engine e = engine.get();
            e.workspace(new MemoryWorkspace("/home/student/app").put("compose.yaml", compose));
            return e;
        };
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(ComposeDifferentialTest.class.getResourceAsStream("/differential-compose/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
