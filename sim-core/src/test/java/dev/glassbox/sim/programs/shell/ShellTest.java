package dev.glassbox.sim.programs.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.sim.SimBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellTest {
    private final SimBox w = new SimBox();

    ShellTest() {
        w.binary("/bin/bash", "bash");
        w.binary("/bin/dash", "dash");
    }

    @AfterEach
    void noCrashes() {
        w.close();
        assertEquals(java.util.List.of(), w.crashes());
    }

    private String out(String script) {
        SimBox.Result r = w.sh(script);
        assertEquals("", r.err(), "stderr of: " + script);
        return r.out();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "echo hello world => hello world",
        "echo 'a  b'  \"c  d\" => a  b c  d",
        "echo a\\ b => a b",
        "X=1; echo $X ${X} \"$X\" => 1 1 1",
        "echo ${NOPE:-dflt} ${NOPE-x} => dflt x",
        "echo ${NOPE:=set}; echo $NOPE => set\nset",
        "X=abc; echo ${#X} ${X:+yes} ${NOPE:+no} => 3 yes",
        "F=/usr/local/bin/app.tar.gz; echo ${F##*/} ${F%.*} ${F%%.*} ${F#/usr/} => app.tar.gz /usr/local/bin/app.tar /usr/local/bin/app local/bin/app.tar.gz",
        "echo $((1 + 2 * 3)) $((10 / 3)) $((7 % 4)) $((2 > 1)) => 7 3 3 1",
        "i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i => 3",
        "echo $(echo inner) `echo back` => inner back",
        "echo \"$(printf 'a\\nb\\n\\n')\" => a\nb",
        "set -- x 'y z'; echo $# $1 $2 => 2 x y z",
        "set -- a b c; shift; echo $@ => b c",
        "f() { echo \"f:$1:$#\"; }; f one two => f:one:2",
        "f() { local v=in; echo $v; }; v=out; f; echo $v => in\nout",
        "f() { return 3; }; f; echo $? => 3",
        "false; echo $?; true; echo $? => 1\n0",
        "false && echo no || echo yes => yes",
        "true && echo yes || echo no => yes",
        "if false; then echo a; elif true; then echo b; else echo c; fi => b",
        "for x in 1 2 3; do echo -n $x; done; echo => 123",
        "for x in a b c d; do [ $x = c ] && break; echo $x; done => a\nb",
        "for x in a b c; do [ $x = b ] && continue; echo $x; done => a\nc",
        "case hello.txt in *.sh) echo sh;; *.txt|*.md) echo text;; esac => text",
        "case abc in a?c) echo match;; esac => match",
        "cd /tmp; touch '['; echo [ [* [x; rm '['; echo [ [* => [ [ [x\n[ [*",
        "{ echo a; echo b; } | wc -l => 2",
        "echo one two | { read a b; echo $b $a; } => two one",
        "printf '%s=%d\\n' a 1 b 2 => a=1\nb=2",
        "printf '%5s|%-3s|%03d\\n' ab c 7 =>    ab|c  |007",
        "x=out; (x=in; echo $x); echo $x => in\nout",
        "cd /tmp && pwd; (cd /; pwd); pwd => /tmp\n/\n/tmp",
        "echo a; # comment\necho b => a\nb",
        "A=1 B=2; echo $A$B => 12",
        "test -d /tmp && echo dir; [ -f /etc/passwd ] && echo file; [ ! -e /nope ] && echo none => dir\nfile\nnone",
        "[ 3 -gt 2 -a 1 -eq 1 ] && echo ok; [ -z '' ] && [ -n x ] && echo ok2 => ok\nok2",
        "echo ${1:-none} => none",
        "v='a b  c'; for w in $v; do echo $w; done => a\nb\nc",
        "set -- 'a b' c; for w in \"$@\"; do echo $w; done => a b\nc",
        "echo \"$*\" => ''",
        "eval 'echo evaluated' => evaluated",
        "type echo; command -v ls => echo is a shell builtin\n/bin/ls",
        "echo -n no-newline; echo => no-newline",
        "echo -e 'a\\tb' => a\tb",
        "x=$(false); echo $? => 1",
        "printf 'a\\nb\\n' | while read l; do ls / > /dev/null; echo $l; done => a\nb",
        "echo $((x=5)) $x => 5 5",
    })
    void evaluates(String example) {
        String script = example.substring(0, example.lastIndexOf(" => "));
        String expected = example.substring(example.lastIndexOf(" => ") + 4);
        assertEquals(expected.equals("''") ? "\n" : expected.replace("\\n", "\n") + "\n", out(script.replace("\\n", "\n")));
    }

    @Test
    void globsExpandAgainstTheFileTree() {
        w.file("/tmp/g/b.conf", "");
        w.file("/tmp/g/a.conf", "");
        w.file("/tmp/g/c.txt", "");
        assertEquals("/tmp/g/a.conf /tmp/g/b.conf\n", out("echo /tmp/g/*.conf"));
        assertEquals("/tmp/g/*.none\n", out("echo /tmp/g/*.none"));
        assertEquals("*.conf\n", out("cd /tmp/g; echo '*.conf'"));
    }

    @Test
    void aGlobGivesWhatItsDirectoryListsAndLooksUpTheLiteralNamesAfterAPattern() {
        w.file("/tmp/k/a/conf", "");
        w.file("/tmp/k/b/other", "");
        // a link to nothing is listed, so * gives it, though the path it names does not resolve
        assertEquals("/tmp/k/a /tmp/k/b /tmp/k/dangling\n", out("ln -s /nowhere /tmp/k/dangling; echo /tmp/k/*"));
        assertEquals("/tmp/k/a/conf\n", out("echo /tmp/k/*/conf"));
        assertEquals("/tmp/k/*/none\n", out("echo /tmp/k/*/none"));
        assertEquals("/tmp/k/a/conf /tmp/k/b/other\n", out("echo /tmp/k/[ab]/*"));
    }

    @Test
    void aBracketThatNeverClosesIsLiteralButSlashesAreStillJoinedForAFileThatExists() {
        w.file("/tmp/h/[x", "");
        w.file("/tmp/h/a.conf", "");
        assertEquals("[ /tmp/h/[x /tmp/h/[y\n", out("echo [ /tmp/h/[x /tmp/h/[y"));
        // a literal word whose slashes repeat comes back as the path found, only when that file exists
        assertEquals("/tmp/h/[x /tmp//h//[y\n", out("echo /tmp//h//[x /tmp//h//[y"));
        assertEquals("/tmp/h/a.conf\n", out("echo /tmp/h/[a].conf"));
    }

    @Test
    void aScriptsInterpreterLineGivesTheRestOfTheLineAsOneArgument() {
        w.script("/tmp/strict.sh", "#!/bin/sh -e\nfalse\necho after\n");
        assertEquals("status 1\n", out("/tmp/strict.sh; echo status $?"));
        w.script("/tmp/spaced.sh", "#!/bin/sh   -e  \nfalse\necho after\n");
        assertEquals("status 1\n", out("/tmp/spaced.sh; echo status $?"));
    }

    @Test
    void redirectionsWriteAppendAndRead() {
        assertEquals("", out("echo one > /tmp/f; echo two >> /tmp/f; echo err 2>/dev/null >&2"));
        assertEquals("one\ntwo\n", w.read("/tmp/f"));
        assertEquals("2\n", out("wc -l < /tmp/f"));
        SimBox.Result r = w.sh("ls /nope 2>&1; echo status $?");
        assertEquals("ls: /nope: No such file or directory\nstatus 1\n", r.out());
        r = w.sh("ls /nope > /tmp/out 2>&1; cat /tmp/out");
        assertEquals("ls: /nope: No such file or directory\n", r.out());
        assertEquals("", out("cat /tmp/f | grep one > /dev/null"));
    }

    /** As busybox 1.35, dash 0.5.12 and bash 5.2 answer on a Debian host. */
    @Test
    void aFailedRedirectionSaysSoAndGivesEachShellsStatus() {
        String script = "echo hi > /nope/x; echo builtin $?; cat < /nope/x; echo program $?; { echo a; } > /nope/x; echo group $?;"
                + " cat 3< /nope/x; echo fd3 $?; exec 3< /nope/x; echo after $?";
        SimBox.Result ash = w.sh(script);
        assertEquals("builtin 1\nprogram 1\ngroup 1\nfd3 1\n", ash.out());
        assertEquals(1, ash.status(), "exec, a special builtin, ends the shell");
        assertEquals("sh: can't create /nope/x: nonexistent directory\nsh: can't open /nope/x: no such file\n", ash.err().lines()
                .limit(2).map(l -> l + "\n").reduce("", String::concat));
        SimBox.Result dash = w.sh("dash", script);
        assertEquals("builtin 2\nprogram 2\ngroup 2\nfd3 2\n", dash.out());
        assertEquals(2, dash.status());
        assertTrue(dash.err().startsWith("dash: 1: cannot create /nope/x: Directory nonexistent\n"), dash.err());
        SimBox.Result bash = w.sh("bash", script);
        assertEquals("builtin 1\nprogram 1\ngroup 1\nfd3 1\nafter 1\n", bash.out(), "bash goes on after exec");
        assertEquals(0, bash.status());
    }

    @Test
    void hereDocumentsExpandUnlessQuoted() {
        assertEquals("hi there\n$X\n", out("X=there; cat <<EOF\nhi $X\nEOF\ncat <<'EOF'\n$X\nEOF"));
    }

    @Test
    void pipesFeedEachStageTheOutputOfTheLast() {
        assertEquals("3\n", out("printf 'b\\na\\nc\\n' | sort | wc -l"));
        assertEquals("a\nb\n", out("printf 'b\\na\\nb\\n' | sort -u"));
        assertEquals("1\n", out("echo x | grep -q x; echo $? | tr 0 1"));
        assertEquals("", out("x=1; echo 2 | read x; [ $x = 1 ]"));
    }

    @Test
    void missingCommandsAreReportedAsEachShellDoes() {
        SimBox.Result ash = w.sh("nope; echo $?");
        assertEquals("sh: nope: not found\n", ash.err());
        assertEquals("127\n", ash.out());
        assertEquals("dash: 1: nope: not found\n", w.sh("dash", "nope").err());
        SimBox.Result bash = w.sh("bash", "echo; nope");
        assertEquals("bash: line 1: nope: command not found\n", bash.err());
        assertEquals(127, bash.status());
        w.script("/tmp/s.sh", "#!/bin/sh\necho start\nnope\n");
        SimBox.Result script = w.run("", "sh", "/tmp/s.sh");
        assertEquals("/tmp/s.sh: line 3: nope: not found\n", script.err());
    }

    @Test
    void syntaxErrorsStopWithStatusTwo() {
        SimBox.Result r = w.sh("echo a; if true; then echo b; fi; fi");
        assertEquals(2, r.status());
        assertEquals("sh: syntax error: unexpected \"fi\"\n", r.err());
        assertEquals("", r.out());
        assertEquals("dash: 1: Syntax error: \"fi\" unexpected\n", w.sh("dash", "fi").err());
        assertEquals("sh: syntax error: unterminated quoted string\n", w.sh("echo 'x").err());
        r = w.sh("echo first\nif true; then");
        assertEquals("first\n", r.out());
        assertEquals("sh: syntax error: unexpected end of file (expecting \"fi\")\n", r.err());
    }

    @Test
    void aScriptRunAgainRunsFromTheTopAndStopsAtTheSameSyntaxError() {
        w.script("/tmp/again.sh", "#!/bin/sh\necho run >> /tmp/runs\nwc -l < /tmp/runs\nif true; then\n");
        SimBox.Result first = w.run("", "sh", "/tmp/again.sh");
        SimBox.Result second = w.run("", "sh", "/tmp/again.sh");
        assertEquals("1\n", first.out());
        assertEquals("2\n", second.out());
        assertEquals(2, second.status());
        assertTrue(second.err().contains("syntax error"), second.err());
        assertEquals(first.err(), second.err());
    }

    @Test
    void exitStatusesPropagate() {
        assertEquals(3, w.sh("exit 3").status());
        assertEquals(1, w.sh("false").status());
        assertEquals(0, w.sh("! false").status());
        assertEquals(5, w.sh("(exit 5)").status());
        assertEquals(0, w.sh("(exit 5); true").status());
        assertEquals(2, w.sh("grep x /nope").status());
    }

    @Test
    void errexitStopsAtTheFirstFailureOutsideConditions() {
        SimBox.Result r = w.sh("set -e; if false; then :; fi; false || true; echo reached; false; echo not");
        assertEquals("reached\n", r.out());
        assertEquals(1, r.status());
        r = w.run("", "sh", "-ec", "false && true; echo survives; ls /nope; echo not");
        assertEquals("survives\n", r.out());
        assertEquals(1, r.status());
    }

    @Test
    void xtraceShowsExpandedCommands() {
        SimBox.Result r = w.sh("set -x; X='a b'; echo $X");
        assertEquals("+ X='a b'\n+ echo a b\n", r.err());
    }

    @Test
    void execReplacesTheShellProcess() {
        SimBox.Result r = w.sh("echo $$ > /tmp/pid; exec sh -c 'echo $$'");
        assertEquals(w.read("/tmp/pid"), r.out());
        r = w.sh("exec nope");
        assertEquals(127, r.status());
        assertEquals("sh: exec: line 1: nope: not found\n", r.err());
    }

    @Test
    void entrypointScriptsGetTheirArgumentsAndExecThem() {
        w.script("/docker-entrypoint.sh", "#!/bin/sh\nset -e\nlog() { echo \"$0: $@\"; }\n"
                + "if [ \"$1\" = \"echo\" ]; then log starting; fi\nexec \"$@\"\n");
        SimBox.Result r = w.run("", "/bin/sh", "/docker-entrypoint.sh", "echo", "hello", "world");
        assertEquals("/docker-entrypoint.sh: starting\nhello world\n", r.out());
        assertEquals(0, r.status());
    }

    @Test
    void backgroundJobsSetBangAndCanBeWaitedFor() {
        SimBox.Result r = w.sh("sh -c 'exit 7' & pid=$!; wait $pid; echo status $? pid-set ${pid:+yes}");
        assertEquals("status 7 pid-set yes\n", r.out());
        r = w.sh("{ echo in-bg > /tmp/bg; } & wait; cat /tmp/bg");
        assertEquals("in-bg\n", r.out());
    }

    @Test
    void trapsRunOnSignalsAndAtExit() throws Exception {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int p = w.start("", out, err, "sh", "-c",
                "trap 'echo got TERM; exit 0' TERM; trap 'echo bye' EXIT; echo ready; while true; do sleep 1; done");
        w.until(() -> out.toString().contains("ready"), "ready");
        w.kill(p, dev.glassbox.kernel.Signals.SIGTERM);
        assertEquals(0, w.await(p));
        assertEquals("ready\ngot TERM\nbye\n", out.toString());
    }

    @Test
    void aSignalTheShellSendsItselfArrivesBeforeKillReturns() {
        assertEquals("trapped\nafter\n", w.sh("trap 'echo trapped' USR1; kill -USR1 $$; echo after").out(),
                "the trap used to wait for the shell's next wait, and at the end of a script never ran");
        SimBox.Result r = w.sh("sh -c 'kill -TERM $$; echo not reached'; echo status $?");
        assertEquals("status 143\n", r.out().replace("Terminated\n", ""), "without a trap, the default action ends it at once");
    }

    @Test
    void trapWithEmptyActionIgnoresTheSignal() {
        StringBuilder out = new StringBuilder();
        int p = w.start("", out, new StringBuilder(), "sh", "-c",
                "trap '' TERM; echo ready; while [ ! -f /tmp/go ]; do sleep 1; done; echo done");
        w.until(() -> out.toString().contains("ready"), "ready");
        w.kill(p, dev.glassbox.kernel.Signals.SIGTERM);
        w.file("/tmp/go", "");
        assertEquals(0, w.await(p));
        assertTrue(out.toString().endsWith("done\n"));
    }

    @Test
    void readsCommandsFromStdinWithoutArguments() {
        SimBox.Result r = w.run("echo from stdin\nexit 4\n", "sh");
        assertEquals("from stdin\n", r.out());
        assertEquals(4, r.status());
    }

    @Test
    void bashNamesItselfInZeroAndErrors() {
        assertEquals("bash\n", w.sh("bash", "echo $0").out());
        assertEquals("bash: line 1: cd: /nope: No such file or directory\n", w.sh("bash", "cd /nope").err());
        assertEquals("sh: cd: line 1: can't cd to /nope: No such file or directory\n", w.sh("cd /nope").err());
    }
}
