package dev.glassbox.sim.programs.python;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.Signals;
import dev.glassbox.sim.Sys;
import dev.glassbox.kernel.SysError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code python3}: a subset of Python 3.12 as a program of the sim kernel. It reads its script, environment and
 * files, writes its output, sleeps and serves HTTP through {@link Sys} only.
 *
 * <p>The language it runs: int (arbitrary precision, bounded at 2**1048576), float, str (upper, lower, strip,
 * split, join, replace, startswith, endswith, find, count, format and more; f-strings with expressions,
 * {@code !r} and format specs), bool, None, list, tuple, dict, set with their common methods, comprehensions
 * (list, set, dict, generator expressions, evaluated eagerly), slicing, {@code in}, arithmetic, comparison
 * and boolean operators with Python's semantics ({@code //}, {@code %} and {@code **} on negatives, chained
 * comparisons), if/elif/else, while and for (with else), break, continue, def with defaults, *args,
 * keyword-only arguments and **kwargs, return, lambda, global/nonlocal, classes with __init__, methods, single
 * inheritance, super(), @property, @staticmethod, @classmethod and the common dunder methods
 * (__str__, __repr__, __eq__, __lt__, __len__, __getitem__, __iter__/__next__, __call__, __enter__/__exit__),
 * try/except/else/finally, raise (and raise ... from), the builtin exception types, with, assert, del,
 * import/from-import of the built-in modules sys, os, os.path, time, json, math and random.
 * Not there: generators (yield), async, decorators other than plain callables, multiple inheritance,
 * subclassing builtin types other than exceptions, bytes, complex numbers, the walrus operator, match.
 *
 * <p>Invocations: {@code python3 script.py args}, {@code -c CODE}, {@code -m http.server [PORT]},
 * {@code --version}, a script on standard input, and the interactive prompt when stdin is a terminal.
 */
public final class Python {
    /** The interpreter runs on a thread of its own with room for 1000 nested Python calls. */
    private static final long STACK_BYTES = 64L << 20;

    private Python() {}

    public static int main(Sys sys) {
        int[] status = new int[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                status[0] = run(sys, sys.argv());
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "glassbox-python", STACK_BYTES);
        t.setDaemon(true);
        t.start();
        boolean done = false;
        while (!done) {
            try {
                t.join();
                done = true;
            } catch (InterruptedException e) {
                // the baton is ours alone: wait on
            }
        }
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        return status[0];
    }

    static int run(Sys sys, List<String> argv) {
        String prog = argv.isEmpty() ? "python3" : argv.get(0);
        boolean unbuffered = false;
        int i = 1;
        while (i < argv.size() && argv.get(i).startsWith("-") && !argv.get(i).equals("-")) {
            String a = argv.get(i);
            switch (a) {
                case "--version", "-V" -> {
                    sys.out("Python " + Modules.VERSION + "\n");
                    return 0;
                }
                case "-c" -> {
                    if (i + 1 >= argv.size()) {
                        sys.err("Argument expected for the -c option\n" + usage(prog));
                        return 2;
                    }
                    List<String> args = new ArrayList<>(List.of("-c"));
                    args.addAll(argv.subList(i + 2, argv.size()));
                    return runSource(sys, args, Source.of("<string>", argv.get(i + 1), false), unbuffered);
                }
                case "-m" -> {
                    if (i + 1 >= argv.size()) {
                        sys.err("Argument expected for the -m option\n" + usage(prog));
                        return 2;
                    }
                    return module(sys, prog, argv.get(i + 1), argv.subList(i + 2, argv.size()), unbuffered);
                }
                case "-u" -> {
                    unbuffered = true;
                    i++;
                }
                case "-B", "-q", "-s", "-E", "-I", "-O" -> i++;
                default -> {
                    sys.err("Unknown option: " + a + "\n" + usage(prog));
                    return 2;
                }
            }
        }
        if (i >= argv.size() || argv.get(i).equals("-")) {
            List<String> args = new ArrayList<>(List.of(i >= argv.size() ? "" : "-"));
            if (i < argv.size()) {
                args.addAll(argv.subList(i + 1, argv.size()));
            }
            if (sys.isatty(0)) {
                return new Repl(sys, args).run();
            }
            return runSource(sys, args, Source.of("<stdin>", sys.stdin(), false), unbuffered);
        }
        String script = argv.get(i);
        String text;
        try {
            if (sys.stat(script).isDir()) {
                sys.err(prog + ": can't find '__main__' module in " + Format.strRepr(script) + "\n");
                return 1;
            }
            text = sys.readText(script);
        } catch (SysError e) {
            String abs = script.startsWith("/") ? script : sys.getcwd().replaceAll("/$", "") + "/" + script;
            sys.err(prog + ": can't open file " + Format.strRepr(abs) + ": [Errno " + (e.errno() == Errno.ENOENT ? 2 : 13)
                    + "] " + e.getMessage() + "\n");
            return 2;
        }
        return runSource(sys, argv.subList(i, argv.size()), Source.of(script, text, true), unbuffered);
    }

