package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.programs.Tool;

/** The applets that ask the terminal: tty and stty. */
final class TermTools {
    private TermTools() {}

    /** tty: the name of the terminal on standard input. */
    static int tty(Tool t) {
        boolean silent = t.args.contains("-s");
        try {
            String name = t.sys.ttyname();
            if (!silent) {
                t.outln(name);
            }
            return 0;
        } catch (SysError e) {
            if (!silent) {
                t.outln("not a tty");
            }
            return 1;
        }
    }

    /** stty: {@code size} prints the window's rows and columns; with no arguments the speed and the line settings. */
    static int stty(Tool t) {
        if (!t.sys.isatty(0)) {
            return t.fail("standard input: Not a tty");
        }
        int[] size = t.sys.winsize();
        if (t.args.isEmpty()) {
            t.outln("speed 38400 baud; line = 0;");
            return 0;
        }
        if (t.args.equals(java.util.List.of("size"))) {
            t.outln(size[0] + " " + size[1]);
            return 0;
        }
        return t.fail("invalid argument '" + t.args.get(0) + "'");
    }
}
