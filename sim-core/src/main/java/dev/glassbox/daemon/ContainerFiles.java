package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.kernel.Kernel;

/**
 * One file of a container's filesystem, read the way {@code docker cp CONTAINER:PATH -} reads it
 * (GET /containers/{id}/archive): a path under a volume or bind mount is read from its source on the
 * host; any other path through the container's root filesystem, which a container that is not running has
 * mounted for the read and unmounted after it, as Docker does.
 */
final class ContainerFiles {
    private static final int MAX_BYTES = 16 << 20;

    private ContainerFiles() {}

    static byte[] read(Kernel kernel, dev.glassbox.daemon.storage.StorageDriver driver, Container c, String path) {
        String clean = normalize(path);
        for (MountPoint m : c.mounts) {
            String dest = m.destination().endsWith("/") ? m.destination() : m.destination() + "/";
            if (clean.equals(m.destination()) || clean.startsWith(dest)) {
                if (m.type().equals("tmpfs")) {
                    throw DockerException.unsupported("glassbox: " + clean + " is on a tmpfs in container " + c.name
                            + ": only its processes can read it (docker exec " + c.name + " cat " + clean + ")");
                }
                return readHost(kernel, c, m.source() + clean.substring(m.destination().length()), clean);
            }
        }
        if (c.running()) {
            return readHost(kernel, c, c.merged() + clean, clean);
        }
        driver.mount(c.rootfs);
        try {
            return readHost(kernel, c, c.merged() + clean, clean);
        } finally {
            driver.unmount(c.rootfs);
        }
    }

    private static byte[] readHost(Kernel kernel, Container c, String hostPath, String path) {
        if (!kernel.fs().exists(hostPath)) {
            throw notFound(c, path);
        }
        byte[] data;
        try {
            data = kernel.fs().readFile(hostPath);
        } catch (RuntimeException e) {
            throw notFound(c, path); // a directory, a device, or a link that leads nowhere
        }
        if (data.length > MAX_BYTES) {
            throw DockerException.limit("glassbox: " + path + " in container " + c.name + " is " + data.length
                    + " bytes; files of at most " + MAX_BYTES + " bytes are read");
        }
        return data;
    }

    private static DockerException notFound(Container c, String path) {
        return DockerException.notFound("Could not find the file " + path + " in container " + c.name);
    }

    /** An absolute path without {@code .}, {@code ..} or repeated slashes; {@code ..} stops at the root (lexically: links are not followed). */
    static String normalize(String path) {
        return java.nio.file.Path.of("/").resolve(path).normalize().toString();
    }
}
