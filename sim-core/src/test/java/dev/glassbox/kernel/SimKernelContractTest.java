package dev.glassbox.kernel;

import dev.glassbox.image.ImageRef;
import dev.glassbox.registry.SimHub;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;

/** The kernel SPI contract on the sim kernel. */
class SimKernelContractTest extends KernelContract {
    @Override
    protected Kernel newKernel() {
        return new SimKernel(7, Programs::lookup);
    }

    @Override
    protected String root() {
        return "/var/lib/glassbox-test";
    }

    @Override
    protected void unpackBusybox(Kernel k, String dir) {
        var image = SimHub.standard().resolve(ImageRef.parse("busybox:latest")).orElseThrow();
        k.fs().unpackLayer(dir, image.layers().get(0).entries());
    }
}
