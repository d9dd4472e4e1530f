package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import dev.glassbox.daemon.DaemonOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code docker build} scripts on the sim kernel and on the host's Linux kernel give the same transcript
 * once ids, times and addresses are masked (as {@link DifferentialTest} compares them), and each contains
 * what its {@code #>} lines name. A script (src/test/resources/differential-build) writes the build
 * context into the client's workspace with {@code #file PATH} … {@code #end} blocks before it starts, and
 * changes a file between commands with {@code #edit PATH} … {@code #end}. Without root or the host's
 * features the Linux half is skipped.
 */
class BuildDifferentialTest {
    private static final List<String> SCRIPTS = List.of("01-build-cache-run");
    private static final String DIR = "/home/student/app";

    private static DifferentialHost host;

    /** A command line, or an edit of a workspace file made before the next command. */
    private record Step(String line, String path, String text) {}

    @BeforeAll
    static void host() throws IOException {
        host = DifferentialHost.open("BuildDifferentialTest", "glassbox-build-", "build");
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
        MemoryWorkspace files = new MemoryWorkspace(DIR);
        List<Step> steps = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        String[] lines = resource(name + ".txt").split("\n");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("#file ") || l.startsWith("#edit ")) {
                StringBuilder text = new StringBuilder();
                for (i++; !lines[i].equals("#end"); i++) {
                    text.append(lines[i]).append('\n');
                }
                if (l.startsWith("#file ")) {
                    files.put(l.substring(6), text.toString());
                } else {
                    steps.add(new Step(null, l.substring(6), text.toString()));
                }
            } else if (l.startsWith("#> ")) {
                expected.add(l.substring(3));
            } else if (!l.isBlank() && !l.startsWith("#")) {
                steps.add(new Step(l, null, null));
            }
        }
        String sim = transcript(steps, withFiles(Engine::sim, files), "172.17.");
        for (String e : expected) {
            assertTrue(sim.contains(e), name + " on the sim kernel lacks '" + e + "':\n" + sim);
        }
        if (host.skip != null) {
            return;
        }
        LinuxKernel.Options o = host.options();
        String prefix = DifferentialHost.subnetPrefix(o);
        String linux = transcript(steps, withFiles(() -> LinuxEngine.open(o, true, DaemonOptions.DEFAULT), files), prefix);
        assertEquals(sim, linux, name + ": the sim kernel (expected) and the Linux kernel (actual) differ");
    }

    /** As {@link DifferentialTest#transcript}, with the script's edits made in the workspace between commands. */
    private static String transcript(List<Step> steps, Supplier<Engine> engine, String subnetPrefix) {
        StringBuilder sb = new StringBuilder();
        try (Engine e = engine.get()) {
            for (Step s : steps) {
                if (s.line() == null) {
                    e.workspace().writeFile(DIR + "/" + s.path(), s.text().getBytes(StandardCharsets.UTF_8), 0644);
                    sb.append("# edited ").append(s.path()).append('\n');
                    continue;
                }
                Result r = e.run(s.line());
                sb.append("$ ").append(s.line()).append('\n').append(r.text()).append(r.text().isEmpty() || r.text().endsWith("\n") ? "" : "\n")
                        .append("[exit ").append(r.exitStatus()).append("]\n");
            }
        }
        return DifferentialTest.mask(sb.toString(), subnetPrefix);
    }

    /** Each engine gets its own copy of the context, so one kernel's edits never reach the other's. */
    private static Supplier<Engine> withFiles(Supplier<Engine> engine, MemoryWorkspace files) {
        return () -> {
            Engine e = engine.get();
            MemoryWorkspace copy = new MemoryWorkspace(DIR);
            for (String f : files.list(DIR)) {
                copy.put(f, new String(files.readFile(DIR + "/" + f), StandardCharsets.UTF_8));
            }
            e.workspace(copy);
            return e;
        };
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(BuildDifferentialTest.class.getResourceAsStream("/differential-build/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