    private static String usage(String prog) {
        return "usage: " + prog + " [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `python -h' for more information.\n";
    }

    private static int module(Sys sys, String prog, String name, List<String> rest, boolean unbuffered) {
        if (!name.equals("http.server")) {
            sys.err("/usr/local/bin/" + basename(prog) + ": No module named " + name + "\n");
            return 1;
        }
        Interp in = start(sys, prependPath("/usr/local/lib/python3.12/http/server.py", rest), unbuffered);
        int status;
        try {
            status = HttpServer.main(in, rest);
        } catch (PyException e) {
            status = uncaught(in, e.exc);
        }
        in.stdio.flush();
        return status;
    }

    private static List<String> prependPath(String path, List<String> rest) {
        List<String> out = new ArrayList<>(List.of(path));
        out.addAll(rest);
        return out;
    }

    private static String basename(String p) {
        return p.substring(p.lastIndexOf('/') + 1);
    }

    static Interp start(Sys sys, List<String> argv, boolean unbuffered) {
        Interp in = new Interp(sys, argv);
        if (unbuffered) {
            in.stdio.unbuffered();
        }
        sys.signal(Signals.SIGINT, () -> {
            throw PyException.of(Exceptions.KEYBOARD_INTERRUPT); // as CPython's handler: the blocking call it arrived in raises
        });
        return in;
    }

    static Map<String, Object> mainGlobals() {
        Map<String, Object> g = new HashMap<>();
        g.put("__name__", "__main__");
        g.put("__doc__", PyNone.NONE);
        return g;
    }

    private static int runSource(Sys sys, List<String> argv, Source src, boolean unbuffered) {
        Interp in = start(sys, argv, unbuffered);
        List<Ast.Stmt> body;
        try {
            body = Parser.module(String.join("\n", src.lines()) + "\n");
        } catch (PySyntaxError e) {
            sys.err(e.format(src.file(), src.lines()));
            return 1;
        }
        Map<String, Object> globals = mainGlobals();
        globals.put("__file__", src.file());
        int status = 0;
        try {
            in.runModule(src, body, globals);
        } catch (PyException e) {
            status = uncaught(in, e.exc);
        }
        in.stdio.flush(); // at exit, after any traceback; a process killed by a signal never gets here
        return status;
    }

    /** What CPython does with an exception nothing caught: SystemExit ends quietly, anything else prints a traceback. */
    static int uncaught(Interp in, PyObject exc) {
        if (exc.cls.isSubclassOf(Exceptions.SYSTEM_EXIT)) {
            Object args = exc.dict.get("args");
            Object code = args instanceof PyTuple t && !t.items.isEmpty() ? t.items.get(0) : PyNone.NONE;
            if (code == PyNone.NONE) {
                return 0;
            }
            if (code instanceof BigInteger || code instanceof Boolean) {
                return Ops.big(code).intValue() & 0xff;
            }
            in.stdio.err(Format.str(in, code) + "\n");
            return 1;
        }
        in.stdio.err(Traceback.format(in, exc));
        return exc.cls.isSubclassOf(Exceptions.KEYBOARD_INTERRUPT) ? 130 : 1;
    }
}
