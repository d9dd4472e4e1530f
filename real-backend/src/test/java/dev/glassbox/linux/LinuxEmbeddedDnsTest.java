package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import java.io.IOException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * busybox nslookup on a user-defined network asks the embedded DNS at 127.0.0.11: on the Linux kernel a
 * socket the daemon bound in the container's namespace answers it, with what the sim kernel prints.
 */
class LinuxEmbeddedDnsTest {
    @Test
    void nslookupAnswersPeersAliasesAndNxdomainOnBothKernels() throws IOException {
        DifferentialTest.Script s = DifferentialTest.Script.load("42-embedded-dns");
        String sim = DifferentialTest.transcript(s, () -> Engine.sim(s.daemon()), "172.17.");
        for (String e : s.expected()) {
            assertTrue(sim.contains(e), "the sim kernel lacks '" + e + "':\n" + sim);
        }
        DifferentialHost host = DifferentialHost.open("LinuxEmbeddedDnsTest", "glassbox-dns-", "dns");
        Assumptions.assumeTrue(host.skip == null, () -> "needs root and the host's features: " + host.skip);
        LinuxKernel.Options o = host.options();
        try {
            String linux = DifferentialTest.transcript(s, () -> LinuxEngine.open(o, true, s.daemon()), DifferentialHost.subnetPrefix(o));
            assertEquals(sim, linux, "the sim kernel (expected) and the Linux kernel (actual) differ");
        } finally {
            host.cleanUp();
        }
    }
}
