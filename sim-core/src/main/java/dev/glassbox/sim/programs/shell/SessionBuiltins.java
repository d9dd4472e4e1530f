package dev.glassbox.sim.programs.shell;

import java.util.List;
import java.util.Map;

/** Builtins an interactive session's startup files use: alias, unalias and bash's shopt. */
final class SessionBuiltins {
    private SessionBuiltins() {}

    static int alias(Interp sh, List<String> a) {
        if (a.size() == 1) {
            for (Map.Entry<String, String> e : sh.aliases.entrySet()) {
                sh.io.out(shown(sh, e.getKey(), e.getValue()));
            }
            return 0;
        }
        int st = 0;
        for (String arg : a.subList(1, a.size())) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                sh.aliases.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (sh.aliases.containsKey(arg)) {
                sh.io.out(shown(sh, arg, sh.aliases.get(arg)));
            } else {
                sh.error("alias", arg + ": not found");
                st = 1;
            }
        }
        return st;
    }

    private static String shown(Interp sh, String name, String value) {
        return (sh.flavor == Flavor.BASH ? "alias " : "") + name + "='" + value.replace("'", "'\\''") + "'\n";
    }

    static int unalias(Interp sh, List<String> a) {
        if (a.size() > 1 && a.get(1).equals("-a")) {
            sh.aliases.clear();
            return 0;
        }
        int st = 0;
        for (String name : a.subList(1, a.size())) {
            if (sh.aliases.remove(name) == null) {
                sh.error("unalias", name + ": not found");
                st = 1;
            }
        }
        return st;
    }

    /** bash's shell options; ash and dash have no such builtin. */
    static int shopt(Interp sh, List<String> a) {
        if (sh.flavor != Flavor.BASH) {
            sh.io.err(sh.flavor.notFound(sh, null, "shopt"));
            return 127;
        }
        boolean set = a.size() > 1 && a.get(1).equals("-s");
        boolean unset = a.size() > 1 && a.get(1).equals("-u");
        for (String name : a.subList(set || unset ? 2 : 1, a.size())) {
            if (set) {
                sh.shopts.add(name);
            } else if (unset) {
                sh.shopts.remove(name);
            } else {
                sh.io.out(String.format("%-15s\t%s%n", name, sh.shopts.contains(name) ? "on" : "off"));
            }
        }
        return 0;
    }
}
