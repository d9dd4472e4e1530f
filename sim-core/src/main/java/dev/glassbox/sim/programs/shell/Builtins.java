package dev.glassbox.sim.programs.shell;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.programs.Printing;
import dev.glassbox.sim.programs.TestExpr;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The commands a shell runs itself, without starting a process. */
final class Builtins {
    interface Builtin {
        int run(Interp sh, List<String> argv);
    }

    private static final Set<String> SPECIAL = Set.of(":", ".", "break", "continue", "eval", "exec", "exit",
            "export", "readonly", "return", "set", "shift", "trap", "unset");

    private static final Map<String, Builtin> ALL = Map.ofEntries(
            Map.entry(":", (sh, a) -> 0),
            Map.entry("true", (sh, a) -> 0),
            Map.entry("false", (sh, a) -> 1),
            Map.entry("echo", Builtins::echo),
            Map.entry("printf", Builtins::printf),
            Map.entry("test", (sh, a) -> test(sh, a, false)),
            Map.entry("[", (sh, a) -> test(sh, a, true)),
            Map.entry("cd", Builtins::cd),
            Map.entry("pwd", (sh, a) -> {
                sh.io.out(sh.sys.getcwd() + "\n");
                return 0;
            }),
            Map.entry("eval", (sh, a) -> sh.runSource(String.join(" ", a.subList(1, a.size())))),
            Map.entry(".", Builtins::source),
            Map.entry("source", Builtins::source),
            Map.entry("exit", Builtins::exit),
            Map.entry("return", (sh, a) -> {
                throw new Flow.Return(a.size() > 1 ? parseStatus(a.get(1)) : sh.status);
            }),
            Map.entry("break", (sh, a) -> {
                throw new Flow.Loop(true, a.size() > 1 ? Math.max(1, parseStatus(a.get(1))) : 1);
            }),
            Map.entry("continue", (sh, a) -> {
                throw new Flow.Loop(false, a.size() > 1 ? Math.max(1, parseStatus(a.get(1))) : 1);
            }),
            Map.entry("type", (sh, a) -> type(sh, a.subList(1, a.size()), "type")),
            Map.entry("command", Builtins::command),
            Map.entry("set", VarBuiltins::set),
            Map.entry("export", VarBuiltins::export),
            Map.entry("readonly", VarBuiltins::readonly),
            Map.entry("unset", VarBuiltins::unset),
            Map.entry("shift", VarBuiltins::shift),
            Map.entry("local", VarBuiltins::local),
            Map.entry("read", VarBuiltins::read),
            Map.entry("exec", JobBuiltins::exec),
            Map.entry("wait", JobBuiltins::waitFor),
            Map.entry("kill", JobBuiltins::kill),
            Map.entry("trap", JobBuiltins::trap),
            Map.entry("alias", SessionBuiltins::alias),
            Map.entry("unalias", SessionBuiltins::unalias),
            Map.entry("shopt", SessionBuiltins::shopt));

    private Builtins() {}

    static Builtin find(String name) {
        return ALL.get(name);
    }

    static boolean isSpecial(String name) {
        return SPECIAL.contains(name);
    }

