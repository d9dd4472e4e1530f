package dev.glassbox.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading lesson files: a malformed one is named with its line and problem, and the others still load. */
class LessonsTest {
    static final String GOOD = """
            id: tiny
            order: 5
            title: A tiny lesson
            steps:
              - title: a container named web runs
                goals:
                  - goal: container
                    name: web
                    state: running
                hints: [docker run -d --name web nginx]
                solution: [docker run -d --name web nginx]
            nearMisses:
              - name: stopped
                step: 1
                commands: [docker create --name web nginx]
                unmet: container-web
                says: "web is created, not running"
            """;

    private static String problem(String yaml) {
        return assertThrows(Lessons.LessonException.class, () -> Lessons.parse(yaml, "x.yaml")).getMessage();
    }

    @Test
    void aGoodLessonReadsWithDefaults() {
        Lesson l = Lessons.parse(GOOD, "tiny.yaml");
        assertEquals("tiny", l.id());
        assertEquals(List.of("sim"), l.kernels());
        assertEquals("container-web", l.steps().get(0).goals().get(0).id());
        assertEquals("tiny.yaml", l.file());
    }

    @Test
    void aLessonsFilesAreInTheStudentsWorkspaceAtTheStart() {
        Lesson l = Lessons.parse(GOOD.replace("title: A tiny lesson\n",
                "title: A tiny lesson\nfiles:\n  app/Dockerfile: |\n    FROM alpine\n    CMD [\"echo\", \"hi\"]\n"), "tiny.yaml");
        Lab lab = Lab.start(l, () -> dev.glassbox.world.World.sim().engine(), ProgressStore.memory(null), () -> 0L);
        assertEquals("FROM alpine\nCMD [\"echo\", \"hi\"]\n",
                new String(lab.engine().workspace().readFile("app/Dockerfile"), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aLessonFileLeavingTheWorkspaceIsRefused() {
        String p = problem(GOOD.replace("title: A tiny lesson\n", "title: A tiny lesson\nfiles:\n  ../x: hi\n"));
        assertTrue(p.contains("a file's path is relative to the workspace and stays in it: ../x"), p);
    }

    @Test
    void anUnknownFieldIsNamedWithItsLineAndTheKnownOnes() {
        String p = problem(GOOD.replace("    hints:", "    hintz:"));
        assertEquals("x.yaml:10: unknown field 'hintz' (known: [commands, goals, hints, quiz, refused, solution, text, title])", p);
    }

    @Test
    void anUnknownGoalKindIsNamedWithTheKnownOnes() {
        String p = problem(GOOD.replace("goal: container", "goal: contianer"));
        assertTrue(p.startsWith("x.yaml:7: unknown goal 'contianer' (known: command, container"), p);
    }

    @Test
    void aGoalThatBreaksItsOwnRulesSaysWhy() {
        String p = problem(GOOD.replace("state: running", "state: sleeping"));
        assertTrue(p.matches("x\\.yaml:\\d+: a container's state is one of \\[absent, created, exited, paused, restarting, running], not 'sleeping'"), p);
    }

    @Test
    void aNearMissNamingAGoalTheStepLacksIsRefused() {
        String p = problem(GOOD.replace("unmet: container-web", "unmet: nope"));
        assertTrue(p.contains("near miss 'stopped' expects goal 'nope' unmet, but step 1 has goals [container-web]"), p);
    }

    @Test
    void brokenYamlAndAWrongTypeGiveOneLineWithALine() {
        String p = problem("id: x\ntitle: [unclosed\n");
        assertTrue(p.startsWith("x.yaml:"), p);
        assertEquals(1, p.lines().count(), p);
        String t = problem(GOOD.replace("order: 5", "order: five"));
        assertTrue(t.startsWith("x.yaml:2: "), t);
        assertEquals(1, t.lines().count(), t);
    }

    @Test
    void aStepWithGoalsButNoSolutionOrNothingToCheckIsRefused() {
        assertTrue(problem(GOOD.replace("    solution: [docker run -d --name web nginx]\n", "")).contains("has goals but no solution"));
        String noGoals = """
                id: q
                title: Q
                steps:
                  - title: nothing
                    hints: [h]
                    solution: [docker ps]
                """;
        assertTrue(problem(noGoals).contains("has neither goals nor a quiz"));
    }

    @Test
    void aFolderWithOneBrokenFileLoadsTheOthersAndNamesTheBrokenOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("01-good.yaml"), GOOD);
        Files.writeString(dir.resolve("02-bad.yaml"), GOOD.replace("id: tiny", "id: other").replace("    hints:", "    hintz:"));
        Files.writeString(dir.resolve("03-twice.yaml"), GOOD);
        Files.writeString(dir.resolve("notes.txt"), "not a lesson");
        Lessons ls = Lessons.load(dir);
        assertEquals(List.of("tiny"), ls.all().stream().map(Lesson::id).toList());
        assertEquals(2, ls.problems().size(), ls.problems().toString());
        assertTrue(ls.problems().get(0).startsWith(dir + "/02-bad.yaml:10: unknown field 'hintz'"), ls.problems().get(0));
        assertTrue(ls.problems().get(1).endsWith("03-twice.yaml: the id 'tiny' is taken by " + dir + "/01-good.yaml"), ls.problems().get(1));
    }

    @Test
    void lessonsAreFoundByIdOrNumber() {
        Lessons ls = Lessons.builtIn();
        assertEquals("run-flow", ls.find("1").id());
        assertEquals("run-flow", ls.find("run-flow").id());
        assertNull(ls.find("0"));
        assertNull(ls.find("no-such-lesson"));
    }

    @Test
    void aQuizChecksChoicesByTextOrNumberAndPatternsWhole() {
        Quiz q = new Quiz("Which?", List.of("pid", "uts", "net"), "uts", null, "");
        assertTrue(q.accepts("uts") && q.accepts(" UTS ") && q.accepts("2"));
        assertTrue(!q.accepts("1") && !q.accepts("4") && !q.accepts("ut"));
        Quiz p = new Quiz("Which?", List.of(), "the kernel", "(the )?(linux )?kernel", "");
        assertTrue(p.accepts("Kernel") && p.accepts("the Linux kernel") && !p.accepts("kernels"));
        assertThrows(IllegalArgumentException.class, () -> new Quiz("Which?", List.of(), "nope", "kernel", ""));
        assertThrows(IllegalArgumentException.class, () -> new Quiz("Which?", List.of("a"), "b", null, ""));
    }
}
