package dev.glassbox.linux;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One test's corner of the host: a temp state root and glassbox names of its own for the Linux
 * kernel. Where the host cannot run the Linux kernel the test is skipped, with the reason printed.
 * Closing sweeps away whatever is left and removes the root.
 */
final class HostRoot implements AutoCloseable {
    final Path root;
    final LinuxKernel.Options options;

    private HostRoot(Path root, String tag) {
        this.root = root;
        this.options = LinuxKernel.Options.at(root).named(unique(tag));
    }

    /**
     * A tag of at most 7 characters, its last 4 the test JVM's pid: two test runs on one host (two
     * checkouts, say) never share a bridge or a cgroup parent, so one's clean-up cannot touch the other's.
     */
    static String unique(String tag) {
        return tag.substring(0, Math.min(3, tag.length())) + String.format("%04d", ProcessHandle.current().pid() % 10_000);
    }

    static HostRoot open(String test, String tag) throws IOException {
        List<String> problems = Preflight.host().problems();
        if (!problems.isEmpty()) {
            System.out.println("glassbox: skipping " + test + ": " + String.join("; ", problems));
        }
        assumeTrue(problems.isEmpty(), String.join("; ", problems));
        return new HostRoot(Files.createTempDirectory("glassbox-" + tag + "-"), tag);
    }

    /** What glassbox left on the host under these names, without removing it. */
    List<String> leftovers() {
        return Reconciler.leftovers(options, CgroupLayout.detect());
    }

    @Override
    public void close() {
        try {
            Reconciler.sweep(options, CgroupLayout.detect());
        } finally {
            Cmd.run(List.of("rm", "-rf", root.toString()), 60_000);
        }
    }
}
