package dev.glassbox.sim.programs;

import dev.glassbox.kernel.SysError;
import java.util.Map;

/** errno numbers and glibc's strerror texts, for programs that print "(2: No such file or directory)". */
final class Errno {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("EPERM", 1), Map.entry("ENOENT", 2),
            Map.entry("ESRCH", 3), Map.entry("EACCES", 13), Map.entry("EEXIST", 17), Map.entry("ENOTDIR", 20),
            Map.entry("EISDIR", 21), Map.entry("EINVAL", 22), Map.entry("ENOSPC", 28), Map.entry("EROFS", 30),
            Map.entry("EADDRINUSE", 98), Map.entry("ENETUNREACH", 101), Map.entry("ETIMEDOUT", 110),
            Map.entry("ECONNREFUSED", 111), Map.entry("EHOSTUNREACH", 113), Map.entry("ENOMEM", 12));

    private Errno() {}

    static String describe(SysError e) {
        String text = "EADDRINUSE".equals(e.errno()) ? "Address already in use" : e.getMessage();
        return NUMBERS.getOrDefault(e.errno(), 0) + ": " + text;
    }
}
