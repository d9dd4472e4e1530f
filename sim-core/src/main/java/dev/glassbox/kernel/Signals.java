package dev.glassbox.kernel;

import java.util.Locale;
import java.util.Map;

/** Linux signal numbers and names. */
public final class Signals {
    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11,
            SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19,
            SIGWINCH = 28;

    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("HUP", SIGHUP), Map.entry("INT", SIGINT), Map.entry("QUIT", SIGQUIT),
            Map.entry("KILL", SIGKILL), Map.entry("USR1", SIGUSR1), Map.entry("SEGV", SIGSEGV),
            Map.entry("USR2", SIGUSR2), Map.entry("PIPE", SIGPIPE), Map.entry("ALRM", SIGALRM),
            Map.entry("TERM", SIGTERM), Map.entry("CHLD", SIGCHLD), Map.entry("CONT", SIGCONT),
            Map.entry("STOP", SIGSTOP), Map.entry("WINCH", SIGWINCH));

    private Signals() {}

    /** Parses {@code TERM}, {@code SIGTERM} or {@code 15}; returns -1 when it is none of them. */
    public static int parse(String s) {
        if (s == null || s.isEmpty()) {
            return -1;
        }
        String u = s.toUpperCase(Locale.ROOT);
        if (u.startsWith("SIG")) {
            u = u.substring(3);
        }
        Integer n = BY_NAME.get(u);
        if (n != null) {
            return n;
        }
        try {
            int v = Integer.parseInt(s);
            return v >= 1 && v <= 64 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static String name(int signal) {
        for (Map.Entry<String, Integer> e : BY_NAME.entrySet()) {
            if (e.getValue() == signal) {
                return "SIG" + e.getKey();
            }
        }
        return "SIG" + signal;
    }

    /** strsignal(3): how a shell reports a job the signal ended ("Killed", "Terminated"). */
    public static String description(int signal) {
        return switch (signal) {
            case SIGHUP -> "Hangup";
            case SIGINT -> "Interrupt";
            case SIGQUIT -> "Quit";
            case 6 -> "Aborted";
            case SIGKILL -> "Killed";
            case SIGUSR1 -> "User defined signal 1";
            case SIGSEGV -> "Segmentation fault";
            case SIGUSR2 -> "User defined signal 2";
            case SIGPIPE -> "Broken pipe";
            case SIGALRM -> "Alarm clock";
            case SIGTERM -> "Terminated";
            default -> "Real-time signal " + signal;
        };
    }
}
