package dev.glassbox.client;

import dev.glassbox.kernel.ProcessInfo;
import java.util.List;

/** The daemon's top answer as {@code ps -ef} columns: the titles, and one row per process (shared by docker top and compose top). */
public final class TopRows {
    public static final List<String> TITLES = List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");

    private TopRows() {}

    public static List<String> of(ProcessInfo pi) {
        int hostPid = pi.nsPids().isEmpty() ? pi.pid() : pi.nsPids().get(0);
        return List.of(pi.uid() == 0 ? "root" : String.valueOf(pi.uid()), String.valueOf(hostPid), String.valueOf(pi.ppid()),
                "0", Dates.hourMinute(pi.startMillis()), "?", "00:00:00", pi.command() == null ? "" : pi.command());
    }
}
