package dev.glassbox.daemon.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glassbox.api.DockerException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Dockerfile parser and the builder's variable substitution, table by table, with BuildKit's error words. */
class DockerfileParseTest {
    private static Instruction only(String body) {
        Dockerfile f = Dockerfile.parse("FROM scratch\n" + body + "\n", "Dockerfile");
        assertEquals(1, f.stages().get(0).commands().size(), body);
        return f.stages().get(0).commands().get(0);
    }

    static Stream<Arguments> instructions() {
        return Stream.of(
                Arguments.of("RUN echo hi", new Instruction.Run(2, "RUN echo hi", new Instruction.Command(List.of("echo hi"), false))),
                Arguments.of("run [\"echo\", \"hi\"]", new Instruction.Run(2, "run [\"echo\", \"hi\"]",
                        new Instruction.Command(List.of("echo", "hi"), true))),
                Arguments.of("CMD ['a', 'b']", new Instruction.Cmd(2, "CMD ['a', 'b']", new Instruction.Command(List.of("['a', 'b']"), false))),
                Arguments.of("RUN echo a \\\n    b", new Instruction.Run(2, "RUN echo a     b", new Instruction.Command(List.of("echo a     b"), false))),
                Arguments.of("RUN echo c\\\n# a comment\nd", new Instruction.Run(2, "RUN echo cd", new Instruction.Command(List.of("echo cd"), false))),
                Arguments.of("ENV A=1 B=\"two words\"", new Instruction.Env(2, "ENV A=1 B=\"two words\"",
                        List.of(new Instruction.Pair("A", "1"), new Instruction.Pair("B", "\"two words\"")))),
                Arguments.of("ENV LEGACY some value", new Instruction.Env(2, "ENV LEGACY some value",
                        List.of(new Instruction.Pair("LEGACY", "some value")))),
                Arguments.of("COPY --chown=1:2 a b /dst/", new Instruction.Copy(2, "COPY --chown=1:2 a b /dst/", false, List.of("a", "b"), "/dst/", "1:2", "")),
                Arguments.of("ADD [\"a b\", \"/c\"]", new Instruction.Copy(2, "ADD [\"a b\", \"/c\"]", true, List.of("a b"), "/c", "", "")),
                Arguments.of("RUN --mount=type=cache,target=/x --network=none true", new Instruction.Run(2, "RUN --mount=type=cache,target=/x --network=none true",
                        new Instruction.Command(List.of("true"), false), List.of("mount", "network"))),
                Arguments.of("COPY --link --chmod=755 a /b", new Instruction.Copy(2, "COPY --link --chmod=755 a /b", false, List.of("a"), "/b", "", "", "755")),
                Arguments.of("ADD --keep-git-dir --checksum=sha256:00 a /b", new Instruction.Copy(2, "ADD --keep-git-dir --checksum=sha256:00 a /b", true,
                        List.of("a"), "/b", "", "")),
                Arguments.of("onbuild  RUN echo $HOME", new Instruction.Onbuild(2, "onbuild  RUN echo $HOME", "RUN echo $HOME")),
                Arguments.of("ARG A B=2", new Instruction.Arg(2, "ARG A B=2", List.of(new Instruction.ArgDef("A", null), new Instruction.ArgDef("B", "2")))),
                Arguments.of("EXPOSE 80 443/udp", new Instruction.Expose(2, "EXPOSE 80 443/udp", List.of("80", "443/udp"))),
                Arguments.of("VOLUME [\"/a\", \"/b\"]", new Instruction.Volume(2, "VOLUME [\"/a\", \"/b\"]", List.of("/a", "/b"))),
                Arguments.of("HEALTHCHECK --interval=5s --retries=2 CMD curl -f http://x/", new Instruction.Healthcheck(2,
                        "HEALTHCHECK --interval=5s --retries=2 CMD curl -f http://x/", List.of("CMD-SHELL", "curl -f http://x/"), 5_000_000_000L, 0, 0, 2)),
                Arguments.of("HEALTHCHECK NONE", new Instruction.Healthcheck(2, "HEALTHCHECK NONE", List.of("NONE"), 0, 0, 0, 0)),
                Arguments.of("SHELL [\"/bin/bash\", \"-c\"]", new Instruction.Shell(2, "SHELL [\"/bin/bash\", \"-c\"]", List.of("/bin/bash", "-c"))));
    }

    @ParameterizedTest
    @MethodSource("instructions")
    void parsesEachInstructionAsBuildKitDoes(String body, Instruction expected) {
        assertEquals(expected, only(body));
    }

    @Test
    void escapeDirectiveChangesTheContinuationCharacter() {
        Dockerfile f = Dockerfile.parse("# escape=`\nFROM scratch\nRUN dir c:\\ `\n  /w\n", "Dockerfile");
        assertEquals('`', f.escape());
        assertEquals(new Instruction.Command(List.of("dir c:\\   /w"), false), ((Instruction.Run) f.stages().get(0).commands().get(0)).command());
    }

