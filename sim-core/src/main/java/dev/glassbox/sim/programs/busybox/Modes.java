package dev.glassbox.sim.programs.busybox;

/** File modes: the ls -l string, and chmod's octal and symbolic forms. */
final class Modes {
    private Modes() {}

    static String string(dev.glassbox.sim.Sys.Stat s) {
        char type = switch (s.kind()) {
            case DIR -> 'd';
            case SYMLINK -> 'l';
            case CHAR_DEVICE -> 'c';
            case BLOCK_DEVICE -> 'b';
            default -> '-';
        };
        int m = s.mode();
        StringBuilder sb = new StringBuilder().append(type);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            sb.append((m & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        if ((m & 04000) != 0) {
            sb.setCharAt(3, sb.charAt(3) == 'x' ? 's' : 'S');
        }
        if ((m & 02000) != 0) {
            sb.setCharAt(6, sb.charAt(6) == 'x' ? 's' : 'S');
        }
        if ((m & 01000) != 0) {
            sb.setCharAt(9, sb.charAt(9) == 'x' ? 't' : 'T');
        }
        return sb.toString();
    }

    /** The new mode for a chmod spec ("755", "u+x", "go-w,a+r"), or null when the spec is invalid. */
    static Integer apply(String spec, int mode, boolean dir) {
        if (spec.matches("[0-7]{1,4}")) {
            return Integer.parseInt(spec, 8);
        }
        for (String clause : spec.split(",")) {
            int i = 0;
            int who = 0;
            while (i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0) {
                who |= switch (clause.charAt(i)) {
                    case 'u' -> 04700;
                    case 'g' -> 02070;
                    case 'o' -> 01007;
                    default -> 07777;
                };
                i++;
            }
            if (who == 0) {
                who = 07777;
            }
            if (i >= clause.length() || "+-=".indexOf(clause.charAt(i)) < 0) {
                return null;
            }
            char op = clause.charAt(i++);
            int bits = 0;
            for (; i < clause.length(); i++) {
                bits |= switch (clause.charAt(i)) {
                    case 'r' -> 0444;
                    case 'w' -> 0222;
                    case 'x' -> 0111;
                    case 'X' -> dir || (mode & 0111) != 0 ? 0111 : 0;
                    case 's' -> 06000;
                    case 't' -> 01000;
                    default -> -1;
                };
                if (bits < 0) {
                    return null;
                }
            }
            bits &= who;
            mode = switch (op) {
                case '+' -> mode | bits;
                case '-' -> mode & ~bits;
                default -> (mode & ~who) | bits;
            };
        }
        return mode;
    }
}
