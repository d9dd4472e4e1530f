package dev.glassbox.sim.programs;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import java.util.List;

/** What an applet runs with: the kernel, its streams, the name it was called by and its arguments. */
public final class Tool {
    public final Sys sys;
    public final Io io;
    public final String name;
    public final List<String> args;

    public Tool(Sys sys, Io io, String name, List<String> args) {
        this.sys = sys;
        this.io = io;
        this.name = name;
        this.args = List.copyOf(args);
    }

    public void out(String text) {
        io.out(text);
    }

    public void outln(String line) {
        io.out(line + "\n");
    }

    /** Prints {@code name: message} to stderr, as busybox's bb_error_msg does. */
    public void err(String message) {
        io.err(name + ": " + message + "\n");
    }

    public int fail(String message) {
        err(message);
        return 1;
    }

    public String stdin() {
        return io.in().rest();
    }

    /** The file's text, or "-" for stdin. */
    public String readInput(String path) {
        return "-".equals(path) ? stdin() : sys.readText(path);
    }

    static String why(SysError e) {
        return e.getMessage();
    }

    public Users users() {
        return new Users(sys);
    }
}
