package dev.glassbox.sim;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A shell's pipeline runs its stages at once, joined by kernel pipes of 64 KiB: a reader that has what it needs ends, and
 * the writer behind it, however endless, ends by SIGPIPE (status 141, of which the shell says nothing).
 */
class PipelineTest {
    private static Engine e;

    @BeforeAll
    static void engine() {
        e = Engine.sim();
        ok(e, "docker pull busybox");
    }

    @AfterAll
    static void close() {
        e.close();
    }

    private static Result sh(String script) {
        return e.run("docker run --rm busybox sh -c '" + script + "'");
    }

    private static long steps(String action) {
        return e.lastTrace().events().stream().filter(ev -> ev.action().equals(action)).count();
    }

    @Test
    void yesIntoHeadGivesThreeLinesAndEndsBySigpipe() {
        Result r = sh("yes | head -3");
        assertEquals("y\ny\ny\n", r.out());
        assertEquals("", r.err());
        assertEquals(0, r.exitStatus());
        assertEquals(1, steps("pipe"), "one pipe between the two stages");
        assertEquals(1, steps("SIGPIPE"), "yes, writing once head had gone, ended by SIGPIPE");
    }

    @Test
    void theWriterEndsWith141AndTheShellSaysNothing() {
        Result r = sh("yes | head -1 >/dev/null; echo done");
        assertEquals("done\n", r.out());
        assertEquals("", r.err());
        Result seen = sh("(yes; echo \"yes ended $?\" >&2) | head -1");
        assertEquals("y\n", seen.out());
        assertEquals("yes ended 141\n", seen.err());
        assertEquals(0, seen.exitStatus());
    }

    @Test
    void endlessWritersStopOnceTheReaderHasEnough() {
        assertEquals("1\n2\n", ok(e, "docker run --rm busybox sh -c 'seq 1 999999999 | head -2'").out());
        assertEquals("5\n", ok(e, "docker run --rm busybox sh -c 'cat /dev/zero | head -c 5 | wc -c'").out());
        Result loop = sh("while true; do echo x; done | head -1");
        assertEquals("x\n", loop.out());
        assertEquals("", loop.err());
        assertEquals(0, loop.exitStatus());
        assertEquals(0, steps("kill runaway") + steps("kill endless output"), "SIGPIPE ended the loop, not glassbox's limits");
        assertEquals("y\ny\nhi\nhi\n", ok(e, "docker run --rm busybox sh -c 'yes | tee /dev/null | head -2; echo hi | tee /tmp/t; cat /tmp/t'").out(),
                "tee copies as it reads");
        assertEquals(2, steps("SIGPIPE"), "tee, then yes");
    }

    @Test
    void aReaderToTheEndDrainsTheWriterAsItGoes() {
        assertEquals("700000\n", ok(e, "docker run --rm busybox sh -c 'seq 1 700000 | tail -1'").out());
        long bytes = 0;
        for (int i = 1; i <= 700000; i++) {
            bytes += Integer.toString(i).length() + 1;
        }
        assertEquals(bytes + "\n", ok(e, "docker run --rm busybox sh -c 'seq 1 700000 | cat | wc -c'").out(), "5 MB through two pipes");
        assertEquals(2, steps("pipe"));
        assertEquals("n1\nn2\nn3\n", ok(e, "docker run --rm busybox sh -c 'seq 3 | while read l; do echo n$l; done'").out());
    }

    @Test
    void tailOfAPipeKeepsItsLastLinesAndAnEndlessLineMeetsTheMemoryLimit() {
        assertEquals("b\nc", ok(e, "docker run --rm busybox sh -c 'printf \"a\\nb\\nc\" | tail -2'").out());
        assertEquals("100\n", ok(e, "docker run --rm busybox sh -c 'head -c 100 /dev/zero | tail | wc -c'").out());
        Result r = e.run("docker run --name oom -m 32m busybox sh -c 'exec 2>/dev/null; head -c 67108864 /dev/zero | tail > /dev/null'");
        assertEquals(137, r.exitStatus());
        assertEquals("137 true\n", ok(e, "docker inspect -f '{{.State.ExitCode}} {{.State.OOMKilled}}' oom").out(),
                "tail holding one 64 MiB line is the OOM killer's victim, as on Linux");
        ok(e, "docker rm oom");
    }

