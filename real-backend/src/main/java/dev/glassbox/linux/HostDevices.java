package dev.glassbox.linux;

import dev.glassbox.kernel.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host's device nodes, read (never changed) as runc's HostDevices reads them for Docker's
 * {@code --privileged}: every character and block device under /dev, not following symlinks,
 * skipping the per-container directories (pts, shm, fd, mqueue, and LXC's and udev's own) and /dev/console.
 */
final class HostDevices {
    private static final Set<String> SKIPPED_DIRS = Set.of("pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev");
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    private HostDevices() {}

    static List<Device> list(Path dev) {
        List<Device> out = new ArrayList<>();
        try {
            Files.walkFileTree(dev, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(dev) && SKIPPED_DIRS.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isOther() && !file.equals(dev.resolve("console"))) {
                        Map<String, Object> a = Files.readAttributes(file, "unix:mode,rdev,uid,gid", LinkOption.NOFOLLOW_LINKS);
                        int mode = (Integer) a.get("mode");
                        long rdev = (Long) a.get("rdev");
                        Device.Type type = (mode & S_IFMT) == S_IFCHR ? Device.Type.CHAR : (mode & S_IFMT) == S_IFBLK ? Device.Type.BLOCK : null;
                        if (type != null) {
                            out.add(new Device("/dev/" + dev.relativize(file), type, major(rdev), minor(rdev), mode, (Integer) a.get("uid"),
                                    (Integer) a.get("gid")));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // gone meanwhile, or not readable: runc skips it too
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** glibc's gnu_dev_major. */
    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    /** glibc's gnu_dev_minor. */
    static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }
}
