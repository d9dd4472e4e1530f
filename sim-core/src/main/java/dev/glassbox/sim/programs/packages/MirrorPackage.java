package dev.glassbox.sim.programs.packages;

import java.util.List;

/**
 * One package as a distribution's mirror indexes it: its name and version, the repository that
 * carries it ({@code main}; for Debian {@code debian bookworm/main}), what it needs ({@code depends})
 * and what it would like ({@code recommends}, which apt installs by default), its download and
 * installed sizes (apk: bytes, Debian: KiB), the files it unpacks, the script run after it ({@code post-install})
 * and, for Debian, whether it is {@code Multi-Arch: same} (dpkg then names it {@code libssl3:amd64}).
 */
record MirrorPackage(String name, String version, String repository, List<String> depends, List<String> recommends,
                     long size, long installedSize, List<PackageFile> files, String script, boolean multiArchSame) {
    MirrorPackage {
        depends = List.copyOf(depends);
        recommends = List.copyOf(recommends);
        files = List.copyOf(files);
        script = script == null ? "" : script;
    }

    /**
     * A file a package unpacks, from the index's spelling: {@code usr/bin/curl=curl:254104} a program the
     * sim runs (named after {@code =}), {@code usr/lib/libz.so.1:100000} data of that size,
     * {@code usr/lib/libz.so->libz.so.1} a symlink, {@code etc/ssl/} a directory, and
     * {@code etc/motd<text} a small text file whose {@code \n} are newlines.
     */
    record PackageFile(String path, Kind kind, String program, long size, String target) {
        enum Kind { PROGRAM, DATA, SYMLINK, DIR, TEXT }

        static PackageFile parse(String spec) {
            int arrow = spec.indexOf("->");
            if (arrow > 0) {
                return new PackageFile(spec.substring(0, arrow), Kind.SYMLINK, "", 0, spec.substring(arrow + 2));
            }
            int lt = spec.indexOf('<');
            if (lt > 0) {
                return new PackageFile(spec.substring(0, lt), Kind.TEXT, "", 0,
                        spec.substring(lt + 1).replace("\\n", "\n").replace("\\s", " "));
            }
            if (spec.endsWith("/")) {
                return new PackageFile(spec.substring(0, spec.length() - 1), Kind.DIR, "", 0, "");
            }
            int colon = spec.lastIndexOf(':');
            long size = Long.parseLong(spec.substring(colon + 1));
            String left = spec.substring(0, colon);
            int eq = left.indexOf('=');
            return eq < 0 ? new PackageFile(left, Kind.DATA, "", size, "")
                    : new PackageFile(left.substring(0, eq), Kind.PROGRAM, left.substring(eq + 1), size, "");
        }
    }
}