    private static int parseStatus(String s) {
        try {
            return Integer.parseInt(s) & 0xff;
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    private static int echo(Interp sh, List<String> a) {
        sh.io.out(Printing.echo(a.subList(1, a.size()), sh.flavor == Flavor.DASH));
        return 0;
    }

    private static int printf(Interp sh, List<String> a) {
        if (a.size() < 2) {
            sh.io.err(sh.flavor == Flavor.BASH ? sh.flavor.message(sh, "printf", "usage: printf [-v var] format [arguments]")
                    : "printf: usage: printf format [arguments]\n");
            return 2;
        }
        StringBuilder errors = new StringBuilder();
        Printing.Out out = Printing.printf(a.get(1), a.subList(2, a.size()), "printf", errors);
        sh.io.out(out.text.toString());
        if (errors.length() > 0) {
            sh.io.err(errors.toString());
        }
        return out.failed ? 1 : 0;
    }

    private static int test(Interp sh, List<String> a, boolean bracket) {
        try {
            return TestExpr.run(sh.sys, a.subList(1, a.size()), bracket);
        } catch (TestExpr.Failure f) {
            String cmd = a.get(0);
            String text = switch (sh.flavor) {
                case ASH -> null;
                case DASH -> switch (f.kind) {
                    case "missing ]" -> "missing ]";
                    case "bad number" -> "Illegal number: " + f.arg;
                    default -> f.arg + ": unexpected operator";
                };
                case BASH -> switch (f.kind) {
                    case "missing ]" -> "missing `]'";
                    case "bad number" -> f.arg + ": integer expression expected";
                    default -> f.arg + ": unary operator expected";
                };
            };
            if (text == null) {
                String name = sh.shellName;
                sh.io.err(name + ": " + (f.kind.equals("missing ]") ? "missing ]"
                        : f.kind.equals("bad number") ? f.arg + ": bad number" : "syntax error") + "\n");
            } else {
                sh.error(cmd, text);
            }
            return 2;
        }
    }

    private static int cd(Interp sh, List<String> a) {
        String dir = a.size() > 1 ? a.get(1) : sh.vars.get("HOME");
        boolean print = false;
        if (dir == null) {
            sh.error("cd", "HOME not set");
            return 1;
        }
        if (dir.equals("-")) {
            dir = sh.vars.getOrDefault("OLDPWD", sh.sys.getcwd());
            print = true;
        }
        try {
            sh.sys.chdir(dir);
        } catch (SysError e) {
            sh.io.err(sh.flavor.cantCd(sh, dir, e));
            return sh.flavor.errorStatus();
        }
        String old = sh.vars.getOrDefault("PWD", "");
        sh.setVar("OLDPWD", old);
        sh.setVar("PWD", sh.sys.getcwd());
        if (print) {
            sh.io.out(sh.sys.getcwd() + "\n");
        }
        return 0;
    }

    private static int source(Interp sh, List<String> a) {
        if (a.size() < 2) {
            return 0;
        }
        String file = a.get(1);
        String path = file;
        if (!file.contains("/")) {
            String found = null;
            for (String dir : sh.vars.getOrDefault("PATH", "").split(":")) {
                try {
                    String p = (dir.isEmpty() ? "." : dir) + "/" + file;
                    if (!sh.sys.stat(p).isDir()) {
                        found = p;
                        break;
                    }
                } catch (SysError e) {
                    // not in this directory
                }
            }
            path = found != null ? found : file;
        }
        String text;
        try {
            text = sh.sys.readText(path);
        } catch (SysError e) {
            switch (sh.flavor) {
                case ASH -> sh.error(a.get(0), "can't open '" + file + "': " + e.getMessage());
                case DASH -> sh.error(a.get(0), "cannot open " + file + ": No such file");
                case BASH -> sh.error(null, file + ": " + e.getMessage());
            }
            if (sh.flavor == Flavor.BASH) {
                return 1;
            }
            throw new Flow.Exit(2);
        }
        List<String> saved = sh.params;
        if (a.size() > 2) {
            sh.params = new java.util.ArrayList<>(a.subList(2, a.size()));
        }
        try {
            return sh.runSource(text);
        } catch (Flow.Return r) {
            return r.status;
        } finally {
            if (a.size() > 2) {
                sh.params = saved;
            }
        }
    }

    private static int exit(Interp sh, List<String> a) {
        int st = sh.status;
        if (a.size() > 1) {
            try {
                st = Integer.parseInt(a.get(1)) & 0xff;
            } catch (NumberFormatException e) {
                sh.error("exit", (sh.flavor == Flavor.BASH ? a.get(1) + ": numeric argument required"
                        : "Illegal number: " + a.get(1)));
                st = sh.flavor == Flavor.BASH ? 255 : 2;
            }
        }
        throw new Flow.Exit(st);
    }

    static int type(Interp sh, List<String> names, String builtinName) {
        int st = 0;
        for (String n : names) {
            String path;
            if (sh.funcs.containsKey(n)) {
                sh.io.out(n + " is a function\n");
            } else if (Parser.RESERVED.contains(n)) {
                sh.io.out(n + " is a shell keyword\n");
            } else if (find(n) != null) {
                sh.io.out(n + " is a " + (isSpecial(n) && sh.flavor != Flavor.BASH ? "special " : "") + "shell builtin\n");
            } else if ((path = n.contains("/") ? existing(sh, n) : sh.sys.which(n)) != null) {
                sh.io.out(n + " is " + path + "\n");
            } else if (sh.flavor == Flavor.BASH) {
                sh.error(builtinName, n + ": not found");
                st = 1;
            } else {
                sh.io.out(n + ": not found\n");
                st = 127;
            }
        }
        return st;
    }

    private static String existing(Interp sh, String path) {
        try {
            sh.sys.stat(path);
            return path;
        } catch (SysError e) {
            return null;
        }
    }

    private static int command(Interp sh, List<String> a) {
        if (a.size() < 2) {
            return 0;
        }
        String opt = a.get(1);
        if (opt.equals("-v") || opt.equals("-V")) {
            if (opt.equals("-V")) {
                return type(sh, a.subList(2, a.size()), "command");
            }
            int st = 0;
            for (String n : a.subList(2, a.size())) {
                String path = n.contains("/") ? existing(sh, n) : sh.sys.which(n);
                if (sh.funcs.containsKey(n) || find(n) != null || Parser.RESERVED.contains(n)) {
                    sh.io.out(n + "\n");
                } else if (path != null) {
                    sh.io.out(path + "\n");
                } else {
                    st = sh.flavor == Flavor.BASH ? 1 : 127;
                }
            }
            return st;
        }
        List<String> argv = a.subList(opt.equals("-p") || opt.equals("--") ? 2 : 1, a.size());
        if (argv.isEmpty()) {
            return 0;
        }
        Builtin b = find(argv.get(0));
        if (b != null) {
            return b.run(sh, argv);
        }
        Interp sub = sh;
        Node.Simple s = new Node.Simple(List.of(), argv.stream().map(Exec::quote).toList(), List.of(), sh.line);
        java.util.Map<String, Node> hidden = new java.util.HashMap<>(sub.funcs);
        sub.funcs.clear();
        try {
            return sub.exec.simple(s);
        } finally {
            sub.funcs.putAll(hidden);
        }
    }
}
