package dev.glassbox.sim.programs.python;

import dev.glassbox.kernel.Errno;
import dev.glassbox.sim.Sys;
import dev.glassbox.kernel.SysError;
import java.util.List;
import java.util.Map;

/**
 * The interactive prompt, as CPython 3.12's: the banner, {@code >>> } and {@code ... } prompts, an
 * expression's value echoed with repr() (and kept in {@code _}), tracebacks from {@code <stdin>}, Ctrl-C
 * giving {@code KeyboardInterrupt} and a fresh prompt, Ctrl-D or exit() ending it.
 */
final class Repl {
    private final Sys sys;
    private final Interp in;
    private final Map<String, Object> globals = Python.mainGlobals();

    Repl(Sys sys, List<String> argv) {
        this.sys = sys;
        this.in = Python.start(sys, argv, false);
    }

    int run() {
        in.stdio.out("Python " + Modules.VERSION + " " + Modules.BUILD + " on linux\n"
                + "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n");
        while (true) {
            String entry;
            try {
                entry = readEntry();
            } catch (SysError e) {
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
                in.stdio.out("\nKeyboardInterrupt\n");
                continue;
            } catch (PyException e) {
                if (!e.is(Exceptions.KEYBOARD_INTERRUPT)) {
                    throw e;
                }
                in.stdio.out("\nKeyboardInterrupt\n");
                continue;
            }
            if (entry == null) {
                in.stdio.out("\n");
                return 0;
            }
            if (entry.isBlank()) {
                continue;
            }
            Integer exit = execute(entry);
            in.stdio.flush();
            if (exit != null) {
                return exit;
            }
        }
    }

    /** Reads one entry: a line, or a compound statement's lines up to the empty line that ends it. Null at end of input. */
    private String readEntry() {
        in.stdio.out(">>> ");
        in.stdio.flush();
        String first = in.stdio.readLine();
        if (first == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(first);
        boolean block = opensBlock(first);
        while (block || incomplete(text.toString())) {
            in.stdio.out("... ");
            in.stdio.flush();
            String more = in.stdio.readLine();
            if (more == null) {
                break;
            }
            if (block && more.isBlank()) {
                break;
            }
            text.append('\n').append(more);
            if (!block && !incomplete(text.toString())) {
                block = opensBlock(text.toString());
                if (!block) {
                    break;
                }
            }
        }
        return text.toString();
    }

    /** A compound statement goes on until an empty line, even when its body is on its first line ({@code while 1: pass}). */
    private static boolean opensBlock(String text) {
        String last = text.strip();
        int hash = last.indexOf('#');
        if (hash >= 0 && !last.contains("'") && !last.contains("\"")) {
            last = last.substring(0, hash).strip();
        }
        String word = text.stripLeading().split("[^A-Za-z@]", 2)[0];
        boolean compound = List.of("if", "while", "for", "def", "class", "try", "with", "@").contains(word)
                || text.stripLeading().startsWith("@");
        return compound || last.endsWith(":") || text.contains("\n") && text.lines().skip(1).anyMatch(l -> !l.isBlank());
    }

    /** Unclosed brackets or a triple-quoted string still open: the entry goes on. */
    private static boolean incomplete(String text) {
        try {
            Parser.module(text + "\n");
            return false;
        } catch (PySyntaxError e) {
            return e.msg.endsWith("was never closed") || e.msg.startsWith("unterminated triple-quoted")
                    || e.msg.startsWith("expected an indented block");
        }
    }

    private Integer execute(String entry) {
        Source src = Source.of("<stdin>", entry, false);
        List<Ast.Stmt> body;
        try {
            body = Parser.module(entry + "\n");
        } catch (PySyntaxError e) {
            in.stdio.err(e.format("<stdin>", src.lines()));
            return null;
        }
        try {
            in.runInteractive(src, body, globals, v -> {
                globals.put("_", v);
                in.stdio.out(Format.repr(in, v) + "\n");
            });
        } catch (PyException e) {
            if (e.is(Exceptions.SYSTEM_EXIT)) {
                return Python.uncaught(in, e.exc);
            }
            in.stdio.err(Traceback.format(in, e.exc));
        }
        return null;
    }
}
