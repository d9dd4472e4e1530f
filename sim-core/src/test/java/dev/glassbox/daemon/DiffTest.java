package dev.glassbox.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code docker diff} on the sim kernel: what a container's command did to its filesystem. */
class DiffTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("true", ""),
                Arguments.of("touch /tmp/new", "C /tmp\nA /tmp/new\n"),
                Arguments.of("mkdir -p /data/x && echo hi > /data/x/f", "A /data\nA /data/x\nA /data/x/f\n"),
                Arguments.of("rm /bin/ls", "C /bin\nD /bin/ls\n"),
                Arguments.of("echo x >> /etc/passwd", "C /etc\nC /etc/passwd\n"),
                Arguments.of("rm -r /home && touch /a-b /etc/a", "A /a-b\nC /etc\nA /etc/a\nD /home\n"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void diffListsWhatTheCommandChanged(String script, String expected) {
        try (Engine e = Engine.sim()) {
            Result run = e.run("docker run --name box busybox sh -c '" + script + "'");
            assertEquals(0, run.exitStatus(), run.text());
            Result diff = e.run("docker diff box");
            assertEquals(expected, diff.out(), diff.text());
            assertEquals(0, diff.exitStatus());
        }
    }

    @org.junit.jupiter.api.Test
    void diffOfAMissingContainerIsDockersError() {
        try (Engine e = Engine.sim()) {
            Result r = e.run("docker container diff nope");
            assertEquals("Error response from daemon: No such container: nope\n", r.err());
            assertEquals(1, r.exitStatus());
        }
    }
}
