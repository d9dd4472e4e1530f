package dev.glassbox.daemon;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** docker diff against a small model of what each shell step changes. */
class DiffProperties {
    /** A shell step and the diff lines it implies on busybox. */
    record Step(String script, List<String> lines) {}

    @Provide
    Arbitrary<List<Step>> scripts() {
        return steps().list().ofMinSize(1).ofMaxSize(5);
    }

    private static Arbitrary<Step> steps() {
        Arbitrary<Step> touch = Arbitraries.integers().between(1, 3)
                .map(i -> new Step("touch /tmp/f" + i, List.of("C /tmp", "A /tmp/f" + i)));
        Arbitrary<Step> mkdir = Arbitraries.integers().between(1, 3)
                .map(i -> new Step("mkdir -p /new" + i + "/sub", List.of("A /new" + i, "A /new" + i + "/sub")));
        Arbitrary<Step> rm = Arbitraries.of("ls", "cat", "sleep")
                .map(x -> new Step("rm -f /bin/" + x, List.of("C /bin", "D /bin/" + x)));
        Arbitrary<Step> append = Arbitraries.just(new Step("echo x >> /etc/passwd", List.of("C /etc", "C /etc/passwd")));
        return Arbitraries.oneOf(touch, mkdir, rm, append);
    }

    @Property(tries = 25)
    boolean diffListsExactlyWhatTheStepsChanged(@ForAll("scripts") List<Step> steps) {
        TreeSet<String> expected = new TreeSet<>((a, b) -> Changes.walkOrder(a.substring(2), b.substring(2)));
        List<String> scripts = new ArrayList<>();
        for (Step s : steps) {
            scripts.add(s.script());
            expected.addAll(s.lines());
        }
        try (Engine e = Engine.sim()) {
            Result run = e.run("docker run --name box busybox sh -c '" + String.join(" && ", scripts) + "'");
            if (run.exitStatus() != 0) {
                throw new AssertionError(run.text());
            }
            String want = expected.isEmpty() ? "" : String.join("\n", expected) + "\n";
            String got = e.run("docker diff box").out();
            if (!want.equals(got)) {
                throw new AssertionError("steps " + scripts + "\nwant:\n" + want + "got:\n" + got);
            }
            return true;
        }
    }
}
