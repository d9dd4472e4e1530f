package dev.glassbox.sim.programs.nginx;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Clock;
import java.util.List;

/** nginx's error log: {@code 2024/01/01 00:00:00 [notice] 1#1: message}, filtered by the configured level. */
final class NginxLog {
    private static final List<String> LEVELS = List.of("debug", "info", "notice", "warn", "error", "crit", "alert", "emerg");

    private final Sys sys;
    /** Where lines go: the log file, opened once as nginx does at start; null for stderr (or a log that cannot be opened). */
    private final Sys.Appender file;
    private final int threshold;

    NginxLog(Sys sys, String path, String level) {
        this.sys = sys;
        this.file = path.equals("stderr") ? null : open(sys, path);
        int t = LEVELS.indexOf(level);
        this.threshold = t < 0 ? LEVELS.indexOf("error") : t;
    }

    private static Sys.Appender open(Sys sys, String path) {
        try {
            return sys.openAppend(path);
        } catch (SysError e) {
            return null;
        }
    }

    /** The second the cached time string is of, and that string: like nginx's cached log time, made once a second. */
    private long stampSecond = Long.MIN_VALUE;
    private String stamp;

    private String stamp(long millis) {
        long second = Math.floorDiv(millis, 1000);
        if (second != stampSecond) {
            stamp = Clock.strftime("%Y/%m/%d %H:%M:%S", millis);
            stampSecond = second;
        }
        return stamp;
    }

    void notice(String message) {
        log("notice", message);
    }

    void log(String level, String message) {
        if (LEVELS.indexOf(level) < threshold) {
            return;
        }
        int pid = sys.getpid();
        String line = stamp(sys.timeMillis()) + " [" + level + "] " + pid + "#" + pid + ": " + message + "\n";
        if (file == null) {
            sys.err(line);
            return;
        }
        try {
            file.append(line);
        } catch (SysError e) {
            sys.err(line);
        }
    }
}
