package dev.glassbox.linux;

import dev.glassbox.Engine;
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
        LinuxKernel kernel = LinuxKernel.open(options);
        try {
            return Engine.persistent(kernel, new Registries(LocalHub.fromHost(), HttpRegistry::at), captureState);
        } catch (RuntimeException e) {
            kernel.close(); // a daemon that cannot come up leaves nothing running
            throw e;
        }
    }
}
