package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Paths;
import dev.glassbox.sim.programs.Tool;
import java.util.List;

/** Applets that change files: cat, mkdir, rmdir, rm, touch, cp, mv, ln, chmod, chown, readlink, basename, dirname. */
final class FileTools {
    private FileTools() {}

    static int cat(Tool t) {
        Opts o = Opts.parse("nbvetAu", t.args);
        List<String> files = o.operands.isEmpty() ? List.of("-") : o.operands;
        int st = 0;
        int n = 1;
        for (String f : files) {
            if (f.equals("-") && !o.any() && t.io.in().isStream()) {
                for (String piece = t.io.in().read(); piece != null; piece = t.io.in().read()) {
                    t.out(piece); // copied as it arrives: a line at a time from a terminal
                }
                continue;
            }
            String text;
            try {
                if (!f.equals("-") && t.sys.stat(f).isDir()) {
                    t.err("read error: Is a directory");
                    st = 1;
                    continue;
                }
                if (!f.equals("-") && endless(t, f)) {
                    while (true) { // /dev/zero, /dev/urandom: until a signal, SIGPIPE or glassbox's limits end it
                        t.out(new String(t.sys.read(f, 1 << 16), java.nio.charset.StandardCharsets.ISO_8859_1));
                    }
                }
                text = t.readInput(f);
            } catch (SysError e) {
                t.err("can't open '" + f + "': " + e.getMessage());
                st = 1;
                continue;
            }
            if (o.has('n')) {
                StringBuilder sb = new StringBuilder();
                for (String line : text.split("\n", -1)) {
                    if (sb.length() > 0) {
                        sb.append('\n');
                    }
                    if (!line.isEmpty() || sb.length() + line.length() < text.length()) {
                        sb.append(String.format("%6d\t", n++)).append(line);
                    }
                }
                text = sb.toString();
            }
            t.out(text);
        }
        return st;
    }

    /** Whether {@code file} is a memory device that never reaches its end (/dev/zero, /dev/urandom; not /dev/null). */
    private static boolean endless(Tool t, String file) {
        return t.sys.stat(file).kind() == Sys.Stat.Kind.CHAR_DEVICE && t.sys.read(file, 1).length == 1;
    }

    static int mkdir(Tool t) {
        Opts o = Opts.parse("pm:v", t.args);
        int mode = Integer.parseInt(o.get('m', "755"), 8);
        int st = 0;
        for (String d : o.operands) {
            try {
                if (o.has('p')) {
                    Paths.mkdirs(t.sys, d, mode);
                } else {
                    t.sys.mkdir(d, mode);
                }
            } catch (SysError e) {
                t.err("can't create directory '" + d + "': " + e.getMessage());
                st = 1;
            }
        }
        return st;
    }

    static int rmdir(Tool t) {
        int st = 0;
        for (String d : Opts.parse("p", t.args).operands) {
            try {
                t.sys.rmdir(d);
            } catch (SysError e) {
                t.err("'" + d + "': " + e.getMessage());
                st = 1;
            }
        }
        return st;
    }

    static int rm(Tool t) {
        Opts o = Opts.parse("rRfiv", t.args);
        boolean recursive = o.has('r') || o.has('R');
        int st = 0;
        for (String f : o.operands) {
            Sys.Stat s;
            try {
                s = t.sys.lstat(f);
            } catch (SysError e) {
                if (!o.has('f')) {
                    t.err("can't remove '" + f + "': " + e.getMessage());
                    st = 1;
                }
                continue;
            }
            try {
                if (s.isDir()) {
                    if (!recursive) {
                        t.err("'" + f + "' is a directory");
                        st = 1;
                        continue;
                    }
                    removeTree(t.sys, f);
                } else {
                    t.sys.unlink(f);
                }
            } catch (SysError e) {
                t.err("can't remove '" + f + "': " + e.getMessage());
                st = 1;
            }
        }
        return st;
    }

