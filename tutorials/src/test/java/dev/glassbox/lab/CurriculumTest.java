package dev.glassbox.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.world.World;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The author self-test on the sim kernel: every lesson glassbox ships, its solution and its near misses. Each lab runs on a world
 * of sim hosts, as the REPL and the web give it, so a lesson can boot more hosts with {@code node add}.
 */
class CurriculumTest {
    private static final Lessons LESSONS = Lessons.builtIn();

    @Test
    void everyLessonFileLoads() {
        assertEquals(List.of(), LESSONS.problems());
        assertFalse(LESSONS.all().isEmpty());
    }

    @Test
    void theCurriculumCoversTheReferenceTextsInOrder() {
        assertEquals(List.of("run-flow", "images-layers", "overlay2", "namespaces", "cgroups", "bridge-network", "user-networks", "volumes",
                "registries", "containers-vs-vms", "lifecycle", "capstone", "build", "compose", "storage-drivers", "hosts", "swarm",
                "overlay-networks"),
                LESSONS.all().stream().map(Lesson::id).toList());
        for (Lesson l : LESSONS.all()) {
            assertEquals(LESSONS.number(l), l.order(), l.id() + "'s order is its place");
        }
    }

    @Test
    void everyLessonHasANearMissAndEveryStepAHint() {
        for (Lesson l : LESSONS.all()) {
            assertFalse(l.nearMisses().isEmpty(), l.id() + " has no near miss");
            for (Step s : l.steps()) {
                assertFalse(s.hints().isEmpty(), l.id() + " step '" + s.title() + "' has no hint");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> theReferenceSolutionMeetsEveryGoalAndEachNearMissLeavesItsGoalUnmet() {
        return LESSONS.all().stream().map(l -> DynamicTest.dynamicTest(l.id(), () -> {
            List<String> failures = AuthorCheck.verify(l, () -> World.sim().engine());
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        }));
    }
}
