package dev.glassbox.lab;

import dev.glassbox.world.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Goals look at state, not at what was typed: once a step's reference solution has met its goals, commands
 * that only look (ps, images, inspect, logs, ...) leave every goal met. And progress survives a round trip
 * through its file.
 */
class GoalProperties {
    private static final List<Lesson> LESSONS = Lessons.builtIn().all();
    private static final List<String> LOOKS = List.of("docker ps", "docker ps -a", "docker images", "docker image ls -a",
            "docker network ls", "docker volume ls", "docker version", "docker info", "docker ps -q", "docker images -q");
    private static final List<String> LOOKS_AT = List.of("docker inspect %s", "docker logs %s", "docker top %s", "docker diff %s",
            "docker stats --no-stream %s", "docker port %s", "docker container inspect -f '{{.State.Status}}' %s");

    record At(Lesson lesson, int step) {}

    @Provide
    Arbitrary<At> steps() {
        List<At> all = new ArrayList<>();
        for (Lesson l : LESSONS) {
            for (int i = 1; i <= l.steps().size(); i++) {
                if (!l.steps().get(i - 1).goals().isEmpty()) {
                    all.add(new At(l, i));
                }
            }
        }
        return Arbitraries.of(all);
    }

    @Provide
    Arbitrary<List<String>> looks() {
        Arbitrary<String> plain = Arbitraries.of(LOOKS);
        Arbitrary<String> at = Combinators.combine(Arbitraries.of(LOOKS_AT), Arbitraries.of("web", "db", "a1", "box", "nope"))
                .as(String::formatted);
        return Arbitraries.oneOf(plain, at).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 60)
    void aMetStepStaysMetUnderCommandsThatOnlyLook(@ForAll("steps") At at, @ForAll("looks") List<String> lines) {
        Lab lab = Lab.start(at.lesson(), () -> World.sim().engine(), ProgressStore.memory(null), () -> 0L);
        lab.go(at.step());
        Step step = at.lesson().steps().get(at.step() - 1);
        for (String line : step.solution()) {
            if (!line.startsWith("answer ")) {
                lab.engine().run(line);
            }
        }
        List<Goal> stateGoals = step.goals().stream().filter(g -> !(g instanceof TraceGoal)).toList();
        assertAllMet(lab, stateGoals, at, "after the solution");
        for (String line : lines) {
            lab.engine().run(line);
            assertAllMet(lab, stateGoals, at, "after `" + line + "`");
        }
    }

    private static void assertAllMet(Lab lab, List<Goal> goals, At at, String when) {
        Probe p = new Probe(lab.engine(), Set.of());
        for (Goal g : goals) {
            Verdict v = g.check(p);
            if (!v.met()) {
                throw new AssertionError(at.lesson().id() + " step " + at.step() + " goal " + g.id() + " unmet " + when + ": " + v.missing());
            }
        }
    }

    @Provide
    Arbitrary<StudentProgress> progress() {
        Arbitrary<LessonProgress> one = Combinators.combine(Arbitraries.integers().between(1, 9),
                Arbitraries.integers().between(1, 9).set().ofMaxSize(5).map(ArrayList::new), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 50), Arbitraries.longs().between(0, 4_000_000_000_000L),
                Arbitraries.longs().between(0, 4_000_000_000_000L)).as(LessonProgress::new);
        Arbitrary<Map<String, LessonProgress>> lessons = Arbitraries.maps(Arbitraries.strings().withCharRange('a', 'z').withChars('-', 'é', '✓')
                .ofMinLength(1).ofMaxLength(12), one).ofMaxSize(6);
        return Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(10).injectNull(0.3), lessons)
                .as(StudentProgress::new);
    }

    @Property(tries = 200)
    void progressSurvivesARoundTripThroughItsFile(@ForAll("progress") StudentProgress p) {
        try {
            Path dir = Files.createTempDirectory("glassbox-progress");
            try {
                ProgressStore store = ProgressStore.file(dir.resolve("lab-progress.json"));
                store.save(p);
                StudentProgress back = store.load();
                if (!back.equals(p)) {
                    throw new AssertionError(p + " came back as " + back);
                }
                if (!new TreeMap<>(back.lessons()).equals(new TreeMap<>(p.lessons()))) {
                    throw new AssertionError("lessons differ");
                }
            } finally {
                try (var s = Files.walk(dir)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