    static void removeTree(Sys sys, String dir) {
        for (Sys.DirEntry e : sys.readdir(dir)) {
            if (e.name().equals(".") || e.name().equals("..")) {
                continue;
            }
            String p = Paths.join(dir, e.name());
            if (sys.lstat(p).isDir()) {
                removeTree(sys, p);
            } else {
                sys.unlink(p);
            }
        }
        sys.rmdir(dir);
    }

    static int touch(Tool t) {
        Opts o = Opts.parse("cd:t:r:am", t.args);
        int st = 0;
        for (String f : o.operands) {
            try {
                boolean exists = exists(t.sys, f);
                if (exists || !o.has('c')) {
                    t.sys.write(f, new byte[0], true);
                }
            } catch (SysError e) {
                t.err(f + ": " + e.getMessage());
                st = 1;
            }
        }
        return st;
    }

    static boolean exists(Sys sys, String path) {
        try {
            sys.stat(path);
            return true;
        } catch (SysError e) {
            return false;
        }
    }

    static int cp(Tool t) {
        Opts o = Opts.parse("rRapPdfiLHnv", t.args);
        List<String> ops = o.operands;
        if (ops.size() < 2) {
            t.io.err("Usage: cp [-arPLHpfinlsTu] SOURCE DEST\n");
            return 1;
        }
        String dest = ops.get(ops.size() - 1);
        boolean intoDir = isDir(t.sys, dest);
        if (ops.size() > 2 && !intoDir) {
            return t.fail("'" + dest + "' is not a directory");
        }
        boolean recursive = o.has('r') || o.has('R') || o.has('a');
        boolean keepLinks = o.has('a') || o.has('P') || o.has('d');
        int st = 0;
        for (String src : ops.subList(0, ops.size() - 1)) {
            String to = intoDir ? Paths.join(dest, Paths.basename(src)) : dest;
            try {
                Sys.Stat s = keepLinks ? t.sys.lstat(src) : t.sys.stat(src);
                if (s.isDir() && !recursive) {
                    t.err("omitting directory '" + src + "'");
                    st = 1;
                    continue;
                }
                copy(t.sys, src, to, s, keepLinks);
            } catch (SysError e) {
                t.err("can't stat '" + src + "': " + e.getMessage());
                st = 1;
            }
        }
        return st;
    }

    private static void copy(Sys sys, String src, String to, Sys.Stat s, boolean keepLinks) {
        switch (s.kind()) {
            case DIR -> {
                if (!isDir(sys, to)) {
                    sys.mkdir(to, s.mode() & 07777);
                }
                for (Sys.DirEntry e : sys.readdir(src)) {
                    if (!e.name().equals(".") && !e.name().equals("..")) {
                        String from = Paths.join(src, e.name());
                        copy(sys, from, Paths.join(to, e.name()), keepLinks ? sys.lstat(from) : sys.stat(from), keepLinks);
                    }
                }
            }
            case SYMLINK -> sys.symlink(sys.readlink(src), to);
            default -> {
                sys.write(to, sys.read(src), false);
                sys.chmod(to, s.mode() & 07777);
            }
        }
    }

    static boolean isDir(Sys sys, String path) {
        try {
            return sys.stat(path).isDir();
        } catch (SysError e) {
            return false;
        }
    }

    static int mv(Tool t) {
        List<String> ops = Opts.parse("fin", t.args).operands;
        if (ops.size() < 2) {
            t.io.err("Usage: mv [-fin] SOURCE DEST\n");
            return 1;
        }
        String dest = ops.get(ops.size() - 1);
        boolean intoDir = isDir(t.sys, dest);
        int st = 0;
        for (String src : ops.subList(0, ops.size() - 1)) {
            String to = intoDir ? Paths.join(dest, Paths.basename(src)) : dest;
            try {
                t.sys.rename(src, to);
            } catch (SysError e) {
                if (e.errno() == dev.glassbox.kernel.Errno.EXDEV) {
                    st = moveAcross(t, src, to) ? st : 1;
                    continue;
                }
                t.err("can't rename '" + src + "': " + e.getMessage());
                st = 1;
            }
        }
        return st;
    }

