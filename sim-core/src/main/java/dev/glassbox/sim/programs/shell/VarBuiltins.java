package dev.glassbox.sim.programs.shell;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Builtins about variables and parameters: set, export, unset, shift, local, read. */
final class VarBuiltins {
    private VarBuiltins() {}

    static int set(Interp sh, List<String> a) {
        if (a.size() == 1) {
            new TreeMap<>(sh.vars).forEach((k, v) -> sh.io.out(k + "=" + shellQuote(sh, v) + "\n"));
            return 0;
        }
        for (int i = 1; i < a.size(); i++) {
            String arg = a.get(i);
            if (arg.equals("--")) {
                sh.params = new ArrayList<>(a.subList(i + 1, a.size()));
                return 0;
            }
            if ((arg.equals("-o") || arg.equals("+o")) && i + 1 < a.size()) {
                boolean on = arg.charAt(0) == '-';
                String name = a.get(++i);
                if (name.equals("errexit")) {
                    sh.errexit = on;
                } else if (name.equals("xtrace")) {
                    sh.xtrace = on;
                }
                continue;
            }
            if (arg.length() > 1 && (arg.charAt(0) == '-' || arg.charAt(0) == '+')) {
                boolean on = arg.charAt(0) == '-';
                for (char c : arg.substring(1).toCharArray()) {
                    if (c == 'e') {
                        sh.errexit = on;
                    } else if (c == 'x') {
                        sh.xtrace = on;
                    }
                }
                continue;
            }
            sh.params = new ArrayList<>(a.subList(i, a.size()));
            return 0;
        }
        return 0;
    }

    private static String shellQuote(Interp sh, String v) {
        if (sh.flavor == Flavor.BASH && v.matches("[A-Za-z0-9_@%+=:,./-]*") && !v.isEmpty()) {
            return v;
        }
        return "'" + v.replace("'", "'\\''") + "'";
    }

    static int export(Interp sh, List<String> a) {
        List<String> names = a.subList(1, a.size()).stream().filter(s -> !s.equals("-p")).toList();
        if (names.isEmpty()) {
            for (String name : new java.util.TreeSet<>(sh.exported)) {
                String v = sh.vars.get(name);
                if (sh.flavor == Flavor.BASH) {
                    sh.io.out("declare -x " + name + (v == null ? "" : "=\"" + v.replace("\"", "\\\"") + "\"") + "\n");
                } else {
                    sh.io.out("export " + name + (v == null ? "" : "=" + shellQuote(sh, v)) + "\n");
                }
            }
            return 0;
        }
        for (String n : names) {
            int eq = n.indexOf('=');
            String name = eq < 0 ? n : n.substring(0, eq);
            if (eq >= 0) {
                sh.setVar(name, n.substring(eq + 1));
            }
            sh.exported.add(name);
        }
        return 0;
    }

    static int readonly(Interp sh, List<String> a) {
        for (String n : a.subList(1, a.size())) {
            int eq = n.indexOf('=');
            if (eq > 0) {
                sh.setVar(n.substring(0, eq), n.substring(eq + 1));
            }
        }
        return 0;
    }

    static int unset(Interp sh, List<String> a) {
        boolean functions = false;
        for (String n : a.subList(1, a.size())) {
            if (n.equals("-f")) {
                functions = true;
            } else if (!n.equals("-v")) {
                if (functions) {
                    sh.funcs.remove(n);
                } else {
                    sh.unsetVar(n);
                    sh.exported.remove(n);
                }
            }
        }
        return 0;
    }

    static int shift(Interp sh, List<String> a) {
        int n = 1;
        if (a.size() > 1) {
            try {
                n = Integer.parseInt(a.get(1));
            } catch (NumberFormatException e) {
                sh.error("shift", "Illegal number: " + a.get(1));
                throw new Flow.Exit(2);
            }
        }
        if (n > sh.params.size() || n < 0) {
            if (sh.flavor == Flavor.BASH) {
                return 1;
            }
            sh.error("shift", "can't shift that many");
            throw new Flow.Exit(2);
        }
        sh.params = new ArrayList<>(sh.params.subList(n, sh.params.size()));
        return 0;
    }

    static int local(Interp sh, List<String> a) {
        if (sh.locals.isEmpty()) {
            sh.error("local", sh.flavor == Flavor.BASH ? "can only be used in a function" : "not in a function");
            return sh.flavor == Flavor.BASH ? 1 : 2;
        }
        for (String n : a.subList(1, a.size())) {
            int eq = n.indexOf('=');
            String name = eq < 0 ? n : n.substring(0, eq);
            sh.local(name);
            if (eq >= 0) {
                sh.setVar(name, n.substring(eq + 1));
            }
        }
        return 0;
    }

    /** read [-r] [-p prompt] [name...]: one line of stdin split on IFS, the last name taking the rest. */
    static int read(Interp sh, List<String> a) {
        boolean raw = false;
        List<String> names = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            String arg = a.get(i);
            if (arg.equals("-r")) {
                raw = true;
            } else if (arg.equals("-p") && i + 1 < a.size()) {
                sh.io.err(a.get(++i));
            } else if ((arg.equals("-t") || arg.equals("-n") || arg.equals("-u")) && i + 1 < a.size()) {
                i++;
            } else if (!arg.startsWith("-")) {
                names.add(arg);
            }
        }
        if (names.isEmpty()) {
            names.add("REPLY");
        }
        String line = readLine(sh);
        if (line == null) {
            names.forEach(n -> sh.setVar(n, ""));
            return 1;
        }
        if (!raw) {
            while (line.endsWith("\\")) {
                String more = readLine(sh);
                line = line.substring(0, line.length() - 1) + (more == null ? "" : more);
                if (more == null) {
                    break;
                }
            }
            line = line.replaceAll("\\\\(.)", "$1");
        }
        String ifs = sh.vars.getOrDefault("IFS", " \t\n");
        String rest = strip(line, ifs);
        for (int i = 0; i < names.size(); i++) {
            if (i == names.size() - 1) {
                sh.setVar(names.get(i), rest);
                break;
            }
            int j = 0;
            while (j < rest.length() && ifs.indexOf(rest.charAt(j)) < 0) {
                j++;
            }
            sh.setVar(names.get(i), rest.substring(0, j));
            rest = strip(rest.substring(j), ifs);
        }
        return 0;
    }

    /**
     * A line of input; a trap that runs meanwhile interrupts the read (EINTR), and read reads on, except in an
     * interactive shell, where Ctrl-C at a read goes back to the prompt.
     */
    private static String readLine(Interp sh) {
        while (true) {
            try {
                return sh.io.in.readLine();
            } catch (SysError e) {
                if (e.errno() != Errno.EINTR || sh.interactive) {
                    throw e;
                }
            }
        }
    }

    private static String strip(String s, String ifs) {
        int b = 0;
        int e = s.length();
        while (b < e && ifs.indexOf(s.charAt(b)) >= 0 && Character.isWhitespace(s.charAt(b))) {
            b++;
        }
        while (e > b && ifs.indexOf(s.charAt(e - 1)) >= 0 && Character.isWhitespace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }
}
