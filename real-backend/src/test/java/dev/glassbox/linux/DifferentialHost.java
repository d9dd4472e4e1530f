package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Linux half of a differential test: a state root of its own when the host can run the Linux
 * kernel ({@link #skip} says why not otherwise), checked to leave nothing behind and removed at the end.
 */
final class DifferentialHost {
    /** Why the Linux half is skipped; null when it runs. */
    final String skip;
    private final Path root;
    private final String tag;

    private DifferentialHost(String skip, Path root, String tag) {
        this.skip = skip;
        this.root = root;
        this.tag = tag;
    }

    static DifferentialHost open(String test, String dirPrefix, String tag) throws IOException {
        List<String> problems = Preflight.host().problems();
        if (!problems.isEmpty()) {
            String skip = String.join("; ", problems);
            System.out.println("glassbox: " + test + " runs the sim kernel only: " + skip);
            return new DifferentialHost(skip, null, tag);
        }
        return new DifferentialHost(null, Files.createTempDirectory(dirPrefix), tag);
    }

    LinuxKernel.Options options() {
        return LinuxKernel.Options.at(root).named(HostRoot.unique(tag));
    }

    /** The first two octets of the options' subnet ({@code 10.231.}), which a transcript masks. */
    static String subnetPrefix(LinuxKernel.Options o) {
        return o.subnet().substring(0, o.subnet().indexOf('.', o.subnet().indexOf('.') + 1) + 1);
    }

    void cleanUp() throws IOException {
        if (root == null) {
            return;
        }
        LinuxKernel.Options o = options();
        Reconciler.sweep(o, CgroupLayout.detect());
        assertEquals(List.of(), Reconciler.leftovers(o, CgroupLayout.detect()), "nothing of glassbox's is left on the host");
        Cmd.run(List.of("rm", "-rf", root.toString()), 60_000);
    }
}
