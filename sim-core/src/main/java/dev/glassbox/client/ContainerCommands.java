package dev.glassbox.client;

import dev.glassbox.api.Api;
import dev.glassbox.api.Api.LogLine;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import dev.glassbox.api.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The container lifecycle commands that act on a list of containers, plus {@code logs}. */
final class ContainerCommands {
    private ContainerCommands() {}

    @FunctionalInterface
    interface Action {
        void apply(String container);
    }

    /**
     * stop/kill/rm/… a b c: each name on success, each error on stderr, exit 1 if any failed. A 304
     * (already stopped, already running) counts as success, as the docker CLI treats it.
     */
    static int each(Session s, List<String> containers, Action action) {
        return failures(s, containers, action).isEmpty() ? 0 : 1;
    }

    /** Runs the action on each container, printing its name on success (304 included) or the daemon's error. */
    private static List<String> failures(Session s, List<String> containers, Action action) {
        List<String> failed = new ArrayList<>();
        for (String c : containers) {
            try {
                action.apply(c);
            } catch (DockerException e) {
                if (e.kind() != ErrorKind.NOT_MODIFIED) {
                    s.err(Session.daemonError(e));
                    failed.add(c);
                    continue;
                }
            }
            s.out(c);
        }
        return failed;
    }

    static int start(Session s, Parsed p) {
        if (p.bool("attach") || p.bool("interactive")) {
            if (p.args.size() > 1) {
                throw new UsageException("you cannot start and attach multiple containers at once", 1);
            }
            return Attached.start(s, p.args.get(0), p.bool("interactive"), p.string("detach-keys", ""));
        }
        List<String> failed = failures(s, p.args, s.api::start);
        if (!failed.isEmpty()) {
            s.err("Error: failed to start containers: " + String.join(", ", failed));
            return 1;
        }
        return 0;
    }

    static int stop(Session s, Parsed p) {
        Integer timeout = timeout(p);
        String signal = p.string("signal", null);
        return each(s, p.args, c -> s.api.stop(c, timeout, signal));
    }

    static int restart(Session s, Parsed p) {
        Integer timeout = timeout(p);
        return each(s, p.args, c -> s.api.restart(c, timeout));
    }

    private static Integer timeout(Parsed p) {
        Long t = p.changed("timeout") ? p.integer("timeout") : p.integer("time");
        return t == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, t));
    }

    static int kill(Session s, Parsed p) {
        String signal = p.string("signal", null);
        return each(s, p.args, c -> s.api.kill(c, signal));
    }

    static int rm(Session s, Parsed p) {
        return each(s, p.args, c -> s.api.remove(c, p.bool("force"), p.bool("volumes")));
    }

    static int rename(Session s, Parsed p) {
        if (p.args.get(1).strip().isEmpty()) {
            s.err("Error: Neither old nor new names may be empty");
            return 1;
        }
        s.api.rename(p.args.get(0), p.args.get(1).strip());
        return 0;
    }

    static int pause(Session s, Parsed p) {
        return each(s, p.args, s.api::pause);
    }

    static int unpause(Session s, Parsed p) {
        return each(s, p.args, s.api::unpause);
    }

    static int await(Session s, Parsed p) {
        int status = 0;
        for (String c : p.args) {
            try {
                Api.WaitResult w = s.api.await(c, "not-running");
                if (w.statusCode() < 0) {
                    s.err("glassbox: " + c + " is still running and nothing left would stop it; not waiting");
                    status = 1;
                } else {
                    s.out(String.valueOf(w.statusCode()));
                }
            } catch (DockerException e) {
                s.err(Session.daemonError(e));
                status = 1;
            }
        }
        return status;
    }

    static int logs(Session s, Parsed p) {
        boolean timestamps = p.bool("timestamps");
        List<LogLine> lines = s.api.logs(p.args.get(0), true, true, p.string("tail", "all"), timestamps);
        for (LogLine l : lines) {
            logLine(s, l, timestamps);
        }
        if (p.bool("follow") && Attached.flag(Attached.map(s.api.inspectContainer(p.args.get(0)).get("State")), "Running")) {
            if (s.console == null) {
                s.err("glassbox: docker logs -f stops here: the container runs on and what it prints later is not followed");
                return 0;
            }
            int seen = s.api.logs(p.args.get(0), true, true, "all", false).size();
            return new LogFollow(s, p.args.get(0), seen, l -> logLine(s, l, timestamps)).run();
        }
        return 0;
    }

    private static void logLine(Session s, LogLine l, boolean timestamps) {
        String text = Objects.toString(l.text(), "");
        Session.Stream to = l.stream() == 2 ? s.err : s.out;
        to.append(timestamps ? stamp(text, Dates.logTimestamp(l.timeMillis())) : text);
    }

    /** Each line of a chunk gets the timestamp, unless the daemon already put it there. */
    private static String stamp(String text, String ts) {
        if (text.startsWith(ts)) {
            return text;
        }
        StringBuilder b = new StringBuilder();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            b.append(ts).append(' ').append(text, start, end);
            start = end;
        }
        return b.toString();
    }
}
