package dev.glassbox.linux;

import dev.glassbox.Engine;
import dev.glassbox.daemon.DaemonOptions;
import dev.glassbox.linux.image.HttpRegistry;
import dev.glassbox.linux.image.LocalHub;
import dev.glassbox.registry.Registries;

/**
 * An engine on the host's Linux kernel, pulling the teaching images glassbox builds from this
 * host's own binaries ({@code docker.io}), and pulling from and pushing to registries on loopback
 * ({@code localhost:5000/app}) over HTTP; any other registry host is refused: what
 * {@code glassbox --kernel linux} runs. Its daemon's state lives under the state root and survives
 * a restart (images, containers, volumes, networks).
 */
public final class LinuxEngine {
    private LinuxEngine() {}

    /** Throws {@link LinuxKernel.Unavailable} (one line per missing piece) when the host cannot run it. */
    public static Engine open(LinuxKernel.Options options) {
        return open(options, true);
    }

    /** {@code captureState} off for benchmarks: no state snapshot at every trace step. */
    public static Engine open(LinuxKernel.Options options, boolean captureState) {
        return open(options, captureState, DaemonOptions.DEFAULT);
    }

    /**
     * With the daemon's options; {@code --userns-remap} on a host that refuses user namespaces throws
     * {@link LinuxKernel.Unavailable} with one line saying so, and nothing starts.
     */
    public static Engine open(LinuxKernel.Options options, boolean captureState, DaemonOptions daemon) {
        if (daemon.remapped()) {
            String problem = Preflight.userNamespaceProblem();
            if (problem != null) {
                throw new LinuxKernel.Unavailable(java.util.List.of(problem));
            }
        }
        LinuxKernel kernel = LinuxKernel.open(options);
        try {
            return Engine.persistent(kernel, new Registries(LocalHub.fromHost(), HttpRegistry::at), captureState, daemon);
        } catch (RuntimeException e) {
            kernel.close(); // a daemon that cannot come up leaves nothing running
            throw e;
        }
    }
}
