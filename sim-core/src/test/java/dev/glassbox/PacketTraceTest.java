package dev.glassbox;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What {@code packet trace} prints is true: whole headers on every hop, and no claim that the sim kernel is silent. */
class PacketTraceTest {
    private static final Pattern HEADERS = Pattern.compile(
            "      headers: IP [0-9.]+ > [0-9.]+: (ICMP echo request|Flags \\[S\\]), ttl \\d+");

    @Test
    void everyHeadersLineIsWholeOnEveryKindOfHop() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web -p 8080:80 nginx");
            ok(e, "docker run -d --name cli busybox sleep 300");
            ok(e, "docker run -d --name hostcli --network host busybox sleep 300");
            int seen = 0;
            for (String line : List.of("packet trace cli 172.17.0.1:8080", "packet trace cli 172.17.0.2", "packet trace cli 8.8.8.8",
                    "packet trace hostcli 172.17.0.1:8080", "packet trace hostcli 127.0.0.1:8080", "packet trace cli 10.0.2.15:8080")) {
                String out = e.run(line).out();
                for (String l : out.lines().filter(l -> l.contains("headers:")).toList()) {
                    assertTrue(HEADERS.matcher(l).matches(), line + ": a cut or malformed headers line: '" + l + "'\n" + out);
                    seen++;
                }
            }
            assertTrue(seen > 15, "hops with headers were printed: " + seen);
        }
    }

    @Test
    void theSimKernelNeverSaysItReportsNoHops() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name cli busybox sleep 300");
            for (String line : List.of("packet trace cli nosuchname:80", "packet trace nosuch 172.17.0.2", "packet trace cli 127.0.0.1",
                    "packet trace cli 172.17.0.2:80")) {
                Result r = e.run(line);
                assertFalse(r.out().contains("this kernel reports no hops"), line + ":\n" + r.out());
            }
            Result unsent = e.run("packet trace cli nosuchname:80");
            assertEquals(1, unsent.exitStatus());
            assertEquals("packet cli → nosuchname:80 (TCP)\n  no packet was sent: only the answer below\n  no answer (exit 1)\n", unsent.out());
            assertEquals("nc: bad address 'nosuchname'\n", unsent.err());
        }
    }
}
