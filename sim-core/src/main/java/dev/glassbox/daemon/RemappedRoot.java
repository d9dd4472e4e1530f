package dev.glassbox.daemon;

import dev.glassbox.kernel.HostLayout;
import dev.glassbox.kernel.Kernel;

/**
 * dockerd's data root under {@code --userns-remap}: everything (image layers, containers, volumes)
 * moves to {@code <root>/<uid>.<gid>}, a directory the remapped root owns, so that the container's
 * root may walk to its files while the parent lets the remapped group pass but not read (0710).
 */
final class RemappedRoot {
    private RemappedRoot() {}

    static HostLayout layout(Kernel kernel, DaemonOptions options) {
        HostLayout k = kernel.layout();
        if (!options.remapped()) {
            return k;
        }
        HostLayout remapped = new HostLayout(k.dataRoot() + "/" + options.usernsRemap().dirName(), k.cgroupParent(), k.bridge(), k.subnet(),
                k.gateway());
        prepare(kernel, k.dataRoot(), remapped.dataRoot(), options.usernsRemap());
        return remapped;
    }

    private static void prepare(Kernel kernel, String parent, String root, UsernsRemap remap) {
        kernel.fs().mkdirs(root);
        kernel.fs().chown(parent, 0, (int) remap.gid());
        kernel.fs().chmod(parent, 0710);
        kernel.fs().chown(root, (int) remap.uid(), (int) remap.gid());
        kernel.fs().chmod(root, 0710);
    }
}