    @Test
    void aWriterIntoAReaderThatDrainsItForEverIsARunaway() {
        Result r = sh("seq 1 999999999 | tail -1");
        assertEquals(137, r.exitStatus());
        assertTrue(r.err().startsWith("glassbox: killed seq 1 999999999 (pid "), r.err());
        assertTrue(r.err().contains("steps of work, a runaway\n"), r.err());
    }

    @Test
    void theStatusIsTheLastStagesAndBangNegatesIt() {
        assertEquals("0 1 0 1\n", ok(e, "docker run --rm busybox sh -c 'false | true; a=$?; true | false; b=$?;"
                + " ! true | false; c=$?; ! false | true; echo $a $b $c $?'").out());
    }

    @Test
    void aWriterIgnoringSigpipeGetsEpipe() {
        Result yes = sh("trap \"\" PIPE; yes | head -1");
        assertEquals("y\n", yes.out());
        assertEquals("yes: Broken pipe\n", yes.err(), "busybox yes dies with perror when putchar fails");
        assertEquals(0, yes.exitStatus());
        Result echo = sh("trap \"\" PIPE; { echo x; sleep 1; echo y; echo \"echo said $?\" >&2; } | head -1");
        assertEquals("x\n", echo.out());
        assertEquals("sh: write error: Broken pipe\necho said 1\n", echo.err());
        assertEquals(0, steps("SIGPIPE"));
    }

    @Test
    void eachStageIsAChildOfTheShell() {
        ok(e, "docker run -d --name two busybox sh -c 'sleep 100 | sleep 200'");
        assertEquals("PPID  COMMAND\n    0 sh -c sleep 100 | sleep 200\n    1 sleep 100\n    1 sleep 200\n    0 ps -o ppid,args\n",
                ok(e, "docker exec two ps -o ppid,args").out());
        ok(e, "docker rm -f two");
        assertEquals("PID   PPID  COMMAND\n    1     0 sh -c ps -o pid,ppid,args | cat | cat\n    2     1 ps -o pid,ppid,args\n"
                + "    3     1 cat\n    4     1 cat\n", ok(e, "docker run --rm busybox sh -c 'ps -o pid,ppid,args | cat | cat'").out(),
                "the stages start together: the readers have become cat before ps looks");
    }

    @Test
    void yesAloneEndsAtTheOutputLimit() {
        Result r = e.run("docker run --rm busybox yes");
        assertEquals(137, r.exitStatus(), "yes never ends by itself");
        assertTrue(r.err().matches("\nglassbox: killed yes \\(pid \\d+\\): the command's processes printed more than 1 MiB, the most one"
                + " command shows here\n"), r.err());
    }

    @Test
    void aCommandSubstitutionOfYesIsBoundedAtTheDataLimit() {
        Result r = sh("x=$(yes); echo ${#x}");
        assertEquals(0, r.exitStatus(), r.err());
        long kept = Long.parseLong(r.out().trim());
        assertTrue(kept > SimProcess.DATA_LIMIT - (1 << 20) && kept <= SimProcess.DATA_LIMIT, r.out());
        assertTrue(r.err().matches("glassbox: killed yes \\(pid \\d+\\): more than 16 MiB of its output waited in memory, the most one"
                + " process keeps here\nKilled\n"), r.err());
        assertEquals(1, steps("kill output hog"));
    }

    @Test
    void aLongPipeMakesNoMoreTraceStepsThanAShortOne() {
        ok(e, "docker run --rm busybox sh -c 'echo a | wc -l'");
        long shortRun = e.lastTrace().events().size();
        ok(e, "docker run --rm busybox sh -c 'seq 1 100000 | wc -l'");
        assertEquals(shortRun, e.lastTrace().events().size(), "no step per 64 KiB that goes through the pipe");
    }
}
