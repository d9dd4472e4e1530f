package dev.glassbox.sim.programs;

import dev.glassbox.sim.Sys;
import dev.glassbox.kernel.SysError;
import java.util.List;

/** What an applet runs with: the kernel, its streams, the name it was called by and its arguments. */
final class Tool {
    final Sys sys;
    final Io io;
    final String name;
    final List<String> args;

    Tool(Sys sys, Io io, String name, List<String> args) {
        this.sys = sys;
        this.io = io;
        this.name = name;
        this.args = List.copyOf(args);
    }

    void out(String text) {
        io.out(text);
    }

    void outln(String line) {
        io.out(line + "\n");
    }

    /** Prints {@code name: message} to stderr, as busybox's bb_error_msg does. */
    void err(String message) {
        io.err(name + ": " + message + "\n");
    }

    int fail(String message) {
        err(message);
        return 1;
    }

    String stdin() {
        return io.in().rest();
    }

    /** The file's text, or "-" for stdin. */
    String readInput(String path) {
        return "-".equals(path) ? stdin() : sys.readText(path);
    }

    static String why(SysError e) {
        return e.getMessage();
    }

    Users users() {
        return new Users(sys);
    }
}
