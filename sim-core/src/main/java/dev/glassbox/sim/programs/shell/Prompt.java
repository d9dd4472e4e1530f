package dev.glassbox.sim.programs.shell;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.programs.Paths;
import dev.glassbox.sim.programs.Users;

/** An interactive shell's prompt: each shell's default PS1, and the expansion of its backslash escapes and parameters. */
final class Prompt {
    private Prompt() {}

    /** The PS1 a shell starts with when the environment gives none (bash's own default, before its startup files). */
    static String defaultPs1(Interp sh) {
        boolean root = sh.sys.getuid() == 0;
        return switch (sh.flavor) {
            case ASH -> "\\w \\$ ";
            case DASH -> root ? "# " : "$ ";
            case BASH -> "\\s-\\v\\$ ";
        };
    }

    /** The prompt as printed: ash and bash decode \\u, \\h, \\w, \\$ and friends, then every shell expands parameters. */
    static String expand(Interp sh, String ps) {
        String text = sh.flavor == Flavor.DASH ? ps : escapes(sh, ps);
        try {
            return sh.expand.string(text);
        } catch (RuntimeException e) {
            return text; // a prompt that cannot be expanded is shown as it is
        }
    }

    private static String escapes(Interp sh, String ps) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ps.length(); i++) {
            char c = ps.charAt(i);
            if (c != '\\' || i + 1 >= ps.length()) {
                sb.append(c);
                continue;
            }
            char e = ps.charAt(++i);
            switch (e) {
                case 'u' -> sb.append(literal(new Users(sh.sys).userOr(sh.sys.getuid())));
                case 'h' -> sb.append(literal(sh.sys.gethostname().split("\\.", 2)[0]));
                case 'H' -> sb.append(literal(sh.sys.gethostname()));
                case 'w' -> sb.append(literal(cwd(sh, false)));
                case 'W' -> sb.append(literal(cwd(sh, true)));
                case '$' -> sb.append(sh.sys.getuid() == 0 ? "#" : "\\$");
                case 's' -> sb.append(literal(Paths.basename(sh.arg0)));
                case 'v' -> sb.append("5.2");
                case 'n' -> sb.append('\n');
                case '\\' -> sb.append("\\\\");
                default -> sb.append('\\').append(e);
            }
        }
        return sb.toString();
    }

    /** The working directory, with the home directory shown as ~. */
    private static String cwd(Interp sh, boolean base) {
        String cwd = sh.sys.getcwd();
        String home = sh.vars.get("HOME");
        if (home != null && !home.isEmpty() && !home.equals("/") && (cwd.equals(home) || cwd.startsWith(home + "/"))) {
            cwd = "~" + cwd.substring(home.length());
        }
        if (base && !cwd.equals("/")) {
            cwd = cwd.substring(cwd.lastIndexOf('/') + 1);
        }
        return cwd;
    }

    /** Text the parameter expansion that follows must leave as it is. */
    private static String literal(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\$`\"'~*?[".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Whether a startup file exists and can be read. */
    static boolean readable(Interp sh, String path) {
        try {
            return !sh.sys.stat(path).isDir();
        } catch (SysError e) {
            return false;
        }
    }
}
