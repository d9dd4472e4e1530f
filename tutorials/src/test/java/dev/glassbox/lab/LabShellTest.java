package dev.glassbox.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's words at a prompt, on lesson 1 (run-flow), as a student uses them. */
class LabShellTest {
    private final AtomicReference<Engine> engine = new AtomicReference<>();
    private final AtomicLong clock = new AtomicLong(1_000);

    private LabShell shell(ProgressStore store) {
        return new LabShell(Lessons.builtIn(), store, () -> {
            Engine old = engine.get();
            if (old != null) {
                old.close();
            }
            engine.set(Engine.sim());
            return engine.get();
        }, () -> "sim", clock::get);
    }

    /** A line as the REPL runs it: the lab's words to the shell, the rest to the engine and then the lab's check. */
    private static String type(LabShell s, AtomicReference<Engine> engine, String line) {
        if (LabShell.handles(line)) {
            Result r = s.execute(line);
            return r.out() + r.err();
        }
        Result r = engine.get().run(line);
        return r.text() + s.after();
    }

    private String type(LabShell s, String line) {
        return type(s, engine, line);
    }

    @Test
    void aStudentWorksThroughLessonOneWithCheckHintSolutionAndAnswer() {
        LabShell s = shell(ProgressStore.memory(null));
        String start = type(s, "lab start run-flow");
        assertTrue(start.startsWith("Lesson 1: Client, daemon, registry: what docker run does\n"), start);
        assertTrue(start.contains("Step 1/4: a container named web runs nginx with port 8080 published"), start);
        assertEquals("run-flow 1/4", s.prompt());

        assertEquals("✗ a container named web runs nginx, and it is running: no container is named web; `docker ps -a` lists none\n"
                + "✗ host port 8080 reaches port 80 of web: no container is named web; `docker ps -a` lists none\n", type(s, "check"));
        assertTrue(type(s, "hint").startsWith("hint 1/3: `docker run` creates and starts"));
        assertTrue(type(s, "hint").startsWith("hint 2/3: "));
        assertEquals("hint 3/3: docker run -d -p 8080:80 --name web nginx\n", type(s, "hint"));
        assertEquals("hint 3/3: docker run -d -p 8080:80 --name web nginx\n", type(s, "hint"));
        String sol = type(s, "solution");
        assertTrue(sol.contains("(shown, not run;") && sol.contains("  docker run -d -p 8080:80 --name web nginx\n"), sol);
        assertEquals("", engine.get().run("docker ps -q").out(), "solution runs nothing");

        String wrong = type(s, "docker run -d --name web nginx");
        assertFalse(wrong.contains("✓ step"), wrong);
        assertEquals("✗ host port 8080 reaches port 80 of web: web does not publish its port 80/tcp (docker run -p HOST:80 publishes it)\n", type(s, "check"));
        type(s, "docker rm -f web");
        assertTrue(type(s, "docker run --bogus").contains("unknown flag: --bogus"), "a command that errors is the engine's answer");
        String done = type(s, "docker run -d -p 8080:80 --name web nginx");
        assertTrue(done.contains("✓ step 1: a container named web runs nginx with port 8080 published\n\nStep 2/4: "), done);
        assertEquals("run-flow 2/4", s.prompt());

        assertTrue(type(s, "docker container inspect web").contains("✓ step 2: you found the Engine API requests the client sent"));
        type(s, "docker rm -f web");
        String three = type(s, "docker run -d -p 8080:80 --name web nginx");
        assertTrue(three.contains("✓ step 3: you saw the DNAT rule that publishes port 8080"), three);
        assertTrue(three.contains("Question: When `docker run nginx` finds no nginx image locally"), three);
        assertTrue(type(s, "answer 1").startsWith("✗ not quite"));
        String right = type(s, "answer 2");
        assertTrue(right.startsWith("✓ right: The client only sends POST /images/create"), right);
        assertTrue(right.contains("✓ step 4: you know which part of Docker fetches images\n✓ lesson finished:"), right);
        assertTrue(s.progress().finished("run-flow"));
        assertTrue(type(s, "lab").startsWith("✓  1  run-flow"), type(s, "lab"));
    }

