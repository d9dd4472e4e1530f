package dev.glassbox.linux;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.KernelEvent;
import dev.glassbox.kernel.MountEvents;
import dev.glassbox.kernel.SysError;
import dev.glassbox.trace.Tracer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The host-namespace half of {@link dev.glassbox.kernel.Mounts}: overlay mounts and unmounts under
 * the state root, by the mount(2) and umount2(2) system calls made from the JVM (or, where libc
 * cannot be bound, and in tests with a fake runner, by {@code mount -t overlay} and {@code umount}).
 * Every directory named must lie inside the state root (see {@link LinuxHostFs#inside}). Records the
 * same kernel-layer events as the sim kernel's mounts ("mount overlay", "umount"), with the exact
 * system call, or command line, as the equivalent.
 * The container-namespace half (prepareRoot, mountIn, pivotRoot) runs in a helper inside the
 * container's mount namespace and is not here.
 */
public final class LinuxOverlayMounts {
    /** The kernel takes at most one page of mount options. */
    private static final int MAX_OPTIONS = 4095;

    private final Path root;
    private final Path realRoot;
    private final Tracer tracer;
    /** Runs mount and umount; null: the system calls are made directly. */
    private final Cmd.Runner runner;
    /** An O_PATH descriptor on the root of each overlay mounted here, held until it is unmounted (see {@link #unmount}). */
    private final java.util.Map<String, Integer> pins = new java.util.concurrent.ConcurrentHashMap<>();
    /** Closes the descriptors of detached overlays, one after another, after unmount has returned. */
    private final InOrder release = new InOrder("glassbox-overlay-release");

    public LinuxOverlayMounts(Path stateRoot, Tracer tracer) {
        this(stateRoot, tracer, Sys.available() ? null : Cmd.HOST);
    }

    LinuxOverlayMounts(Path stateRoot, Tracer tracer, Cmd.Runner runner) {
        this.root = stateRoot.toAbsolutePath().normalize();
        try {
            this.realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("glassbox: cannot use state root " + root + ": " + e, e);
        }
        this.tracer = tracer;
        this.runner = runner;
    }

    private Path dir(String role, String path) {
        Path p = LinuxHostFs.inside(root, realRoot, path);
        String s = p.toString();
        if (s.indexOf(',') >= 0 || s.indexOf(':') >= 0 || s.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("glassbox: refusing overlay " + role + " '" + path
                    + "': ',', ':' and '\\' would be read as option separators");
        }
        if (!Files.isDirectory(p)) {
            throw new SysError(Errno.ENOENT, "glassbox: overlay " + role + " " + p + " is not a directory");
        }
        return p;
    }

    private void event(KernelEvent e) {
        e.note(tracer);
    }

    /** mount -t overlay overlay -o lowerdir=L1:L2,upperdir=U,workdir=W target (lowerdirs topmost first). */
    public void overlay(List<String> lowerdirs, String upperdir, String workdir, String target) {
        if (lowerdirs.isEmpty()) {
            throw new IllegalArgumentException("glassbox: an overlay needs at least one lower directory");
        }
        List<String> lowers = new ArrayList<>();
        for (String l : lowerdirs) {
            lowers.add(dir("lowerdir", l).toString());
        }
        String upper = dir("upperdir", upperdir).toString();
        String work = dir("workdir", workdir).toString();
        String tgt = dir("target", target).toString();
        String options = "lowerdir=" + String.join(":", lowers) + ",upperdir=" + upper + ",workdir=" + work;
        if (options.length() > MAX_OPTIONS) {
            throw new SysError(Errno.EINVAL, "glassbox: overlay options for " + tgt + " are " + options.length()
                    + " bytes; the kernel takes at most " + MAX_OPTIONS + " (too many layers or too long paths)");
        }
        if (runner == null) {
            event(MountEvents.overlay(target, lowerdirs.size(), "mount(\"overlay\", \"" + tgt + "\", \"overlay\", 0, \"" + options + "\")"));
            if (Sys.libc().mount("overlay", tgt, "overlay", 0, options) != 0) {
                throw Sys.fail(Sys.errno(), "mount -t overlay overlay " + tgt);
            }
            int pin = Sys.libc().open(tgt, Sys.O_PATH | Sys.O_DIRECTORY | Sys.O_CLOEXEC);
            if (pin >= 0) {
                pins.put(tgt, pin);
            }
            return;
        }
        List<String> argv = List.of("mount", "-t", "overlay", "overlay", "-o", options, tgt);
        event(MountEvents.overlay(target, lowerdirs.size(), Cmd.line(argv)));
        check(runner.run(argv));
    }

    /**
     * umount target. An overlay mounted here is detached (umount2 with MNT_DETACH, as Docker's overlay2
     * driver unmounts) while the descriptor taken at mount still holds it; closing that descriptor, in
     * the background, is what ends the filesystem, and that is when the kernel writes out the
     * writable layer's data (on this project's machines about a millisecond that no longer holds up
     * a {@code docker rm}). {@link #settle} waits for it.
     */
    public void unmount(String target) {
        String tgt = LinuxHostFs.inside(root, realRoot, target).toString();
        if (runner == null) {
            Integer pin = pins.remove(tgt);
            event(MountEvents.unmount(target, "umount2(\"" + tgt + "\", " + (pin == null ? "0" : "MNT_DETACH") + ")"));
            if (Sys.libc().umount2(tgt, pin == null ? 0 : Sys.MNT_DETACH) != 0) {
                int errno = Sys.errno();
                if (pin != null) {
                    pins.put(tgt, pin);
                }
                throw Sys.fail(errno, "umount " + tgt);
            }
            if (pin != null) {
                drop(pin);
            }
            return;
        }
        List<String> argv = List.of("umount", tgt);
        event(MountEvents.unmount(target, Cmd.line(argv)));
        check(runner.run(argv));
    }

    /** Waits until the overlays unmounted so far have ended (their data written out). */
    public void settle() {
        release.settle();
    }

    /**
     * Drops every descriptor still held, for overlays that were detached some other way (the sweep's
     * lazy unmount at close), and waits until they have ended.
     */
    public void releaseAll() {
        for (String target : List.copyOf(pins.keySet())) {
            Integer pin = pins.remove(target);
            if (pin != null) {
                drop(pin);
            }
        }
        release.settle();
    }

    /** Closes a detached overlay's descriptor in the background: the overlay ends, and its data is written out, then. */
    private void drop(int pin) {
        release.submit(() -> Sys.libc().close(pin));
    }

    /** Whether something is mounted exactly at {@code path} (from /proc/self/mounts). */
    public static boolean isMounted(Path path) {
        String p = path.toAbsolutePath().normalize().toString();
        return mountPoints().contains(p);
    }

    /** The mount points of this process's mount namespace, octal escapes decoded. */
    public static List<String> mountPoints() {
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length > 1) {
                    out.add(unescape(f[1]));
                }
            }
        } catch (IOException e) {
            // no /proc: nothing known to be mounted
        }
        return out;
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void check(Cmd.Result r) {
        if (r.ok()) {
            return;
        }
        String err = r.stderr().toLowerCase(Locale.ROOT);
        Errno errno = err.contains("permission denied") || err.contains("must be superuser") || err.contains("not permitted") ? Errno.EPERM
                : err.contains("not mounted") || err.contains("invalid argument") ? Errno.EINVAL
                : err.contains("busy") ? Errno.EBUSY
                : err.contains("no such file") || err.contains("does not exist") ? Errno.ENOENT
                : Errno.EIO;
        throw new SysError(errno, new CmdException(r.argv(), r.exit(), r.stderr(), null).getMessage());
    }
}
