package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glassbox.api.UsageException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandLineTest {
    static Stream<Arguments> words() {
        return Stream.of(
                Arguments.of("docker ps", List.of("docker", "ps")),
                Arguments.of("  docker   run\t-d  nginx  ", List.of("docker", "run", "-d", "nginx")),
                Arguments.of("echo 'a b' \"c d\"", List.of("echo", "a b", "c d")),
                Arguments.of("echo 'it''s'", List.of("echo", "its")),
                Arguments.of("echo \"say \\\"hi\\\" \\\\ \\n\"", List.of("echo", "say \"hi\" \\ \\n")),
                Arguments.of("echo \"\\$HOME\" '$HOME' \\$HOME $ a$", List.of("echo", "$HOME", "$HOME", "$HOME", "$", "a$")),
                Arguments.of("docker rm $(docker ps -aq) x`docker ps`y", List.of("docker", "rm", "$(docker ps -aq)", "x`docker ps`y")),
                Arguments.of("echo a\\ b c\\'d", List.of("echo", "a b", "c'd")),
                Arguments.of("docker run --entrypoint \"\" nginx", List.of("docker", "run", "--entrypoint", "", "nginx")),
                Arguments.of("docker run -e A='x y' img", List.of("docker", "run", "-e", "A=x y", "img")),
                Arguments.of("echo a#b # a comment", List.of("echo", "a#b")),
                Arguments.of("echo 'a # not a comment'", List.of("echo", "a # not a comment")),
                Arguments.of("sh -c \"echo 'nested'\"", List.of("sh", "-c", "echo 'nested'")),
                Arguments.of("echo trailing\\", List.of("echo", "trailing\\")));
    }

    @ParameterizedTest
    @MethodSource("words")
    void splitsWordsLikeAShell(String line, List<String> expected) {
        List<CommandLine.Segment> segments = CommandLine.split(line);
        assertEquals(1, segments.size());
        assertEquals("", segments.get(0).connector());
        assertEquals(expected, segments.get(0).words());
    }

    @Test
    void chainsCommands() {
        List<CommandLine.Segment> s = CommandLine.split("docker stop web && docker rm web || echo failed; docker ps");
        assertEquals(List.of(
                new CommandLine.Segment("", List.of("docker", "stop", "web")),
                new CommandLine.Segment("&&", List.of("docker", "rm", "web")),
                new CommandLine.Segment("||", List.of("echo", "failed")),
                new CommandLine.Segment(";", List.of("docker", "ps"))), s);
    }

    @Test
    void operatorsNeedNoSpacesButQuotesHideThem() {
        assertEquals(List.of(new CommandLine.Segment("", List.of("a")), new CommandLine.Segment("&&", List.of("b"))),
                CommandLine.split("a&&b"));
        assertEquals(List.of(new CommandLine.Segment("", List.of("echo", "a && b;c"))), CommandLine.split("echo 'a && b;c'"));
    }

    @Test
    void emptyAndCommentOnlyLinesHaveNoSegments() {
        assertEquals(List.of(), CommandLine.split(""));
        assertEquals(List.of(), CommandLine.split("   # just a note"));
        assertEquals(List.of(), CommandLine.split(null));
        assertEquals(1, CommandLine.split("docker ps;").size());
    }

    @Test
    void keepsSubstitutionsAsPartsOfTheirWord() {
        List<CommandLine.Command> c = CommandLine.parse("docker rm a$(docker ps -q; docker ps -aq)\"`docker ps`\" && x");
        assertEquals(2, c.size());
        List<Word.Part> parts = c.get(0).words().get(2).parts();
        assertEquals(new Word.Text("a", false), parts.get(0));
        Word.Substitution first = (Word.Substitution) parts.get(1);
        assertEquals("$(docker ps -q; docker ps -aq)", first.source());
        assertEquals(false, first.quoted());
        assertEquals(List.of(List.of("docker", "ps", "-q"), List.of("docker", "ps", "-aq")),
                first.commands().stream().map(cmd -> cmd.words().stream().map(Word::text).toList()).toList());
        Word.Substitution second = (Word.Substitution) parts.get(3);
        assertEquals(true, second.quoted());
        assertEquals("&&", c.get(1).connector());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("echo \"abc", "unexpected EOF while looking for matching `\"'"),
                Arguments.of("echo 'abc", "unexpected EOF while looking for matching `''"),
                Arguments.of("&& docker ps", "syntax error near unexpected token `&&'"),
                Arguments.of("docker ps ;; docker ps", "syntax error near unexpected token `;;'"),
                Arguments.of("a && ; b", "syntax error near unexpected token `;'"),
                Arguments.of("docker ps &&", "syntax error: unexpected end of file"),
                Arguments.of("docker ps | grep x", "glassbox: pipes (|) are not supported here"),
                Arguments.of("docker run nginx &", "glassbox: background jobs (&) are not supported here"),
                Arguments.of("docker logs web > out.txt", "glassbox: redirection (>) is not supported here"),
                Arguments.of("docker run -e A=\"$HOME\" img", "glassbox: variables ($HOME) are not supported here"),
                Arguments.of("docker rm $(docker ps -q) $?", "glassbox: variables ($?) are not supported here"),
                Arguments.of("docker rm $(docker ps -q &&)", "syntax error near unexpected token `)'"),
                Arguments.of("docker rm $(docker ps -q > ids)", "glassbox: redirection (>) is not supported here"),
                Arguments.of("docker rm " + "$(".repeat(17) + ")".repeat(17),
                        "glassbox: command substitutions nested more than 16 deep are not supported here"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void rejectsWhatAShellWouldReject(String line, String message) {
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.split(line));
        assertEquals(message, e.getMessage());
        assertEquals(2, e.exitStatus());
    }
}
