package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Clock;
import dev.glassbox.sim.programs.Paths;
import dev.glassbox.sim.programs.Tool;
import dev.glassbox.sim.programs.Users;
import java.nio.charset.StandardCharsets;

/** Applets that look at files: stat, du, which, hexdump (find has its own file). */
final class FileInfo {
    private FileInfo() {}

    static int stat(Tool t) {
        Opts o = Opts.parse("c:LftZ", t.args);
        if (o.operands.isEmpty()) {
            t.io.err("Usage: stat [-ltf] [-c FMT] FILE...\n");
            return 1;
        }
        Users u = t.users();
        int st = 0;
        for (String f : o.operands) {
            Sys.Stat s;
            try {
                s = o.has('L') ? t.sys.stat(f) : t.sys.lstat(f);
            } catch (SysError e) {
                t.err("can't stat '" + f + "': " + e.getMessage());
                st = 1;
                continue;
            }
            if (o.has('c')) {
                t.outln(format(t, o.get('c', ""), f, s, u));
                continue;
            }
            String name = s.kind() == Sys.Stat.Kind.SYMLINK ? f + " -> " + link(t, f, s) : f;
            StringBuilder sb = new StringBuilder();
            sb.append("  File: ").append(name).append('\n');
            sb.append(String.format("  Size: %-10d\tBlocks: %-10d IO Block: 4096   %s%n", s.size(), Ls.blocks(s) * 2, type(s)));
            sb.append(String.format("Inode: %-10d  Links: %d%n", s.ino(), s.nlink()));
            sb.append(String.format("Access: (%04o/%s)  Uid: (%5d/%8s)   Gid: (%5d/%8s)%n", s.mode() & 07777,
                    Modes.string(s), s.uid(), u.userOr(s.uid()), s.gid(), u.groupOr(s.gid())));
            sb.append("Modify: ").append(Clock.strftime("%Y-%m-%d %H:%M:%S.%N +0000", s.mtimeMillis())).append('\n');
            t.out(sb.toString());
        }
        return st;
    }

    private static String link(Tool t, String f, Sys.Stat s) {
        if (s.link() != null) {
            return s.link();
        }
        try {
            return t.sys.readlink(f);
        } catch (SysError e) {
            return "?";
        }
    }

    static String type(Sys.Stat s) {
        return switch (s.kind()) {
            case DIR -> "directory";
            case SYMLINK -> "symbolic link";
            case CHAR_DEVICE -> "character special file";
            case BLOCK_DEVICE -> "block special file";
            case FILE -> s.size() == 0 ? "regular empty file" : "regular file";
        };
    }

    private static String format(Tool t, String fmt, String f, Sys.Stat s, Users u) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 >= fmt.length()) {
                sb.append(c);
                continue;
            }
            char k = fmt.charAt(++i);
            sb.append(switch (k) {
                case 'n' -> f;
                case 'N' -> s.kind() == Sys.Stat.Kind.SYMLINK ? "'" + f + "' -> '" + link(t, f, s) + "'" : "'" + f + "'";
                case 's' -> Long.toString(s.size());
                case 'a' -> Integer.toOctalString(s.mode() & 07777);
                case 'A' -> Modes.string(s);
                case 'u' -> Integer.toString(s.uid());
                case 'U' -> u.userOr(s.uid());
                case 'g' -> Integer.toString(s.gid());
                case 'G' -> u.groupOr(s.gid());
                case 'i' -> Long.toString(s.ino());
                case 'h' -> Integer.toString(s.nlink());
                case 'F' -> type(s);
                case 'b' -> Long.toString(Ls.blocks(s) * 2);
                case 'B' -> "512";
                case 'Y' -> Long.toString(s.mtimeMillis() / 1000);
                case 'y' -> Clock.strftime("%Y-%m-%d %H:%M:%S.%N +0000", s.mtimeMillis());
                case '%' -> "%";
                default -> "?";
            });
        }
        return sb.toString();
    }

    static int du(Tool t) {
        Opts o = Opts.parse("shkmacd:xlL", t.args);
        int maxDepth = o.has('s') ? 0 : Integer.parseInt(o.get('d', "-1"));
        long total = 0;
        int st = 0;
        for (String f : o.operands.isEmpty() ? java.util.List.of(".") : o.operands) {
            try {
                total += du(t, o, f, 0, maxDepth);
            } catch (SysError e) {
                t.err(f + ": " + e.getMessage());
                st = 1;
            }
        }
        if (o.has('c')) {
            t.outln(size(o, total) + "\ttotal");
        }
        return st;
    }

    private static long du(Tool t, Opts o, String path, int depth, int maxDepth) {
        Sys.Stat s = t.sys.lstat(path);
        long kb = Ls.blocks(s);
        if (s.isDir()) {
            for (Sys.DirEntry e : t.sys.readdir(path)) {
                if (!e.name().equals(".") && !e.name().equals("..")) {
                    kb += du(t, o, Paths.join(path, e.name()), depth + 1, maxDepth);
                }
            }
        }
        boolean show = maxDepth < 0 || depth <= maxDepth;
        if (show && (s.isDir() || o.has('a') || depth == 0)) {
            t.outln(size(o, kb) + "\t" + path);
        }
        return kb;
    }

    private static String size(Opts o, long kb) {
        if (o.has('h')) {
            return Ls.human(kb * 1024);
        }
        return Long.toString(o.has('m') ? (kb + 1023) / 1024 : kb);
    }

    static int which(Tool t) {
        int st = 0;
        for (String name : Opts.parse("a", t.args).operands) {
            String path = t.sys.which(name);
            if (path == null) {
                st = 1;
            } else {
                t.outln(path);
            }
        }
        return st;
    }

    static int hexdump(Tool t) {
        Opts o = Opts.parse("Cbcdox", t.args);
        byte[] data;
        try {
            data = o.operands.isEmpty() ? t.stdin().getBytes(StandardCharsets.UTF_8) : t.sys.read(o.operands.get(0));
        } catch (SysError e) {
            return t.fail(o.operands.get(0) + ": " + e.getMessage());
        }
        StringBuilder sb = new StringBuilder();
        boolean canonical = o.has('C');
        for (int off = 0; off < data.length; off += 16) {
            int n = Math.min(16, data.length - off);
            if (canonical) {
                StringBuilder hex = new StringBuilder();
                StringBuilder text = new StringBuilder();
                for (int j = 0; j < n; j++) {
                    int b = data[off + j] & 0xff;
                    hex.append(String.format("%02x ", b)).append(j == 7 ? " " : "");
                    text.append(b >= 32 && b < 127 ? (char) b : '.');
                }
                sb.append(String.format("%08x  %-49s |%s|%n", off, hex, text));
            } else {
                sb.append(String.format("%07x", off));
                for (int j = 0; j < n; j += 2) {
                    int lo = data[off + j] & 0xff;
                    int hi = j + 1 < n ? data[off + j + 1] & 0xff : 0;
                    sb.append(String.format(" %04x", hi << 8 | lo));
                }
                sb.append('\n');
            }
        }
        sb.append(String.format(canonical ? "%08x%n" : "%07x%n", data.length));
        t.out(sb.toString());
        return 0;
    }
}