    /** What busybox's mv does when rename(2) answers EXDEV: copy with links kept, then remove the source. */
    private static boolean moveAcross(Tool t, String src, String to) {
        try {
            Sys.Stat s = t.sys.lstat(src);
            copy(t.sys, src, to, s, true);
            if (s.isDir()) {
                removeTree(t.sys, src);
            } else {
                t.sys.unlink(src);
            }
            return true;
        } catch (SysError e) {
            t.err("can't move '" + src + "': " + e.getMessage());
            return false;
        }
    }

    static int ln(Tool t) {
        Opts o = Opts.parse("sfnvT", t.args);
        List<String> ops = o.operands;
        if (ops.isEmpty()) {
            t.io.err("Usage: ln [-sfnbtv] [-S SUF] TARGET... LINK|DIR\n");
            return 1;
        }
        String target = ops.get(0);
        String link = ops.size() > 1 ? ops.get(ops.size() - 1) : Paths.basename(target);
        if (isDir(t.sys, link) && !o.has('n')) {
            link = Paths.join(link, Paths.basename(target));
        }
        String kind = o.has('s') ? "symbolic" : "hard";
        try {
            if (o.has('f') && exists(t.sys, link)) {
                t.sys.unlink(link);
            }
            if (!o.has('s')) {
                throw new SysError(Errno.ENOSYS, "Function not implemented");
            }
            t.sys.symlink(target, link);
            return 0;
        } catch (SysError e) {
            return t.fail("can't create " + kind + " link '" + link + "' to '" + target + "': " + e.getMessage());
        }
    }

    static int chmod(Tool t) {
        Opts o = Opts.parse("Rcfv", t.args);
        if (o.operands.size() < 2) {
            t.io.err("Usage: chmod [-Rcvf] MODE[,MODE]... FILE...\n");
            return 1;
        }
        String spec = o.operands.get(0);
        int st = 0;
        for (String f : o.operands.subList(1, o.operands.size())) {
            st |= chmodOne(t, f, spec, o.has('R'));
        }
        return st;
    }

    private static int chmodOne(Tool t, String f, String spec, boolean recursive) {
        try {
            Sys.Stat s = t.sys.stat(f);
            Integer mode = Modes.apply(spec, s.mode() & 07777, s.isDir());
            if (mode == null) {
                return t.fail("invalid mode '" + spec + "'");
            }
            t.sys.chmod(f, mode);
            if (recursive && s.isDir()) {
                for (Sys.DirEntry e : t.sys.readdir(f)) {
                    if (!e.name().equals(".") && !e.name().equals("..")) {
                        chmodOne(t, Paths.join(f, e.name()), spec, true);
                    }
                }
            }
            return 0;
        } catch (SysError e) {
            return t.fail(f + ": " + e.getMessage());
        }
    }

    /** There is no chown(2) among the simulator's system calls; the owner is checked and the call reported. */
    static int readlink(Tool t) {
        Opts o = Opts.parse("fnv", t.args);
        if (o.operands.isEmpty()) {
            return 1;
        }
        String f = o.operands.get(0);
        String r;
        try {
            r = o.has('f') ? Paths.real(t.sys, f) : t.sys.readlink(f);
        } catch (SysError e) {
            return 1;
        }
        if (r == null) {
            return 1;
        }
        t.out(o.has('n') ? r : r + "\n");
        return 0;
    }

    static int basename(Tool t) {
        if (t.args.isEmpty()) {
            t.io.err("Usage: basename FILE [SUFFIX]\n");
            return 1;
        }
        String b = Paths.basename(t.args.get(0));
        if (t.args.size() > 1 && b.endsWith(t.args.get(1)) && !b.equals(t.args.get(1))) {
            b = b.substring(0, b.length() - t.args.get(1).length());
        }
        t.outln(b);
        return 0;
    }

    static int dirname(Tool t) {
        if (t.args.isEmpty()) {
            t.io.err("Usage: dirname FILENAME\n");
            return 1;
        }
        t.outln(Paths.dirname(t.args.get(0)));
        return 0;
    }
}
