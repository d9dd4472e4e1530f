package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.Engine;
import dev.glassbox.lab.AuthorCheck;
import dev.glassbox.lab.Lesson;
import dev.glassbox.lab.Lessons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The author self-test of the lessons marked {@code kernels: [.., linux]}, on the host's kernel, as
 * root: each engine on a state root of its own under a temp directory, named {@code glassbox…}, swept
 * and removed after each lesson, also when it fails. Skipped, with the reason printed, where the host
 * cannot run the Linux kernel. (In package dev.glassbox.linux for the sweep and the leftovers check,
 * which the Linux backend keeps to itself.)
 */
class LinuxCurriculumTest {
    @TestFactory
    Stream<DynamicTest> lessonsMarkedForLinuxHoldOnTheHostsKernel() {
        List<String> problems = Preflight.host().problems();
        if (!problems.isEmpty()) {
            System.out.println("glassbox: skipping LinuxCurriculumTest: " + String.join("; ", problems));
        }
        assumeTrue(problems.isEmpty(), String.join("; ", problems));
        List<Lesson> linux = Lessons.builtIn().all().stream().filter(l -> l.runsOn("linux")).toList();
        assertTrue(!linux.isEmpty(), "at least one lesson is marked for the Linux kernel");
        return linux.stream().map(l -> DynamicTest.dynamicTest(l.id(), () -> replay(l)));
    }

    private static void replay(Lesson lesson) throws IOException {
        Path base = Files.createTempDirectory("glassbox-lab-");
        String tag = "lab" + String.format("%04d", ProcessHandle.current().pid() % 10_000);
        List<Engine> opened = new ArrayList<>();
        List<LinuxKernel.Options> roots = new ArrayList<>();
        Supplier<Engine> engines = () -> {
            if (!opened.isEmpty()) {
                opened.get(opened.size() - 1).close();
            }
            LinuxKernel.Options o = LinuxKernel.Options.at(base.resolve(String.valueOf(roots.size()))).named(tag);
            roots.add(o);
            Engine e = LinuxEngine.open(o);
            opened.add(e);
            return e;
        };
        try {
            List<String> failures = AuthorCheck.verify(lesson, engines);
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            for (Engine e : opened) {
                try {
                    e.close();
                } catch (RuntimeException ignored) {
                    // closed already
                }
            }
            List<String> left = new ArrayList<>();
            for (LinuxKernel.Options o : roots) {
                left.addAll(Reconciler.leftovers(o, CgroupLayout.detect()));
                Reconciler.sweep(o, CgroupLayout.detect());
            }
            Cmd.run(List.of("rm", "-rf", base.toString()), 60_000);
            assertEquals(List.of(), left, "nothing of glassbox's is left on the host");
        }
    }
}
