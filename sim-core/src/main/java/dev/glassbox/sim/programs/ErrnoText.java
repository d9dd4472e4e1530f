package dev.glassbox.sim.programs;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;

/** A failed call as glibc programs (nginx, redis) print it: "(2: No such file or directory)". */
public final class ErrnoText {
    private ErrnoText() {}

    public static String describe(SysError e) {
        String text = e.errno() == Errno.EADDRINUSE ? Errno.EADDRINUSE.text() : e.getMessage(); // glibc's, not musl's
        return e.errno().number() + ": " + text;
    }
}
