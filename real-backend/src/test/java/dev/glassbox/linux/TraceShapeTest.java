package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.trace.TraceEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The teaching promise: a command's causal tree has the same shape on the sim kernel and on the
 * host's kernel, step for step (layer, subsystem, action); only the objects and the real-world
 * equivalents differ. A published port included: a DNAT rule and docker-proxy on both.
 */
class TraceShapeTest {
    private HostRoot host;

    @BeforeEach
    void ready() throws IOException {
        host = HostRoot.open("TraceShapeTest", "shape");
    }

    @AfterEach
    void cleanUp() {
        if (host != null) {
            host.close();
        }
    }

    private static List<String> shape(Engine e, List<String> lines) {
        e.run("docker pull busybox");
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            e.run(line);
            for (TraceEvent ev : e.lastTrace().events()) {
                out.add(ev.layer() + "/" + ev.subsystem() + " " + ev.action());
            }
        }
        return out;
    }

    private void sameShape(List<String> lines) {
        List<String> sim;
        try (Engine e = Engine.sim()) {
            sim = shape(e, lines);
        }
        List<String> linux;
        try (Engine e = LinuxEngine.open(host.options)) {
            linux = shape(e, lines);
        }
        assertEquals(String.join("\n", sim), String.join("\n", linux), "the trace of " + lines + " on sim (expected) and Linux (actual)");
    }

    @Test
    void runWithoutNetwork() {
        sameShape(List.of("docker run --rm --network none busybox true"));
    }

    @Test
    void publishedPortRunAndRemove() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        sameShape(List.of("docker run -d -p " + port + ":80 --name web busybox sleep 300", "docker rm -f web"));
    }

    @Test
    void detachedRunExecKillRemove() {
        sameShape(List.of("docker run -d --name web busybox sleep 300", "docker exec web hostname", "docker kill web", "docker rm web"));
    }
}
