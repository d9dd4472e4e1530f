package dev.glassbox.sim.programs.packages;

import dev.glassbox.image.SimBinary;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Paths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Unpacks a package's files into the calling process's filesystem, as apk and dpkg do, with real system calls. */
final class PackageFiles {
    private static final byte[] ELF = "\u007fELF\u0002\u0001\u0001".getBytes(StandardCharsets.ISO_8859_1);

    private PackageFiles() {}

    /** Writes every file of {@code p} under / and answers their absolute paths, directories first. */
    static List<String> unpack(Sys sys, MirrorPackage p) {
        List<String> paths = new ArrayList<>();
        for (MirrorPackage.PackageFile f : p.files()) {
            String path = "/" + f.path();
            int slash = path.lastIndexOf('/');
            if (slash > 0) {
                Paths.mkdirs(sys, path.substring(0, slash), 0755);
            }
            switch (f.kind()) {
                case DIR -> Paths.mkdirs(sys, path, 0755);
                case SYMLINK -> {
                    remove(sys, path);
                    sys.symlink(f.target(), path);
                }
                case TEXT -> sys.write(path, f.target().getBytes(StandardCharsets.UTF_8), false);
                case PROGRAM -> {
                    sys.write(path, sized(SimBinary.header(f.program()), f.size()), false);
                    sys.chmod(path, 0755);
                }
                case DATA -> sys.write(path, sized(path.contains(".so") ? ELF : new byte[0], f.size()), false);
            }
            paths.add(path);
        }
        return paths;
    }

    private static void remove(Sys sys, String path) {
        try {
            sys.lstat(path);
            sys.unlink(path);
        } catch (SysError e) {
            // nothing there yet
        }
    }

    private static byte[] sized(byte[] head, long size) {
        return Arrays.copyOf(head, (int) Math.max(head.length, size));
    }
}
