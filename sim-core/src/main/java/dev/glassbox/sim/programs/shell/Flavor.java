package dev.glassbox.sim.programs.shell;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;

/** The three shells differ mostly in how they word their errors; each wording here is the real one. */
public enum Flavor {
    /** busybox ash (sh in busybox and Alpine images). */
    ASH,
    /** dash (/bin/sh in Debian and Ubuntu images). */
    DASH,
    BASH;

    /**
     * Whether the last command of {@code sh -c TEXT}, when it is a program, replaces the shell (execve, no
     * fork), as busybox ash 1.35 and bash 5.2 do; dash 0.5.12 forks it. The program then is the container's
     * PID 1 and no shell is left to report its end ("Killed").
     */
    boolean execsLastCommand() {
        return this != DASH;
    }

    /** Whether that reaches into the last command of {@code &&}/{@code ||}, {@code if}, {@code case} and braces, as in ash (bash forks there). */
    boolean execsThroughCompounds() {
        return this == ASH;
    }

    /** An error message line for the shell's stderr, prefixed as this shell does. */
    String message(Interp sh, String builtin, String text) {
        StringBuilder sb = new StringBuilder(sh.arg0).append(": ");
        switch (this) {
            case ASH -> {
                String cn = builtin != null ? builtin : sh.script ? sh.arg0 : null;
                if (cn != null) {
                    if (!cn.equals(sh.arg0)) {
                        sb.append(cn).append(": ");
                    }
                    if (!sh.interactive) { // ash names the line only when it reads a script, not a terminal
                        sb.append("line ").append(sh.line).append(": ");
                    }
                }
            }
            case DASH -> {
                sb.append(sh.line).append(": ");
                if (builtin != null) {
                    sb.append(builtin).append(": ");
                }
            }
            case BASH -> {
                if (!sh.interactive) {
                    sb.append("line ").append(sh.line).append(": ");
                }
                if (builtin != null) {
                    sb.append(builtin).append(": ");
                }
            }
        }
        return sb.append(text).append('\n').toString();
    }

    String notFound(Interp sh, String builtin, String command) {
        return message(sh, builtin, command + (this == BASH && builtin == null ? ": command not found" : ": not found"));
    }

    String syntax(Interp sh, ParseError e) {
        sh.line = e.line;
        return switch (this) {
            case ASH -> message(sh, null, "syntax error: " + switch (e.kind) {
                case UNEXPECTED -> "unexpected \"" + e.token + "\"";
                case UNTERMINATED -> "unterminated quoted string";
                case EOF -> "unexpected end of file" + (e.token.isEmpty() ? "" : " (expecting \"" + e.token + "\")");
            });
            case DASH -> message(sh, null, "Syntax error: " + switch (e.kind) {
                case UNEXPECTED -> "\"" + e.token + "\" unexpected";
                case UNTERMINATED -> "Unterminated quoted string";
                case EOF -> "end of file unexpected" + (e.token.isEmpty() ? "" : " (expecting \"" + e.token + "\")");
            });
            case BASH -> {
                String where = sh.arg0 + ": " + (sh.script ? "" : "-c: ") + "line " + e.line + ": ";
                yield where + switch (e.kind) {
                    case UNEXPECTED -> "syntax error near unexpected token `" + e.token + "'";
                    case UNTERMINATED -> "unexpected EOF while looking for matching quote";
                    case EOF -> "syntax error: unexpected end of file";
                } + "\n";
            }
        };
    }

    String cantCd(Interp sh, String dir, SysError e) {
        return switch (this) {
            case ASH -> message(sh, "cd", "can't cd to " + dir + ": " + e.getMessage());
            case DASH -> message(sh, "cd", "can't cd to " + dir);
            case BASH -> message(sh, "cd", dir + ": " + e.getMessage());
        };
    }

    String cantCreate(Interp sh, String path, SysError e) {
        boolean noDir = e.errno() == Errno.ENOENT;
        return switch (this) {
            case ASH -> message(sh, null, "can't create " + path + ": " + (noDir ? "nonexistent directory" : e.getMessage()));
            case DASH -> message(sh, null, "cannot create " + path + ": " + (noDir ? "Directory nonexistent" : e.getMessage()));
            case BASH -> message(sh, null, path + ": " + e.getMessage());
        };
    }

    String cantOpen(Interp sh, String path, SysError e) {
        boolean missing = e.errno() == Errno.ENOENT;
        return switch (this) {
            case ASH -> message(sh, null, "can't open " + path + ": " + (missing ? "no such file" : e.getMessage()));
            case DASH -> message(sh, null, "cannot open " + path + ": " + (missing ? "No such file" : e.getMessage()));
            case BASH -> message(sh, null, path + ": " + e.getMessage());
        };
    }

    /** Status of a special builtin's error (cd to a missing directory): bash says 1, ash and dash 2. */
    int errorStatus() {
        return this == BASH ? 1 : 2;
    }

    /**
     * Status of a command whose redirection failed: dash says 2; busybox ash, though it comes from
     * dash, says 1 (busybox 1.35 on Debian), as bash does.
     */
    int redirectStatus() {
        return this == DASH ? 2 : 1;
    }

    /** Whether a failed redirection on {@code exec} ends the shell: it does in ash and dash (exec is a special builtin), not in bash. */
    boolean execRedirectExits() {
        return this != BASH;
    }
}
