package dev.glassbox.sim.programs.shell;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.programs.Input;
import java.util.ArrayList;
import java.util.List;

/**
 * A shell reading its commands from standard input as they come, one line at a time, running each
 * before it reads the next: an interactive shell on a terminal (prompts, Ctrl-C back to the prompt),
 * or a shell whose stdin is a pipe kept open ({@code docker run -i alpine sh}), which prints no prompt.
 */
final class ShellLoop {
    private ShellLoop() {}

    static int run(Interp sh, Input in) {
        if (sh.interactive) {
            sh.sys.signal(Signals.SIGINT, () -> sh.interrupted.set(true)); // caught: Ctrl-C interrupts a read at the prompt (EINTR) or the shell's own commands
            // ash ignores these for itself alone: caught by a handler that does nothing, they go back to their default
            // action in the programs it runs (an ignored signal would stay ignored across fork and execve)
            sh.sys.signal(Signals.SIGQUIT, () -> {});
            sh.sys.signal(Signals.SIGTERM, () -> {});
            sh.vars.putIfAbsent("PS1", Prompt.defaultPs1(sh));
            sh.vars.putIfAbsent("PS2", "> ");
            startupFiles(sh);
        }
        while (true) {
            List<Node> commands;
            try {
                sh.interrupted.set(false);
                commands = read(sh, in);
            } catch (SysError e) {
                interrupted(sh, e);
                continue;
            }
            if (commands == null) {
                if (sh.interactive) {
                    sh.io.err(sh.flavor == Flavor.BASH ? "exit\n" : "\n"); // end of file at the prompt: the cursor leaves its line
                }
                return sh.status;
            }
            Integer exit = runAll(sh, commands);
            if (exit != null) {
                return exit;
            }
        }
    }

    /** Runs one line's commands; the status to end the shell with when one of them exits. */
    private static Integer runAll(Interp sh, List<Node> commands) {
        for (Node n : commands) {
            try {
                sh.status = sh.eval(n);
            } catch (Flow.Exit e) {
                if (sh.interactive && sh.flavor == Flavor.BASH) {
                    sh.io.err("exit\n");
                }
                return e.status;
            } catch (Flow.Interrupt e) {
                sh.status = e.status;
                sh.io.err("\n");
                return null;
            } catch (Flow.Return e) {
                sh.status = e.status;
            } catch (Flow.Loop e) {
                // break outside a loop ends nothing
            } catch (SysError e) {
                interrupted(sh, e);
                return null;
            }
        }
        return null;
    }

    /** A read cut short by a signal: at the prompt Ctrl-C gives a fresh one on a new line; a trap's signal is just read past. */
    private static void interrupted(Interp sh, SysError e) {
        if (e.errno() != Errno.EINTR) {
            throw e;
        }
        if (sh.interactive && sh.interrupted.get()) {
            sh.io.err("\n");
            sh.status = 130;
        }
    }

    /** The next complete command line (more lines with PS2 while a construct is open); null at end of file. */
    private static List<Node> read(Interp sh, Input in) {
        StringBuilder text = new StringBuilder();
        String ps = "PS1";
        while (true) {
            if (sh.interactive) {
                sh.io.err(Prompt.expand(sh, sh.vars.getOrDefault(ps, "")));
            }
            String line = in.readLine();
            if (line == null && text.length() == 0) {
                return null;
            }
            text.append(line == null ? "" : text.length() == 0 ? aliased(sh, line) : line).append('\n');
            try {
                return parse(text.toString());
            } catch (ParseError e) {
                if (line != null && e.kind != ParseError.Kind.UNEXPECTED) {
                    ps = "PS2";
                    continue;
                }
                sh.io.err(sh.flavor.syntax(sh, e));
                sh.status = 2;
                return List.of();
            }
        }
    }

    private static List<Node> parse(String text) {
        Parser parser = new Parser(text);
        List<Node> out = new ArrayList<>();
        for (Node n = parser.next(); n != null; n = parser.next()) {
            out.add(n);
        }
        return out;
    }

    /** Alias expansion of the line's first word, as the shell's lexer does it. */
    private static String aliased(Interp sh, String line) {
        String trimmed = line.stripLeading();
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end)) && ";&|".indexOf(trimmed.charAt(end)) < 0) {
            end++;
        }
        String value = sh.aliases.get(trimmed.substring(0, end));
        return value == null ? line : value + trimmed.substring(end);
    }

    /** bash, interactive and not a login shell, reads /etc/bash.bashrc (Debian builds it so) and then ~/.bashrc. */
    private static void startupFiles(Interp sh) {
        if (sh.flavor != Flavor.BASH) {
            return;
        }
        List<String> files = new ArrayList<>(List.of("/etc/bash.bashrc"));
        String home = sh.vars.get("HOME");
        if (home != null && !home.isEmpty()) {
            files.add(home + "/.bashrc");
        }
        for (String f : files) {
            if (Prompt.readable(sh, f)) {
                try {
                    Builtins.find(".").run(sh, List.of(".", f));
                } catch (Flow.Return | Flow.Loop e) {
                    // a return at the file's top level ends the file
                }
            }
        }
    }
}