    @Test
    void resetGoesBackToTheStartStateAndAFinishedLessonStaysFinished() {
        LabShell s = shell(ProgressStore.memory(null));
        type(s, "lab start 1");
        String jumped = type(s, "lab step 4");
        assertTrue(jumped.contains("the solutions of the steps before it were replayed"), jumped);
        assertEquals("web\n", engine.get().run("docker ps --format '{{.Names}}'").out());
        type(s, "answer the daemon (dockerd)");
        assertTrue(s.progress().finished("run-flow"));
        String reset = type(s, "lab reset");
        assertTrue(reset.startsWith("glassbox: back to the start state of run-flow"), reset);
        assertEquals("", engine.get().run("docker ps -aq").out());
        assertEquals("run-flow 1/4", s.prompt());
        assertTrue(s.progress().finished("run-flow"), "a finished lesson stays finished");
        assertEquals("glassbox: run-flow has steps 1 to 4\n", type(s, "lab step 9"));
        assertEquals("glassbox: run-flow has steps 1 to 4\n", type(s, "lab prev"));
    }

    @Test
    void progressInAFileResumesAtTheStepReachedAcrossTwoSessions(@TempDir Path home) throws IOException {
        Path file = home.resolve(".glassbox/lab-progress.json");
        LabShell first = shell(ProgressStore.file(file));
        type(first, "lab start run-flow");
        clock.set(5_000);
        type(first, "docker run -d -p 8080:80 --name web nginx");
        assertTrue(Files.readString(file).contains("\"current\" : \"run-flow\""), Files.readString(file));

        LabShell second = shell(ProgressStore.file(file));
        assertTrue(type(second, "lab").startsWith("…  1  run-flow"), type(second, "lab"));
        String back = type(second, "lab start run-flow");
        assertTrue(back.contains("glassbox: back at step 2; the solutions of the steps before it were replayed"), back);
        assertEquals("run-flow 2/4", second.prompt());
        assertEquals("web\n", engine.get().run("docker ps --format '{{.Names}}'").out());
        assertEquals(java.util.List.of(1), second.progress().of("run-flow").done());
        assertEquals(5_000, second.progress().of("run-flow").stepSinceMillis());
    }

    @Test
    void aBrokenProgressFileIsSetAsideAndTheStudentStartsAfresh(@TempDir Path home) throws IOException {
        Path file = home.resolve("lab-progress.json");
        Files.writeString(file, "{ not json");
        assertEquals(StudentProgress.empty(), ProgressStore.file(file).load());
        assertTrue(Files.exists(home.resolve("lab-progress.json.broken")));
    }

    @Test
    void wordsOutsideALessonAndUnknownNamesAnswerInOneLine() {
        LabShell s = shell(ProgressStore.memory(null));
        assertEquals("glassbox: you are in no lesson; `lab` lists them, `lab start N` begins one\n", type(s, "check"));
        assertEquals("glassbox: you are in no lesson; `lab` lists them, `lab start N` begins one\n", type(s, "answer 2"));
        String unknown = type(s, "lab start nope");
        assertTrue(unknown.startsWith("glassbox: no lesson is named 'nope'; the lessons are run-flow"), unknown);
        assertEquals(1, unknown.lines().count());
        assertTrue(type(s, "lab frobnicate").startsWith("glassbox: unknown lab command 'frobnicate'"));
        type(s, "lab start 1");
        assertEquals("glassbox: step 1 asks no question; `check` says what it wants\n", type(s, "answer 2"));
        assertEquals("usage: check (no arguments)\n", type(s, "check web"));
        String quit = type(s, "lab quit");
        assertTrue(quit.startsWith("glassbox: you left run-flow"), quit);
        assertEquals(null, s.prompt());
    }

    @Test
    void aLessonForAnotherKernelIsRefusedInOneLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tiny.yaml"), LessonsTest.GOOD);
        LabShell s = new LabShell(Lessons.load(dir), ProgressStore.memory(null), Engine::sim, () -> "linux", clock::get);
        Result r = s.execute("lab start tiny");
        assertEquals(1, r.exitStatus());
        assertEquals("glassbox: lesson tiny runs on the sim kernel; containers run on the linux kernel here (`kernel sim` switches)\n", r.err());
        assertEquals(null, s.lab());
        LabShell browser = new LabShell(Lessons.load(dir), ProgressStore.memory(null), Engine::sim, () -> "linux", clock::get).brief();
        assertEquals("glassbox: lesson tiny runs on the sim kernel; containers run on the linux kernel here, and only there\n",
                browser.execute("lab start tiny").err(), "a front end with one kernel offers no switch");
    }
}