    @Test
    void argsBeforeFromAndStagesAreSeparated() {
        Dockerfile f = Dockerfile.parse("ARG V=1\nFROM busybox:$V AS Build\nRUN true\nFROM scratch\nCOPY --from=build /x /x\n", "Dockerfile");
        assertEquals(1, f.metaArgs().size());
        assertEquals(2, f.stages().size());
        assertEquals("build", f.stages().get(0).from().stageName());
        assertEquals(0, f.stageIndex("BUILD"));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("FROM alpine\nRUN true\nRUNN true\n", "dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)"),
                Arguments.of("FROM alpine\nfrobnicate x\n", "dockerfile parse error on line 2: unknown instruction: frobnicate"),
                Arguments.of("FROM alpine\ncopy x\n", "dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined"),
                Arguments.of("FROM a b\n", "dockerfile parse error on line 1: FROM requires either one or three arguments"),
                Arguments.of("FROM a AS 1x\n", "dockerfile parse error on line 1: invalid name for build stage: \"1x\", name can't start with a number or contain symbols"),
                Arguments.of("FROM a\nENV A\n", "dockerfile parse error on line 2: ENV must have two arguments"),
                Arguments.of("FROM a\nENV A=1 B\n", "dockerfile parse error on line 2: Syntax error - can't find = in \"B\". Must be of the form: name=value"),
                Arguments.of("FROM a\nSHELL /bin/bash -c\n", "dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form"),
                Arguments.of("FROM a\nRUN --security=insecure true\n", "dockerfile parse error on line 2: unknown flag: --security"),
                Arguments.of("FROM a\nRUN --mount true\n", "dockerfile parse error on line 2: missing a value on flag: --mount"),
                Arguments.of("FROM a\nCOPY --parents a /b/\n", "dockerfile parse error on line 2: unknown flag: --parents"),
                Arguments.of("FROM a\nCOPY --chmd=755 a /b\n", "dockerfile parse error on line 2: unknown flag: --chmd (did you mean chmod?)"),
                Arguments.of("FROM a\nCOPY --link=maybe a /b\n", "dockerfile parse error on line 2: expecting boolean value for flag --link, not: maybe"),
                Arguments.of("FROM a\nCOPY --chown=1 --chown=2 a /b\n", "dockerfile parse error on line 2: duplicate flag specified: --chown"),
                Arguments.of("FROM a\nADD --from=b a /b\n", "dockerfile parse error on line 2: unknown flag: --from"),
                Arguments.of("FROM --plattform=linux a\n", "dockerfile parse error on line 1: unknown flag: --plattform (did you mean platform?)"),
                Arguments.of("FROM a\nONBUILD ONBUILD RUN true\n", "dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
                Arguments.of("FROM a\nONBUILD from b\n", "dockerfile parse error on line 2: FROM isn't allowed as an ONBUILD trigger"),
                Arguments.of("FROM a\nonbuild Maintainer me\n", "dockerfile parse error on line 2: MAINTAINER isn't allowed as an ONBUILD trigger"),
                Arguments.of("FROM a\nHEALTHCHECK PING x\n", "dockerfile parse error on line 2: Unknown type \"PING\" in HEALTHCHECK (try CMD)"),
                Arguments.of("RUN true\n", "no build stage in current context"),
                Arguments.of("# just a comment\n\n", "the Dockerfile (Dockerfile) cannot be empty"),
                Arguments.of("ARG A\n", "dockerfile contains no stages to build"),
                Arguments.of("# escape=x\nFROM a\n", "invalid escape token 'x' does not match ` or \\"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void refusesInBuildKitsWords(String text, String message) {
        DockerException e = assertThrows(DockerException.class, () -> Dockerfile.parse(text, "Dockerfile"));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> words() {
        Map<String, String> env = Map.of("A", "x", "EMPTY", "", "B", "two words");
        return Stream.of(
                Arguments.of("$A", env, "x"), Arguments.of("${A}y", env, "xy"), Arguments.of("$UNSET-", env, "-"),
                Arguments.of("${UNSET:-def}", env, "def"), Arguments.of("${EMPTY:-def}", env, "def"), Arguments.of("${EMPTY-def}", env, ""),
                Arguments.of("${A:+alt}", env, "alt"), Arguments.of("${UNSET:+alt}", env, ""), Arguments.of("${EMPTY+alt}", env, "alt"),
                Arguments.of("'$A'", env, "$A"), Arguments.of("\"$A b\"", env, "x b"), Arguments.of("\\$A", env, "$A"),
                Arguments.of("a$", env, "a$"), Arguments.of("${A}/${B}", env, "x/two words"));
    }

    @ParameterizedTest
    @MethodSource("words")
    void substitutesVariablesWhereDockerDoes(String word, Map<String, String> env, String expected) {
        assertEquals(expected, new ShellLex('\\', env).word(word));
    }

    @Test
    void substitutionErrorsNameTheWord() {
        ShellLex lex = new ShellLex('\\', Map.of("E", ""));
        assertEquals("failed to process \"${\": syntax error: missing '}'", assertThrows(DockerException.class, () -> lex.word("${")).getMessage());
        assertEquals("failed to process \"${A\": syntax error: missing '}'", assertThrows(DockerException.class, () -> lex.word("${A")).getMessage());
        assertEquals("failed to process \"${E:?must be set}\": E: must be set",
                assertThrows(DockerException.class, () -> lex.word("${E:?must be set}")).getMessage());
        assertEquals(List.of("80", "443"), new ShellLex('\\', Map.of("P", "80 443")).words("$P"));
    }
}
