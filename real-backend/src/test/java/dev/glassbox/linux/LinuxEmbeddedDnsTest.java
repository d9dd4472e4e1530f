package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        List<String> problems = Preflight.host().problems();
        Assumptions.assumeTrue(problems.isEmpty(), () -> "needs root and the host's features: " + problems);
        Path root = Files.createTempDirectory("glassbox-dns-");
        LinuxKernel.Options o = LinuxKernel.Options.at(root).named(HostRoot.unique("dns"));
        try {
            String prefix = o.subnet().substring(0, o.subnet().indexOf('.', o.subnet().indexOf('.') + 1) + 1);
            String linux = DifferentialTest.transcript(s, () -> LinuxEngine.open(o, true, s.daemon()), prefix);
            assertEquals(sim, linux, "the sim kernel (expected) and the Linux kernel (actual) differ");
        } finally {
            Reconciler.sweep(o, CgroupLayout.detect());
            assertEquals(List.of(), Reconciler.leftovers(o, CgroupLayout.detect()), "nothing of glassbox's is left on the host");
            Cmd.run(List.of("rm", "-rf", root.toString()), 60_000);
        }
    }
}
