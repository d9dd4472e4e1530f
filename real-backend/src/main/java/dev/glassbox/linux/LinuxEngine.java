package dev.glassbox.linux;

import dev.glassbox.Engine;
import dev.glassbox.linux.image.LocalHub;

/**
 * An engine on the host's Linux kernel, pulling the teaching images glassbox builds from this
 * host's own binaries: what {@code glassbox --kernel linux} runs. Its daemon's state lives under the
 * state root and survives a restart (images, containers, volumes, networks).
 */
public final class LinuxEngine {
    private LinuxEngine() {}

    /** Throws {@link LinuxKernel.Unavailable} (one line per missing piece) when the host cannot run it. */
    public static Engine open(LinuxKernel.Options options) {
        return open(options, true);
    }

    /** {@code captureState} off for benchmarks: no state snapshot at every trace step. */
    public static Engine open(LinuxKernel.Options options, boolean captureState) {
        return Engine.persistent(LinuxKernel.open(options), LocalHub.fromHost(), captureState);
    }
}
