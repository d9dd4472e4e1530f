package dev.glassbox.sim.programs.nginx;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Clock;
import java.util.List;

/** nginx's error log: {@code 2024/01/01 00:00:00 [notice] 1#1: message}, filtered by the configured level. */
final class NginxLog {
    private static final List<String> LEVELS = List.of("debug", "info", "notice", "warn", "error", "crit", "alert", "emerg");

    private final Sys sys;
    private final String path;
    private final int threshold;

    NginxLog(Sys sys, String path, String level) {
        this.sys = sys;
        this.path = path;
        int t = LEVELS.indexOf(level);
        this.threshold = t < 0 ? LEVELS.indexOf("error") : t;
    }

    void notice(String message) {
        log("notice", message);
    }

    void log(String level, String message) {
        if (LEVELS.indexOf(level) < threshold) {
            return;
        }
        int pid = sys.getpid();
        String line = Clock.strftime("%Y/%m/%d %H:%M:%S", sys.timeMillis()) + " [" + level + "] " + pid + "#" + pid + ": "
                + message + "\n";
        if (path.equals("stderr")) {
            sys.err(line);
            return;
        }
        try {
            sys.writeText(path, line, true);
        } catch (SysError e) {
            sys.err(line);
        }
    }
}
